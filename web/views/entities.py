"""Entity pages and their JSON twins: parks (and the park directory), organisations, cited
policy documents, and the related paragraphs of a paragraph.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, redirect, render_template, request
from werkzeug.datastructures import MultiDict

from search.entities.taxonomy import PARK_KINDS
from search.entity_pages import province_groups
from search.errors import NotFound
from search.models import ENTITY_FACETS, EntityProfile, SearchRequest
from search.serialize import entity_url, park_entry_json, profile_json, related_json
from search.validation import invalid
from web.export import csv_table
from web.links import SearchLinks, labels
from web.params import api_twin_url, checked_paragraph_id, search_url
from web.service import get_service

blueprint = Blueprint("entities", __name__)

ENTITY_LABELS = {"park": "园区", "organization": "机构", "policy_document": "政策文件"}
DIRECTORY_PARAMS = ("province", "kind", "sort", "format")
DIRECTORY_COLUMNS = (
    "name",
    "kind",
    "city",
    "province",
    "parent",
    "aliases",
    "paragraphs",
    "articles",
    "url",
)
MAX_NAME_CHARS = 200
BAR_STEPS = 20  # bar widths in 5 % steps: CSS classes w-0 … w-20 (no inline styles under CSP)


def _directory_args(args: MultiDict[str, str]) -> dict[str, str | None]:
    unknown = sorted(set(args.keys()) - set(DIRECTORY_PARAMS))
    if unknown:
        known = ", ".join(DIRECTORY_PARAMS)
        raise invalid(
            f"未知参数：{unknown[0]}（可用参数：{known}）",
            f"unknown parameter {unknown[0]!r} (known: {known})",
        )
    for name in DIRECTORY_PARAMS:
        if len(args.getlist(name)) > 1:
            raise invalid(f"参数 {name} 只能出现一次", f"parameter {name!r} may appear only once")
    chosen = {name: (args.get(name) or "").strip() or None for name in DIRECTORY_PARAMS}
    _check_choice(chosen, "kind", PARK_KINDS)
    _check_choice(chosen, "sort", ("count", "name"))
    _check_choice(chosen, "format", ("json", "csv"))
    return chosen


def _check_choice(chosen: dict[str, str | None], name: str, allowed: tuple[str, ...]) -> None:
    value = chosen[name]
    if value is not None and value not in allowed:
        listed = ", ".join(allowed)
        raise invalid(
            f"参数 {name} 的取值无效：{value[:20]}（可选：{listed}）",
            f"invalid value for {name!r}: {value[:20]!r} (allowed: {listed})",
        )


def _directory(chosen: dict[str, str | None]) -> list[dict[str, Any]]:
    entries = get_service().parks(
        province=chosen["province"], kind=chosen["kind"], sort=chosen["sort"] or "count"
    )
    return [park_entry_json(entry) for entry in entries]


def _directory_csv(rows: list[dict[str, Any]]) -> Response:
    base = request.host_url.rstrip("/")
    cells = [{**row, "url": base + row["url"]} for row in rows]
    return csv_table(DIRECTORY_COLUMNS, cells, "gaoxin-parks.csv")


@blueprint.get("/api/parks")
def park_directory_json() -> Response:
    chosen = _directory_args(request.args)
    rows = _directory(chosen)
    if chosen["format"] == "csv":
        return _directory_csv(rows)
    return jsonify({"total": len(rows), "parks": rows})


@blueprint.get("/parks")
def park_directory_page() -> Response | str:
    chosen = _directory_args(request.args)
    twin = api_twin_url("/api/parks", request.args)
    if chosen["format"] == "json" and twin is not None:  # the page is HTML: the JSON is the API's
        return redirect(twin, code=302)
    rows = _directory(chosen)
    if chosen["format"] == "csv":  # served here too, as the page's own download
        return _directory_csv(rows)
    everything = get_service().parks()
    query = [(name, value) for name, value in chosen.items() if value and name != "format"]
    return render_template(
        "parks.html",
        rows=rows,
        chosen=chosen,
        provinces=province_groups({entry.province for entry in everything if entry.province}),
        kinds=PARK_KINDS,
        api_url="/api/parks" + (f"?{urlencode(query)}" if query else ""),
        csv_url="/api/parks?" + urlencode([*query, ("format", "csv")]),
        links=SearchLinks(SearchRequest()),
        **labels(),
    )


def _profile(facet: str, name: str, api: bool) -> EntityProfile | Response:
    """The profile of `name`, or a redirect from an alias to the canonical page."""
    if request.args:
        raise invalid("实体页面不接受参数", "entity pages take no parameters")
    canonical = None
    if len(name) <= MAX_NAME_CHARS:
        canonical = get_service().entity_name(facet, name)
    if canonical is None:
        label = ENTITY_LABELS[facet]
        raise NotFound(f"没有这个{label}：{name[:40]} / no {facet} {name[:40]!r} in the index")
    if canonical != name:
        target = entity_url(facet, canonical)
        return redirect(f"/api{target}" if api else target, code=302)
    return get_service().profile(facet, name)


def _entity_json(facet: str, name: str) -> Response:
    found = _profile(facet, name, api=True)
    if isinstance(found, Response):
        return found
    return jsonify(profile_json(found))


def _entity_page(facet: str, name: str) -> Response | str:
    found = _profile(facet, name, api=False)
    if isinstance(found, Response):
        return found
    data = profile_json(found)
    filtered = SearchRequest(filters={facet: (name,)})
    return render_template(
        "entity.html",
        profile=found,
        data=data,
        facet=facet,
        entity_label=ENTITY_LABELS[facet],
        filter_url=search_url("/", filtered),
        api_url="/api" + entity_url(facet, name),
        bars=_bars,
        timeline_bars=_bars(
            [{"value": point["period"], "count": point["count"]} for point in data["timeline"]]
        ),
        links=SearchLinks(filtered),
        request_state=filtered,
        **labels(),
    )


def _bars(buckets: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each bucket with its bar width step (0 … BAR_STEPS) against the largest count."""
    largest = max((bucket["count"] for bucket in buckets), default=0) or 1
    return [(bucket, round(bucket["count"] * BAR_STEPS / largest)) for bucket in buckets]


def _register_entity_routes() -> None:
    """A page and its JSON twin for each entity facet: `/parks/<name>`, `/api/parks/<name>`,
    `/organizations/…`, `/policy-documents/…` (the paths of `ENTITY_FACETS`)."""
    for facet, path in ENTITY_FACETS.items():
        page, twin = functools.partial(_entity_page, facet), functools.partial(_entity_json, facet)
        blueprint.add_url_rule(f"/{path}/<path:name>", f"{facet}_page", page)
        blueprint.add_url_rule(f"/api/{path}/<path:name>", f"{facet}_json", twin)


_register_entity_routes()


@blueprint.get("/api/paragraphs/<paragraph_id>/related")
def related(paragraph_id: str) -> Response:
    if request.args:
        raise invalid("此接口不接受参数", "this route takes no parameters")
    found = get_service().related(checked_paragraph_id(paragraph_id))
    return jsonify(related_json(found))
