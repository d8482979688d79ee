"""The reliability run's clients (bench/reliability.py): bounded threads mixing searches, facet
clicks, article and paragraph pages and CSV exports against a served index, timing each kind."""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlencode

from bench.queries import load_queries

MAX_REQUESTS_PER_CLIENT = 200_000
KINDS = ("search", "facet", "article", "paragraph", "export")


def fetch(base_url: str, path: str, timeout: float = 60.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(base_url + path, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Load:
    """Bounded threaded clients mixing searches, facet clicks, article pages and CSV exports."""

    def __init__(self, base_url: str, facet_values: dict[str, list[str]]) -> None:
        self.base_url = base_url
        self.queries = load_queries()
        self.facet_values = {name: values[:30] for name, values in facet_values.items() if values}
        self.article_ids: list[str] = []
        self.paragraph_ids: list[str] = []
        self.latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def next_request(self, rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(KINDS, weights=(45, 25, 15, 5, 10))[0]
        with self.lock:
            article_ids, paragraph_ids = list(self.article_ids[-500:]), self.paragraph_ids[-500:]
        if kind == "article" and article_ids:
            article_id = rng.choice(article_ids)
            return kind, rng.choice([f"/articles/{article_id}", f"/api/articles/{article_id}"])
        if kind == "paragraph" and paragraph_ids:
            return kind, f"/api/paragraphs/{rng.choice(paragraph_ids)}"
        query = rng.choice(self.queries)
        params: list[tuple[str, str]] = [("q", query.text)]
        params += [(name, value) for name, values in query.filters.items() for value in values]
        if kind == "facet" and self.facet_values:
            facet = rng.choice(sorted(self.facet_values))
            params.append((facet, rng.choice(self.facet_values[facet])))
        if kind == "export":
            params += [("format", "csv"), ("per_page", "100")]
            return kind, "/api/search?" + urlencode(params)
        params.append(("page", str(rng.choice((1, 1, 1, 2, 5)))))
        route = rng.choice(["/api/search?", "/api/search?", "/?"])
        return ("search" if kind in ("article", "paragraph") else kind), route + urlencode(params)

    def remember(self, body: bytes) -> None:
        results = json.loads(body).get("results", [])
        with self.lock:
            self.article_ids += [hit["article_id"] for hit in results[:3]]
            self.paragraph_ids += [hit["paragraph_id"] for hit in results[:3]]

    def client(self, number: int, done: Callable[[], bool]) -> None:
        rng = random.Random(number)
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if done():
                return
            kind, path = self.next_request(rng)
            started = time.monotonic()
            try:
                status, body = fetch(self.base_url, path)
            except OSError as error:
                status, body = 0, str(error).encode()
            with self.lock:
                self.latencies[kind].append(time.monotonic() - started)
                if status != 200:
                    self.errors.append(f"{status} {path[:120]} {body[:200]!r}")
            if status == 200 and path.startswith("/api/search") and "format=csv" not in path:
                self.remember(body)

    def run(self, clients: int, done: Callable[[], bool]) -> None:
        threads = [threading.Thread(target=self.client, args=(n, done)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def summary(self) -> dict:
        every = [value for values in self.latencies.values() for value in values]
        kinds = {kind: latency_summary(values) for kind, values in self.latencies.items()}
        return latency_summary(every) | {"errors": len(self.errors), "by_kind": kinds}


def latency_summary(values: list[float]) -> dict:
    ordered = sorted(values) or [0.0]
    share = {"p50_ms": 0.5, "p95_ms": 0.95}
    return {"requests": len(values)} | {
        name: round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)
        for name, q in share.items()
    }
