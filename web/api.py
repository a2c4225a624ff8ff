"""JSON routes under /api/v1, /metrics and the admin cache route."""
from __future__ import annotations

import hmac
import time

from flask import Blueprint, Response, current_app, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST

from web import service
from web.params import ParamError, parse_content, parse_popular, parse_related, parse_tag_search
from web.service import ServiceError

api = Blueprint("api", __name__)
# Registered by create_app only when TAGPAGE_ADMIN_TOKEN is set: no token, no route.
admin = Blueprint("admin", __name__)


def runtime():
    return current_app.extensions["tagpage"]


@api.app_errorhandler(ParamError)
def _param_error(exc: ParamError):
    return jsonify(exc.to_json()), exc.status


@api.app_errorhandler(ServiceError)
def _service_error(exc: ServiceError):
    return jsonify(exc.to_json()), exc.status


@api.app_errorhandler(404)
def _not_found(exc):
    if request.path.startswith("/api/"):
        return jsonify({"error": {"code": "not_found", "message": f"no route {request.path}",
                                  "field": None}}), 404
    return exc


@api.app_errorhandler(405)
def _not_allowed(exc):
    if request.path.startswith("/api/"):
        return jsonify({"error": {"code": "method_not_allowed",
                                  "message": f"{request.method} is not allowed on {request.path}",
                                  "field": None}}), 405
    return exc


@api.get("/api/v1/content/unified")
def content_unified():
    rt = runtime()
    started = time.perf_counter()
    params = parse_content(request.args)
    query = service.page_query(rt.servers, params, rt.statement_timeout_ms)
    # Unknown tag ids are reported by SQL; name the field the client actually used.
    tag_field = "tag_names" if params.tag_names and not params.tag_ids else "tag"
    result = service.get_page(rt.servers, rt.cache, query, bypass=params.cache_bypass,
                              statement_timeout_ms=rt.statement_timeout_ms, tag_field=tag_field,
                              with_total=params.include_total)
    elapsed = time.perf_counter() - started
    strategy = result.payload.get("strategy")
    rt.metrics.latency.labels(strategy or "none", result.cache, result.server).observe(elapsed)
    meta = {"strategy": strategy, "cache": result.cache, "elapsed_ms": round(elapsed * 1000, 3)}
    if result.total is not None:
        meta |= {"total_method": result.total["method"], "total_cache": result.total_cache}
    return jsonify({
        "items": result.payload["items"],
        "pagination": result.payload["pagination"] | totals(result.total, query.page_size),
        "meta": meta,
    })


def totals(total: dict | None, page_size: int) -> dict:
    """The pagination fields of a count (all null when the request skipped it)."""
    if total is None:
        return {"total_count": None, "total_pages": None, "total_count_exact": None,
                "total_count_range": None}
    return {"total_count": total["total"],
            "total_pages": -(-total["total"] // page_size),
            "total_count_exact": total["exact"],
            "total_count_range": [total["lower"], total["upper"]]}


@api.get("/api/v1/tags/related")
def tags_related():
    rt = runtime()
    params, limit = parse_related(request.args)
    query = service.page_query(rt.servers, params, rt.statement_timeout_ms)
    tag_field = "tag_names" if params.tag_names and not params.tag_ids else "tag"
    tags, outcome = service.get_related(rt.servers, rt.cache, query, limit, bypass=params.cache_bypass,
                                        statement_timeout_ms=rt.statement_timeout_ms, tag_field=tag_field)
    # The body is a list like the other tag endpoints; the cache outcome travels in a header.
    return jsonify(tags), 200, {"X-Tagpage-Cache": outcome}


@api.get("/api/v1/tags/popular")
def tags_popular():
    rt = runtime()
    args = parse_popular(request.args)
    return jsonify(service.popular_tags(rt.servers, rt.statement_timeout_ms, **args))


@api.get("/api/v1/tags")
def tags_search():
    rt = runtime()
    args = parse_tag_search(request.args)
    return jsonify(service.search_tags(rt.servers, rt.statement_timeout_ms, **args))


@api.get("/api/v1/health")
def health():
    """The primary checked now; every server as the health checker last saw it (state, and a
    replica's replay lag). 503 only when no server can answer a read."""
    rt = runtime()
    try:
        with rt.pool.connection(timeout=2) as conn:
            conn.execute("select 1")
        database = "ok"
    except Exception as exc:  # noqa: BLE001 - health reports any failure as a status
        database = f"error: {type(exc).__name__}"
    if not rt.cache.enabled:
        redis_state = "disabled"
    else:
        redis_state = "ok" if rt.cache.ping() else "off"
    servers = rt.servers.describe()
    servers[0]["state"] = "ok" if database == "ok" else "down"
    readable = database == "ok" or any(r.usable for r in rt.servers.replicas)
    all_ok = all(s["state"] == "ok" for s in servers)
    body = {
        "status": "ok" if all_ok else "degraded",
        "database": database,
        "redis": redis_state,
        "invalidation_listener": "up" if rt.listener_up() else ("absent" if rt.listener is None else "down"),
        "servers": servers,
    }
    return jsonify(body), 200 if readable else 503


@api.get("/metrics")
def metrics():
    return Response(runtime().metrics.render(), mimetype=CONTENT_TYPE_LATEST)


@admin.post("/api/v1/admin/cache/clear")
def admin_cache_clear():
    rt = runtime()
    token = rt.admin_token or ""
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        return (jsonify({"error": {"code": "unauthorized", "message": "a valid bearer token is required",
                                   "field": "Authorization"}}),
                401, {"WWW-Authenticate": "Bearer"})
    if not rt.cache.enabled:
        return jsonify({"cleared": 0, "cache": "disabled"})
    try:
        deleted = rt.cache.clear()
    except Exception as exc:  # noqa: BLE001 - Redis down is a 503, not a crash
        raise ServiceError("redis_unavailable", f"could not clear the cache: {exc}") from None
    return jsonify({"cleared": deleted, "cache": "ok"})
