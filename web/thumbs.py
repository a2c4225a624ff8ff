"""Generated thumbnails: `GET /thumbs/<source>/<id>.svg`, a small picture per content row.

The demo's rows point their `path_thumb` here (python_admin/demo_sql.py). The picture is drawn
from a hash of the URL's source and id alone, so it needs no database and no rights beyond
serving the request: the same URL always gives the same bytes, and browsers may keep it
(strong ETag, `Cache-Control: public, max-age, immutable`; `If-None-Match` answers 304).
`items` rows get soft discs, `auto` rows tilted squares, so the two sources look apart.
"""
from __future__ import annotations

import hashlib

from flask import Blueprint, Response, abort, request

thumbs = Blueprint("thumbs", __name__)

SOURCES = ("items", "auto")
MAX_ID = 2**63 - 1  # content ids are bigint
# Part of the hash: change it when the drawing changes, so cached pictures are replaced.
DRAWING_VERSION = "1"
MAX_AGE_SECONDS = 7 * 24 * 3600
WIDTH, HEIGHT = 160, 120


def thumbnail_path(source: str, item_id: int) -> str:
    """The URL path of a row's thumbnail (what the demo stores in path_thumb)."""
    return f"/thumbs/{source}/{item_id}.svg"


def _digest(source: str, item_id: int) -> bytes:
    return hashlib.sha256(f"tagpage-thumb:{DRAWING_VERSION}:{source}:{item_id}".encode()).digest()


def render(source: str, item_id: int) -> str:
    """The SVG of one row: a two-colour gradient, three shapes and a hill, all from the hash."""
    h = _digest(source, item_id)
    hue = h[0] * 360 // 256
    hue2 = (hue + 30 + h[1] % 150) % 360
    shapes = []
    for k in range(3):
        x, y, size, tint = h[2 + 4 * k], h[3 + 4 * k], h[4 + 4 * k], h[5 + 4 * k]
        cx, cy, r = 10 + x * (WIDTH - 20) // 255, 10 + y * (HEIGHT - 40) // 255, 8 + size % 26
        colour = f"hsl({(hue + 120 + tint) % 360},70%,{55 + tint % 30}%)"
        if source == "items":
            shapes.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}" fill-opacity=".6"/>')
        else:
            shapes.append(f'<rect x="{cx - r}" y="{cy - r}" width="{2 * r}" height="{2 * r}" '
                          f'transform="rotate({tint % 90} {cx} {cy})" fill="{colour}" fill-opacity=".6"/>')
    y0, y1, y2, y3 = (70 + h[14 + k] % 40 for k in range(4))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="{h[18] % 2}" y2="1">'
        f'<stop offset="0" stop-color="hsl({hue},65%,72%)"/>'
        f'<stop offset="1" stop-color="hsl({hue2},55%,42%)"/></linearGradient></defs>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#g)"/>'
        + "".join(shapes)
        + f'<path d="M0 {y0} Q40 {y1} 80 {y2} T{WIDTH} {y3} V{HEIGHT} H0Z" '
          f'fill="hsl({hue2},40%,22%)" fill-opacity=".55"/></svg>'
    )


@thumbs.get("/thumbs/<source>/<int:item_id>.svg")
def thumbnail(source: str, item_id: int) -> Response:
    if source not in SOURCES or item_id > MAX_ID:
        abort(404)
    response = Response(render(source, item_id), mimetype="image/svg+xml")
    response.set_etag(_digest(source, item_id).hex()[:32])
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response.make_conditional(request)
