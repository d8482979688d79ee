"""Index integrity under concurrent use, crashes and damage; bounded search time.

Builds pause themselves through `build_index(on_write=…)`, so the races are deterministic.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, create_in

from search.errors import IndexLocked, IndexUnavailable, SearchTimeout
from search.indexing.builder import build_index
from search.models import SearchRequest
from search.service import SearchService
from web.app import create_app

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Whoosh leaves a file handle to the garbage collector when a damaged segment fails to open,
# and the collector may run during a later test.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
OLD_WORD = "青岛高新区"  # in every paragraph
NEW_WORD = "蜂鸟计划"  # only in the articles a rebuild adds
OLD_ARTICLES, NEW_ARTICLES, PARAGRAPHS_PER_ARTICLE = 40, 10, 4
OLD_TOTAL = OLD_ARTICLES * PARAGRAPHS_PER_ARTICLE
NEW_TOTAL = NEW_ARTICLES * PARAGRAPHS_PER_ARTICLE
WORDS = ("人工智能", "生物医药", "集成电路", "新能源", "产业园", "孵化器", "创新平台", "招商引资")


def records(first: int, count: int, marker: str = "") -> list[dict]:
    """`count` synthetic JSON Lines articles, numbered from `first`."""
    made = []
    for number in range(first, first + count):
        paragraphs = [
            f"{OLD_WORD}第{number}号文章第{part}段：{WORDS[number % 8]}与{WORDS[part % 8]}"
            f"协同发展{marker}，今年签约项目{number * 7 + part}个。"
            for part in range(1, PARAGRAPHS_PER_ARTICLE + 1)
        ]
        made.append(
            {
                "id": f"a{number}",
                "title": f"{WORDS[number % 8]}简讯{number}",
                "date": f"2023-0{1 + number % 9}-1{number % 10}",
                "url": f"https://example.org/{number}",
                "paragraphs": paragraphs,
            }
        )
    return made


def write_corpus(path: Path, items: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    path.write_text(text, encoding="utf-8")
    return path


def total(service: SearchService, query: str) -> int:
    return service.search(SearchRequest(query=query)).total


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An index of the old corpus, and a new corpus (same file name) with articles added."""
    root = tmp_path_factory.mktemp("reliability-index")
    old_records = records(0, OLD_ARTICLES)
    added = records(OLD_ARTICLES, NEW_ARTICLES, NEW_WORD)
    old = write_corpus(root / "old" / "corpus.jsonl", old_records)
    new = write_corpus(root / "new" / "corpus.jsonl", old_records + added)
    index_dir = root / "index"
    build_index(old, index_dir)
    return {"old": old, "new": new, "index": index_dir}


@pytest.fixture(autouse=True)
def collect_leaked_files():
    """Collect Whoosh's abandoned file handles inside the test, where the filter above applies."""
    yield
    gc.collect()


@pytest.fixture()
def index_copy(base: dict[str, Path], tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(base["index"], target)
    return target


class PausedBuild:
    """A build in a thread that stops after writing its first article until released."""

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        self.paused = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(corpus, index_dir))

    def _on_write(self, count: int) -> None:
        if count == 1:
            self.paused.set()
            self.release.wait(30)

    def _run(self, corpus: Path, index_dir: Path) -> None:
        try:
            build_index(corpus, index_dir, on_write=self._on_write)
        except BaseException as error:  # reported by the test thread
            self.error = error

    def __enter__(self) -> PausedBuild:
        self.thread.start()
        assert self.paused.wait(60), "the build never started writing"
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release.set()
        self.thread.join(60)


def test_searches_during_a_build_see_the_old_or_the_new_index(base, index_copy) -> None:
    service = SearchService(index_copy)
    old_total = total(service, OLD_WORD)
    assert old_total > 0 and total(service, NEW_WORD) == 0
    seen_during_build = set()
    with PausedBuild(base["new"], index_copy) as build:
        seen_during_build.add(total(service, NEW_WORD))
        seen_during_build.add(total(SearchService(index_copy), NEW_WORD))
        build.release.set()
        while build.thread.is_alive():  # searches racing the commit
            seen_during_build.add(total(service, NEW_WORD))
            assert total(service, OLD_WORD) in (old_total, old_total + NEW_TOTAL)
            time.sleep(0.01)  # leave the build some of the interpreter
    assert build.error is None
    new_total = total(SearchService(index_copy), NEW_WORD)
    assert new_total == NEW_TOTAL  # none lost
    assert seen_during_build <= {0, new_total}
    deadline = time.monotonic() + 5
    while total(service, NEW_WORD) != new_total and time.monotonic() < deadline:
        time.sleep(0.05)  # a long-lived service picks up the new generation by itself
    assert total(service, NEW_WORD) == new_total


