"""Turn one benchmark run's measurements (a dict) into the Markdown report."""

from __future__ import annotations

import math

from bench.report import number, table

PEERS = ("tantivy", "SQLite FTS5", "substring scan")
TARGETS = "targets (issue 6, full corpus): facet page p50 ≤ 10 ms and p95 ≤ 60 ms per class"


def _failed(section: dict | None) -> str | None:
    if section is None:
        return "not run"
    return section.get("error")


def build_table(results: dict) -> str:
    rows = []
    build = results.get("build")
    if build and not _failed(build):
        rows.append(
            [
                "Gaoxin (ours)",
                number(build["seconds"]),
                number(build["paragraphs_per_second"], 0),
                number(build["megabytes"]),
                number(build["peak_tree_rss_mb"], 0),
                number(build.get("peak_tree_pss_mb", math.nan), 0),
            ]
        )
    elif build:
        rows.append(["Gaoxin (ours)", _failed(build), "", "", "", ""])
    peers = results.get("peers", {}).get("systems", {})
    paragraphs = results["corpus"]["paragraphs"]
    for name, peer in peers.items():
        seconds = peer["build_seconds"]
        per_second = paragraphs / seconds if seconds else math.nan
        megabytes = number(peer["megabytes"])
        rows.append([name, number(seconds, 2), number(per_second, 0), megabytes, "", ""])
    headers = [
        "system",
        "build s",
        "paragraphs/s",
        "MB on disk",
        "peak RSS MB (sum over process tree)",
        "peak PSS MB (process tree)",
    ]
    note = ""
    if peers:
        note = (
            f"\nPeers index pre-tokenized text; jieba tokenization for them took "
            f"{results['peers']['tokenize_seconds']:.1f} s (2 processes, cached between runs), "
            "not included in their build seconds."
        )
    return table(headers, rows) + note


def _cell(classes: dict | None, name: str) -> str:
    if not classes or name not in classes:
        return "–"
    stats = classes[name]
    return f"{number(stats['p50'], 2)} / {number(stats['p95'], 2)} / {number(stats['max'], 2)}"


def _ratio(ours: dict | None, peer: dict | None, name: str) -> str:
    if not ours or not peer or name not in ours or name not in peer:
        return "–"
    p50 = ours[name]["p50"] / max(peer[name]["p50"], 1e-9)
    p95 = ours[name]["p95"] / max(peer[name]["p95"], 1e-9)
    return f"{p50:.1f}× / {p95:.1f}×"


def _hits(section: dict | None, name: str) -> str:
    totals = (section or {}).get("totals") or {}
    return f"{totals[name]:,}" if name in totals else "–"


def query_table(results: dict, classes: list[str]) -> str:
    ours = results.get("queries", {})
    ours_classes = ours.get("classes")
    peers = results.get("peers", {}).get("systems", {})
    headers = ["class", "ours warm p50/p95/max ms", "ours first query ms (fresh process)"]
    headers += [f"{name} p50/p95/max ms" for name in PEERS if name in peers]
    headers += [f"ours ÷ {name} p50 / p95" for name in PEERS[:2] if name in peers]
    headers += ["hits ours / tantivy / scan (sum over class)"]
    rows = []
    for name in classes:
        first = ours.get("first", {}).get(name)
        row = [name, _cell(ours_classes, name)]
        row.append(number(first["first_ms"]) if first else "–")
        row += [_cell(peers[p]["classes"], name) for p in PEERS if p in peers]
        row += [_ratio(ours_classes, peers[p]["classes"], name) for p in PEERS[:2] if p in peers]
        counts = [ours, peers.get("tantivy"), peers.get("substring scan")]
        row.append(" / ".join(_hits(section, name) for section in counts))
        rows.append(row)
    return table(headers, rows)


def serving_lines(results: dict) -> str:
    ours = results.get("queries")
    if _failed(ours):
        return f"- Our engine's query run: {_failed(ours)}"
    return (
        f"- Serving process (SearchService, same call as the API): opened and answered its first "
        f"query in {number(ours['open_ms'])} ms; RSS {number(ours['rss_after_open_mb'], 0)} MB "
        f"after open, {number(ours['rss_after_queries_mb'], 0)} MB after the query run, "
        f"peak {number(ours['peak_rss_mb'], 0)} MB."
    )


FRESHNESS_STEPS = (
    ("no_op", "`gaoxin index`, unchanged corpus", "≤ 1 s"),
    ("append_1", "1 record appended to the .jsonl", "searchable ≤ 1 s"),
    ("append_1_watching", "1 record appended, `gaoxin index --watch` running", "≤ 1 s"),
    ("append_1000", "1,000 records appended", "≤ 15 s"),
    ("add_folder_1000_files", "1,000 `.txt` files added beside it (corpus: the folder)", ""),
    ("edit_1_of_1000_files", "1 of the 1,000 `.txt` files edited", "≤ 1 s"),
    ("edit_1_of_1000_files_watching", "the same, `gaoxin index --watch` running", "≤ 1 s"),
    ("no_op_folder", "`gaoxin index`, unchanged folder", "≤ 1 s"),
)


