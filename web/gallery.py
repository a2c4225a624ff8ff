"""The gallery page at `/`: server-rendered, its whole state (query, tags, sources, sort, cursor) in
the URL, so every state is a bookmark and the back button returns to the previous one.

The query box (`q`, the boolean tag query of docs/api.md) is the filter; the tag picker and the
related-tags chips write into it (web/static/gallery.js). Tag ids in the URL (`tag=`, links
made before the query box or by hand) still work, shown as checked chips and combined with the
query by AND, under the Match select."""
from __future__ import annotations

import time
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request

from web.cache import SOURCE_WORDS
from web import service
from web.params import GALLERY_SORTS, ParamError, parse_gallery
from web.service import ServiceError

gallery = Blueprint("gallery", __name__, template_folder="templates", static_folder="static",
                    static_url_path="/static")

SORT_LABELS = {
    "created_at_desc": "Newest first",
    "created_at_asc": "Oldest first",
    "quality_score_desc": "Best quality first",
}
SOURCE_LABELS = {
    "community-regular": "Community",
    "community-auto": "Community (auto)",
    "user-regular": "Mine",
    "user-auto": "Mine (auto)",
}
TAGS_SHOWN_PER_CARD = 12
RELATED_SHOWN = 16


def _url_with(cursor: str | None) -> str:
    """The current URL with its cursor replaced (state stays in the query string)."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    if cursor:
        pairs.append(("cursor", cursor))
    return "/?" + urlencode(pairs) if pairs else "/"


def results_label(total: dict | None) -> str | None:
    """'12,345 results' for an exact count, 'about 860,000 results' (two significant digits) for
    an estimate; None when there is no count."""
    if total is None:
        return None
    n = int(total["total"])
    if total["exact"]:
        return f"{n:,} result" + ("" if n == 1 else "s")
    rounded = int(float(f"{n:.2g}")) if n >= 100 else n
    return f"about {rounded:,} results"


def _related_url(params_url: str) -> str:
    """/api/v1/tags/related with the page's filter (its sort, size and cursor dropped)."""
    keep = ("tag", "tag_names", "tag_match", "q", "content_source_types", "user_id")
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k in keep]
    return params_url + ("?" + urlencode(pairs + [("limit", str(RELATED_SHOWN))]))


def _card_tags(item_tags: list[str], selected_names: set[str]) -> tuple[list[tuple[str, bool]], int]:
    """Selected tags first (highlighted), then the rest; how many were left out."""
    ordered = [t for t in item_tags if t in selected_names] + [t for t in item_tags if t not in selected_names]
    shown = ordered[:max(TAGS_SHOWN_PER_CARD, len(selected_names))]
    return [(t, t in selected_names) for t in shown], len(ordered) - len(shown)


@gallery.get("/")
def index():
    rt = current_app.extensions["tagpage"]
    started = time.perf_counter()
    error = q_error = None
    status = 200
    result = None
    selected: dict[str, str] = {}
    named: dict[str, str] = {}
    params = None
    try:
        params = parse_gallery(request.args)
        query = service.page_query(rt.servers, params, rt.statement_timeout_ms)
        named = service.tag_names_by_id(rt.servers, rt.statement_timeout_ms, list(query.filter_tags()))
        selected = {tag_id: named[tag_id] for tag_id in query.tags if tag_id in named}
        result = service.get_page(rt.servers, rt.cache, query, bypass=params.cache_bypass,
                                  statement_timeout_ms=rt.statement_timeout_ms, with_total=True)
        rt.metrics.latency.labels(result.payload.get("strategy") or "none", result.cache, result.server).observe(
            time.perf_counter() - started)
    except (ParamError, ServiceError) as exc:
        if getattr(exc, "field", None) == "q":
            q_error = exc.message  # shown under the query box, as the API words it
        else:
            error = f"{getattr(exc, 'field', None) or 'request'}: {exc.message}"
        status = exc.status
    # Cards highlight every tag the filter names (a negated one shows on rows an OR let in).
    names = set(named.values())
    cards = []
    if result is not None:
        for item in result.payload["items"]:
            tags, hidden = _card_tags(item.get("tags", []), names)
            cards.append({"item": item, "tags": tags, "hidden": hidden})
    pagination = result.payload["pagination"] if result else {}
    return render_template(
        "gallery.html",
        cards=cards,
        error=error,
        q=request.args.get("q", ""),
        q_error=q_error,
        selected=selected,
        tag_match=params.tag_match if params else "all",
        sources=(params.source_types if params and params.source_types else list(SOURCE_WORDS)),
        source_labels=SOURCE_LABELS,
        sort=params.sort if params else "created_at_desc",
        sorts=[(s, SORT_LABELS[s]) for s in GALLERY_SORTS],
        page_size=request.args.get("page_size"),
        user_id=request.args.get("user_id"),
        next_url=_url_with(pagination.get("next_cursor")) if pagination.get("has_next") else None,
        prev_url=_url_with(pagination.get("prev_cursor")) if pagination.get("has_previous") else None,
        results=results_label(result.total if result else None),
        total=result.total if result else None,
        related_url=_related_url("/api/v1/tags/related") if result else None,
        meta={"strategy": result.payload.get("strategy") if result else None,
              "cache": result.cache if result else None,
              "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)},
    ), status