def test_second_build_waits_or_fails_clearly_and_nothing_is_lost(base, index_copy) -> None:
    with PausedBuild(base["new"], index_copy) as build:
        started = time.monotonic()
        with pytest.raises(IndexLocked) as locked:
            build_index(base["new"], index_copy, lock_timeout=0.3)
        assert time.monotonic() - started < 10
        assert "gaoxin index" in locked.value.message
        waiter = threading.Thread(target=build_index, args=(base["new"], index_copy))
        waiter.start()  # waits for the lock (default 30 s) and then finds nothing to do
        time.sleep(0.3)
    waiter.join(60)
    assert build.error is None and not waiter.is_alive()
    report = build_index(base["new"], index_copy)
    unchanged = OLD_ARTICLES + NEW_ARTICLES
    assert (report.added, report.replaced, report.removed, report.unchanged) == (0, 0, 0, unchanged)
    service = SearchService(index_copy)
    assert total(service, NEW_WORD) == NEW_TOTAL
    assert total(service, OLD_WORD) == OLD_TOTAL + NEW_TOTAL


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from search.indexing.builder import build_index

def pause(count):
    if count == int(sys.argv[3]):
        print("writing", flush=True)
        time.sleep(120)

build_index(Path(sys.argv[1]), Path(sys.argv[2]), on_write=pause)
"""


def start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def kill_9(process: subprocess.Popen) -> None:
    alive = process.poll() is None
    os.kill(process.pid, signal.SIGKILL)
    output, _ = process.communicate(timeout=30)
    assert alive and process.returncode == -signal.SIGKILL, output[-2000:]


def assert_recovers(base: dict[str, Path], index_dir: Path) -> None:
    """The previous index answers; the next build completes and has every document."""
    service = SearchService(index_dir)
    assert total(service, NEW_WORD) == 0
    assert total(service, OLD_WORD) == OLD_TOTAL
    report = build_index(base["new"], index_dir, lock_timeout=5)
    assert report.added == NEW_ARTICLES
    fresh = SearchService(index_dir)
    assert (total(fresh, NEW_WORD), total(fresh, OLD_WORD)) == (NEW_TOTAL, OLD_TOTAL + NEW_TOTAL)


@pytest.mark.slow
def test_kill_9_mid_write_keeps_the_previous_index(base, index_copy) -> None:
    halfway = str(NEW_ARTICLES // 2)
    process = start([sys.executable, "-c", KILL_SCRIPT, str(base["new"]), str(index_copy), halfway])
    assert process.stdout.readline().startswith("writing")  # paused with the writer open
    kill_9(process)
    assert_recovers(base, index_copy)


@pytest.mark.slow
def test_kill_9_of_the_cli_keeps_the_previous_index(base, index_copy) -> None:
    before = {path.name for path in index_copy.iterdir()}
    command = [sys.executable, "-m", "search.cli", "index"]
    process = start(command + ["--corpus", str(base["new"]), "--index", str(index_copy)])
    deadline = time.monotonic() + 60
    # The CLI is silent until it ends; its Whoosh writer's new files show it is writing.
    while {path.name for path in index_copy.iterdir()} <= before and time.monotonic() < deadline:
        time.sleep(0.01)
    kill_9(process)
    assert_recovers(base, index_copy)


# --- damaged and foreign directories ----------------------------------------------------------


class Bomb:
    """Unpickling this creates a directory: proof that a foreign pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def bomb_toc(directory: Path, marker: Path, generation: int = 1) -> None:
    """A well-formed Whoosh TOC whose segment list is a pickle that touches `marker`."""
    storage = FileStorage(str(directory))
    TOC(fields.Schema(text=fields.TEXT), Bomb(marker), generation).write(storage, "MAIN")


def data_files(index_dir: Path) -> list[Path]:
    return [path for path in index_dir.iterdir() if path.is_file() and "lock" not in path.name]


def assert_unavailable(index_dir: Path, route: str = "/api/search?q=高新区") -> str:
    """Opening and searching gives IndexUnavailable with a message, and the API a 503 body."""
    with pytest.raises(IndexUnavailable) as error:
        SearchService(index_dir).search(SearchRequest(query=OLD_WORD))
    assert str(index_dir) in error.value.message  # the user learns which directory is bad
    response = create_app(index_dir).test_client().get(route)
    assert response.status_code == 503
    assert response.get_json()["error"]["status"] == 503
    return error.value.message


def segment_files(index_dir: Path) -> list[Path]:
    return [path for path in data_files(index_dir) if path.suffix not in (".json", ".toc")]


def damage_truncate(index_dir: Path) -> None:
    for path in segment_files(index_dir):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_garbage(index_dir: Path) -> None:
    for number, path in enumerate(segment_files(index_dir)):
        path.write_bytes(bytes((number * 37 + i * 101) % 256 for i in range(4096)))


def damage_toc(index_dir: Path) -> None:
    for path in index_dir.glob("*.toc"):
        path.write_bytes(path.read_bytes()[:40])


def damage_manifest_removed(index_dir: Path) -> None:
    for path in index_dir.glob("*.json"):
        path.unlink()


def damage_manifest_garbage(index_dir: Path) -> None:
    for path in index_dir.glob("*.json"):
        path.write_text('{"format_version": ', encoding="utf-8")


def damage_everything_removed(index_dir: Path) -> None:
    shutil.rmtree(index_dir)
    index_dir.mkdir()


