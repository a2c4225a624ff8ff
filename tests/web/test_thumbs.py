"""Generated thumbnails (web/thumbs.py): SVG per row, deterministic, cacheable, and what the
demo's path_thumb and the gallery's cards point at."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import psycopg
import pytest

from conftest import url_of
from test_gallery import base_url, browser  # noqa: F401  (headless Chromium + a served app)
from web_support import make_app, web_db  # noqa: F401

SVG = "{http://www.w3.org/2000/svg}svg"


@pytest.fixture
def client(web_db, make_app):
    url, _ = web_db
    return make_app(url, START_LISTENER=False).test_client()


@pytest.mark.parametrize("path", ["/thumbs/items/1.svg", "/thumbs/auto/1.svg", "/thumbs/auto/0.svg",
                                  f"/thumbs/items/{2**63 - 1}.svg"])
def test_thumbnail_is_a_cacheable_svg(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.mimetype == "image/svg+xml"
    assert ET.fromstring(r.data).tag == SVG
    etag = r.headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10, "a strong ETag"
    cache = r.headers["Cache-Control"]
    assert "public" in cache and "max-age=604800" in cache
    # a browser revalidating with the ETag gets 304 and no body
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    # another ETag (an older drawing) gets the picture
    other = client.get(path, headers={"If-None-Match": '"0123"'})
    assert other.status_code == 200 and other.data == r.data


def test_thumbnails_are_deterministic_and_distinct(client) -> None:
    first = {p: client.get(p) for p in ("/thumbs/items/1.svg", "/thumbs/auto/1.svg", "/thumbs/items/2.svg")}
    for path, r in first.items():
        again = client.get(path)
        assert (again.data, again.headers["ETag"]) == (r.data, r.headers["ETag"])
    assert len({r.data for r in first.values()}) == 3
    assert len({r.headers["ETag"] for r in first.values()}) == 3
    assert b"<circle" in first["/thumbs/items/1.svg"].data and b"<rect x" in first["/thumbs/auto/1.svg"].data


@pytest.mark.parametrize("path", ["/thumbs/other/1.svg", f"/thumbs/items/{2**63}.svg",
                                  "/thumbs/items/-1.svg", "/thumbs/items/abc.svg", "/thumbs/items/1.webp"])
def test_bad_thumbnail_paths_are_404(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.mimetype != "image/svg+xml"


def test_demo_rows_point_at_served_thumbnails(genonaut_db: psycopg.Connection, make_app) -> None:
    """The demo's path_thumb values are URLs this app serves, for both sources."""
    rows = genonaut_db.execute(
        "(select source_type, id, path_thumb from content_items_all where source_type = 'items' order by id limit 3) "
        "union all (select source_type, id, path_thumb from content_items_all where source_type = 'auto' "
        "order by id desc limit 3)").fetchall()
    assert len(rows) == 6
    client = make_app(url_of(genonaut_db), START_LISTENER=False).test_client()
    for source, ident, path in rows:
        assert path == f"/thumbs/{source}/{ident}.svg"
        r = client.get(path)
        assert r.status_code == 200 and r.mimetype == "image/svg+xml", path


def test_gallery_cards_show_the_thumbnails(client) -> None:
    page = client.get("/?page_size=5").get_data(as_text=True)
    assert page.count('<img class="thumb" src="/thumbs/') == 5


def test_gallery_thumbnails_load_in_a_browser(browser, base_url) -> None:
    """In Chromium every card's picture is fetched, decoded and drawn at its size."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{base_url}/?page_size=6")
    loaded = ("return Array.from(document.querySelectorAll('#grid img.thumb'))"
              ".map(i => i.complete && i.naturalWidth > 0 ? i.naturalWidth + 'x' + i.naturalHeight : 'no')")
    WebDriverWait(browser, 15).until(lambda d: "no" not in d.execute_script(loaded))
    assert browser.execute_script(loaded) == ["160x120"] * 6
