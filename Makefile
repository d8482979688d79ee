# Two commands on a fresh machine: `make run` and `make test`. Everything else is a step of those.
VENV ?= .venv
PY := $(VENV)/bin/python
GAOXIN := $(VENV)/bin/gaoxin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install index run test lint unit browser-deps eval bench bench-subset bench-full bench-ranking reliability clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The project's own modules compiled to bytecode now, as an installed package's are: a server
# started under PYTHONDONTWRITEBYTECODE=1 would otherwise compile them again on every start
# (0.15–0.4 s of `gaoxin serve`'s first answer). Quick when nothing changed.
install: $(STAMP)
	$(PY) -m compileall -q search web

# Incremental: a no-op when seeds/ has not changed since the last build.
index: install
	$(GAOXIN) index --corpus seeds --index index

run: index
	$(GAOXIN) serve --host $(HOST) --port $(PORT) --index index

lint: install
	$(VENV)/bin/ruff check search web tests bench scripts
	$(VENV)/bin/ruff format --check search web tests bench scripts

# Debian's Chromium and a CJK font for the browser tests (CI runs as root on a fresh machine).
browser-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  echo "installing Debian's chromium and CJK fonts for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; }

# The unit suite: everything but the browser, the integration cases (killed builds, worker
# pools, a served port) and the slow ones (50 MB files…). `--dist loadscope` keeps each test
# module on one worker, so its index fixtures are built once.
unit: install
	$(PY) -m pytest -n 2 --dist loadscope -m "not browser and not slow and not integration"

# What CI runs: lint, the unit suite, the integration cases and the real-browser test. Slow
# cases run in `reliability`.
test: lint browser-deps
	$(PY) -m pytest -n 2 --dist loadscope -m "not slow"

# The seeds' labelled cases, then the judged xwlb sample's test split (docs/entities.md).
eval: install
	$(PY) scripts/eval_entities.py
	$(PY) scripts/eval_judged.py
	$(PY) scripts/eval_judged.py --mentions --half 1
	$(PY) scripts/eval_judged.py --mentions --sample 2 --half 1

# The 50k-paragraph subset (with ranking quality), then the whole xwlb corpus (305k paragraphs,
# the table in docs/benchmarks.md): about 35 minutes. bench-subset / bench-full run one of them.
bench:
	$(MAKE) bench-subset
	$(MAKE) bench-full

bench-subset: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(PY) bench/run.py

bench-full: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(PY) bench/run.py --full --skip-ranking

# Ranking quality in one run: the judged xwlb set (nDCG@10, Recall@20 per class, all / dev / test,
# Gaoxin vs tantivy BM25 vs SQLite FTS5 BM25; `build` is incremental, about 20 min of jieba for the
# peers and a full `gaoxin index` when the engine's index is missing or stale), then cmrc2018-ir.
# JUDGED_INDEXES (default ../indexes) holds xwlb-engine and xwlb-peers. docs/ranking.md.
JUDGED_INDEXES ?= $(abspath ../indexes)
bench-ranking: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	GAOXIN_JUDGED_INDEXES=$(JUDGED_INDEXES) $(PY) bench/judged_pool.py build
	GAOXIN_JUDGED_INDEXES=$(JUDGED_INDEXES) $(PY) bench/judged_pool.py eval
	$(PY) bench/ranking.py

reliability: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(PY) -m pytest -m slow
	$(PY) bench/reliability.py

clean:
	rm -rf index .pytest_cache .ruff_cache