def damage_random_files(index_dir: Path) -> None:
    shutil.rmtree(index_dir)
    index_dir.mkdir()
    (index_dir / "notes.txt").write_text("不是索引", encoding="utf-8")
    (index_dir / "_MAIN_1.toc").write_bytes(os.urandom(300))
    (index_dir / "MAIN_abc.seg").write_bytes(os.urandom(3000))


def damage_foreign_whoosh(index_dir: Path) -> None:
    shutil.rmtree(index_dir)
    index_dir.mkdir()
    writer = create_in(str(index_dir), fields.Schema(text=fields.TEXT(stored=True))).writer()
    writer.add_document(text="高新区 foreign index")
    writer.commit()


def damage_path_is_a_file(index_dir: Path) -> None:
    shutil.rmtree(index_dir)
    index_dir.write_text("a file, not a directory", encoding="utf-8")


def damage_missing(index_dir: Path) -> None:
    shutil.rmtree(index_dir)


@pytest.mark.parametrize(
    "damage",
    [
        damage_truncate,
        damage_garbage,
        # The engine waits up to 2 s for a build to record a new TOC before giving up.
        pytest.param(damage_toc, marks=pytest.mark.slow),
        damage_manifest_removed,
        damage_manifest_garbage,
        damage_everything_removed,
        damage_random_files,
        damage_foreign_whoosh,
        damage_path_is_a_file,
        damage_missing,
    ],
)
def test_damaged_or_foreign_index_is_a_clear_unavailable(index_copy, damage) -> None:
    damage(index_copy)
    assert_unavailable(index_copy)


def test_health_check_reports_a_damaged_index(index_copy) -> None:
    damage_garbage(index_copy)
    assert_unavailable(index_copy, route="/healthz")


def test_foreign_whoosh_pickles_are_never_loaded(index_copy, tmp_path) -> None:
    marker = tmp_path / "pickle-was-loaded"
    manifest = next(index_copy.glob("*.json"))
    for path in data_files(index_copy):
        if path != manifest:
            path.unlink()
    bomb_toc(index_copy, marker)
    manifest.unlink()
    assert_unavailable(index_copy)
    assert not marker.exists()


@pytest.mark.slow
def test_foreign_toc_beside_a_copied_manifest_is_never_loaded(index_copy, tmp_path) -> None:
    marker = tmp_path / "pickle-was-loaded"
    for path in data_files(index_copy):
        if path.suffix != ".json":
            path.unlink()
    bomb_toc(index_copy, marker)
    assert_unavailable(index_copy)
    assert not marker.exists()


def test_tampered_segment_pickles_are_never_loaded(index_copy, tmp_path) -> None:
    marker = tmp_path / "pickle-was-loaded"
    # Whoosh unpickles parts of the term dictionary and the stored-fields column.
    segments = [p for p in data_files(index_copy) if p.name.endswith((".trm", "_stored.col"))]
    assert segments, "the index keeps its terms and stored fields in separate files"
    for path in segments:
        path.write_bytes(pickle.dumps(Bomb(marker)) * 4)
    with pytest.raises(IndexUnavailable):
        SearchService(index_copy).search(SearchRequest(query=OLD_WORD))
    assert not marker.exists()


def test_a_damaged_index_heals_with_a_rebuild_into_a_new_directory(base, index_copy) -> None:
    damage_garbage(index_copy)
    message = assert_unavailable(index_copy)
    assert "gaoxin index" in message or "rebuild" in message.lower()  # says what to do
    fresh = index_copy.parent / "rebuilt"
    build_index(base["old"], fresh)
    assert total(SearchService(fresh), OLD_WORD) == OLD_TOTAL


# --- bounded work -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_matches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,100 short paragraphs that all match OLD_WORD: more than the engine checks its clock."""
    items = [
        {
            "id": f"m{number}",
            "title": f"简讯{number}",
            "date": "2023-01-01",
            "url": "",
            "paragraphs": [f"{OLD_WORD}{number}-{part}" for part in range(100)],
        }
        for number in range(11)
    ]
    root = tmp_path_factory.mktemp("many-matches")
    index_dir = root / "index"
    build_index(write_corpus(root / "corpus.jsonl", items), index_dir)
    return index_dir


def test_tiny_time_budget_is_a_timeout_not_a_hang(many_matches) -> None:
    service = SearchService(many_matches, time_budget=1e-9)
    started = time.monotonic()
    with pytest.raises(SearchTimeout) as timeout:
        service.search(SearchRequest(query=OLD_WORD))
    assert time.monotonic() - started < 5
    assert timeout.value.message


def test_tiny_time_budget_is_a_503_json_body(many_matches) -> None:
    client = create_app(many_matches, config={"TIME_BUDGET": 1e-9}).test_client()
    response = client.get("/api/search", query_string={"q": OLD_WORD})
    assert response.status_code == 503
    body = response.get_json()
    assert body["error"]["status"] == 503 and body["error"]["message"]
    assert client.get("/", query_string={"q": OLD_WORD}).status_code == 503
    normal = create_app(many_matches).test_client()
    assert normal.get("/api/search", query_string={"q": OLD_WORD}).status_code == 200
