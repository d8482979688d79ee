"""The one place where errors become HTTP: a JSON error body under /api/, a Chinese page elsewhere.

User input never produces a 500: each engine error class has its status here, bad URL bytes a 400.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from search.errors import (
    CorpusError,
    GaoxinError,
    IndexUnavailable,
    InvalidRequest,
    NotFound,
    SearchTimeout,
    ServiceBusy,
)
from search.fields import FACETS
from web.links import SearchLinks, labels
from web.recovery import kept_search

log = logging.getLogger(__name__)

TITLES = {
    400: "请求有误",
    404: "没有找到这个页面",
    405: "不支持的请求方法",
    503: "服务暂时不可用",
    500: "服务器出错了",
}
HTTP_MESSAGES = {
    404: "没有找到这个地址：链接可能已失效或输入有误 / not found",
    405: "此地址只支持 GET 请求 / method not allowed",
}
BAD_ENCODING = "网址编码无效：请使用 UTF-8 编码的参数 / the URL is not valid UTF-8"
# Engine error classes (most specific first) -> HTTP status and, where the engine's message is
# English only, the Chinese sentence shown before it. Validation messages are bilingual already.
ENGINE_ERRORS: tuple[tuple[type[GaoxinError], int, str], ...] = (
    (InvalidRequest, 400, ""),
    (CorpusError, 400, ""),
    (NotFound, 404, ""),
    (ServiceBusy, 503, "服务器繁忙，请稍后再试"),
    (SearchTimeout, 503, "检索用时过长：请减少关键词或添加筛选条件后再试"),
    (IndexUnavailable, 503, "索引暂时无法使用，请稍后再试"),
)
# The index's own message names its directory: visitors get this, the log gets the message.
INDEX_UNAVAILABLE = (
    "索引暂时无法使用，请稍后再试 / the search index is unavailable; try again later"
)
# Seconds a client should wait after a busy answer: the time a few searches take to finish.
BUSY_RETRY_AFTER = 5


def wants_json() -> bool:
    """API routes and the health check answer errors in JSON; pages answer with HTML."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(
    status: int, message: str, *, keep_search: bool = True
) -> tuple[Response | str, int]:
    """The error in the shape the client expects, with the given HTTP status; a page keeps the
    refused search unless its URL cannot be read (`keep_search=False`)."""
    if wants_json():
        return jsonify({"error": {"status": status, "message": message}}), status
    title = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    page = render_template(
        "error.html",
        status=status,
        title=title,
        message=message,
        **(_refused_search(status) if keep_search else {}),
    )
    return page, status


def _refused_search(status: int) -> dict[str, Any]:
    """For a refused search (a 400 of `/`) or one the engine could not answer (a 503: out of time,
    busy), what the error page keeps of it to correct or to send again."""
    if status not in (400, 503) or request.path != "/":
        return {}
    state, valid_times = kept_search(request.args)
    return {
        "request_state": state,
        "valid_times": valid_times,
        "links": SearchLinks(state),
        "facets": FACETS,
        **labels(),
    }


def engine_error_answer(error: GaoxinError) -> tuple[int, str]:
    """The HTTP status and user message of an engine error (500 for a class not listed)."""
    if isinstance(error, IndexUnavailable):
        log.warning("index unavailable: %s", error.message)
        return 503, INDEX_UNAVAILABLE
    for error_class, status, chinese in ENGINE_ERRORS:
        if isinstance(error, error_class):
            return status, f"{chinese} / {error.message}" if chinese else error.message
    return 500, f"服务器内部错误，请稍后再试 / {error.message}"


def reject_bad_encoding() -> tuple[Response | str, int] | None:
    """Before any view: a query string that is not UTF-8 (raw or percent-encoded) is a 400."""
    raw = request.environ.get("QUERY_STRING", "")
    try:
        unquote_to_bytes(raw.encode("latin-1")).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return error_response(400, BAD_ENCODING, keep_search=False)
    return None


def register_error_handlers(app: Flask) -> None:
    """Install the handlers on `app`; call once from create_app()."""
    app.before_request(reject_bad_encoding)

    @app.errorhandler(GaoxinError)
    def handle_engine_error(error: GaoxinError) -> tuple[Response | str, int]:
        status, message = engine_error_answer(error)
        body, status = error_response(status, message)
        response = make_response(body, status)
        if isinstance(error, ServiceBusy):
            response.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response, status

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException) -> tuple[Response | str, int]:
        status = error.code or 500
        return error_response(status, HTTP_MESSAGES.get(status, error.description or ""))

    @app.errorhandler(UnicodeError)
    def handle_unicode_error(error: UnicodeError) -> tuple[Response | str, int]:
        return error_response(400, BAD_ENCODING, keep_search=False)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> tuple[Response | str, int]:
        # A bug, not user input: log the traceback for us, show the user a calm page.
        log.exception("unexpected error on %s", request.path)
        return error_response(500, "服务器内部错误，请稍后再试 / internal server error")