def freshness_table(results: dict) -> str:
    """The incremental builds of `bench/incremental.py` on this run's index."""
    found = results.get("incremental")
    if not found:
        return ""
    if _failed(found):
        return f"Freshness: {_failed(found)}"
    rows = []
    for key, label, target in FRESHNESS_STEPS:
        step = found.get(key, {})
        searchable = step.get("searchable_seconds")
        rows.append(
            [
                label,
                number(step.get("seconds", math.nan), 2),
                number(step.get("cpu_seconds", math.nan), 2),
                number(searchable, 2) if searchable is not None else "",
                target,
                step.get("output", ""),
            ]
        )
    header = ["step", "wall s", "CPU s", "searchable s", "target", "summary"]
    return "### Freshness (`bench/incremental.py`)\n\n" + table(header, rows)


def http_table(results: dict) -> str:
    load = results.get("http")
    if not load:
        return "HTTP load: not run."
    if _failed(load):
        return f"HTTP load: {_failed(load)}"
    latency = load["latency"]
    headers = ["clients", "seconds", "requests", "errors", "p50 ms", "p95 ms", "max ms"]
    headers += ["requests/s", "first answer s", "server RSS idle / max MB"]
    headers += ["RSS max per process MB", "all PSS idle / max MB"]
    row = [load["clients"], number(load["seconds"], 0), load["requests"], load["errors"]]
    row += [number(latency["p50"]), number(latency["p95"]), number(latency["max"])]
    row += [number(load["throughput_per_s"]), number(load.get("first_answer_s", math.nan), 2)]
    row += [f"{load['server_rss_idle_mb']:.0f} / {load['server_rss_max_mb']:.0f}"]
    peaks = load.get("server_processes_peak_mb", [])  # the master first, then the workers
    row += [" · ".join(f"{peak['rss']:.0f}" for peak in peaks)]
    row += [f"{load.get('server_pss_idle_mb', 0):.0f} / {load.get('server_pss_max_mb', 0):.0f}"]
    examples = "".join(f"\n  - {example}" for example in load["error_examples"])
    return table(headers, [row]) + (f"\n\nError examples:{examples}" if examples else "")


def profile_block(results: dict) -> str:
    profile = results.get("profile")
    if not profile or _failed(profile):
        return ""
    return (
        f"### Where the time goes: cProfile of class `{profile['class']}` "
        f"({profile['calls']} warm searches)\n\n```\n{profile['tottime'].strip()}\n```\n"
        f"\nBy cumulative time:\n\n```\n{profile['cumulative'].strip()}\n```"
    )


def entities_block(results: dict) -> str:
    entities = results.get("entities")
    if not entities:
        return ""
    if _failed(entities):
        return f"Entity pages: {_failed(entities)}"
    from bench.entities import markdown as entities_markdown

    return (
        "### Entity pages and related paragraphs (warm, `bench/entities.py`), milliseconds\n\n"
        + entities_markdown(entities)
    )


def ranking_table(results: dict) -> str:
    ranking = results.get("ranking")
    if not ranking:
        return ""
    if _failed(ranking):
        return f"Ranking: {_failed(ranking)}"
    from bench.ranking import markdown

    return "### Ranking quality (cmrc2018-ir)\n\n" + markdown(ranking)


def trends_line(results: dict) -> str:
    """The trends case: two common words per request, engine time (`bench/engine.py trends`)."""
    found = results.get("trends")
    if not found:
        return ""
    if _failed(found):
        return f"Trends: {_failed(found)}"
    return (
        f"Trends (`/api/trends?q=A&q=B`, two common words, {found['pairs']} pairs × "
        f"{found['n'] // max(found['pairs'], 1)} passes): p50 {found['p50']:.1f} ms, "
        f"p95 {found['p95']:.1f} ms, max {found['max']:.1f} ms; {_trends_check(found)}."
    )


def _trends_check(found: dict) -> str:
    """What the untimed pass found: a period counts what a click on it lists (2ad042d)."""
    if "sum_mismatches" in found:  # a run saved before then checked that the counts add up
        return f"series whose counts do not add up to the search total: {found['sum_mismatches']}"
    return (
        f"series whose total is not the search's: {found['total_mismatches']}, sampled periods "
        f"whose count is not the total of the search limited to the period: "
        f"{found['period_mismatches']} of {found['periods_checked']}"
    )


def markdown(results: dict) -> str:
    from bench.queries import class_names, load_queries

    classes = class_names(load_queries())
    corpus = results["corpus"]
    scope = "full corpus" if corpus["full"] else "subset"
    parts = [
        f"## Benchmark run: xwlb {scope}, {corpus['articles']:,} articles, "
        f"{corpus['paragraphs']:,} paragraphs",
        f"Machine: {results['machine']}; load average at start "
        + " / ".join(f"{load:.2f}" for load in results.get("load_average_at_start", ())),
        "### Build\n\n" + build_table(results),
        "### Facet page: top 20 + facet counts (+ highlights for ours), milliseconds\n\n"
        + query_table(results, classes)
        + f"\n\n{TARGETS}.",
        serving_lines(results),
        freshness_table(results),
        trends_line(results),
        "### HTTP under load (`gaoxin serve`, 127.0.0.1, /api/search)\n\n" + http_table(results),
        profile_block(results),
        entities_block(results),
        ranking_table(results),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"
