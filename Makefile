# jixiao: two commands on a fresh clone — `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-browser lint bench load bench-workers bench-pdf bench-rq browser-deps document-deps render-documents clean

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Set up the SQLite database under var/, load the demo once, serve with a task worker.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) ./scripts/serve-dev

lint: install
	$(BIN)/ruff check .

# Everything but the browser tests, on SQLite (PostgreSQL-only tests skip, saying why), so that a
# fresh clone answers in minutes; `make test-browser` runs the browser tests, and .ci/run runs the
# whole suite again on PostgreSQL with the browser tests in Debian's chromium.
# Two test processes (pytest-xdist), one per core of the machine this runs on; each loads the demo once.
TEST_WORKERS ?= 2
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q -n $(TEST_WORKERS) -m "not browser"

test-browser: install browser-deps
	$(BIN)/pytest -q -m browser

bench: install
	$(BIN)/python bench/run.py

# Load test (issue 11): gunicorn with the documented settings + PostgreSQL, 30 sessions reading pages
# for 60 s and 30 judges saving; prints throughput, p50/p95/p99, errors and lost saves. The databases
# ($(PG_BASE)_load_pages, _load_judges) are created and dropped. LOAD_ARGS="--seconds 20" to shorten.
PG_BASE ?= postgres://postgres@127.0.0.1:5432/jixiao
load: install
	DATABASE_URL=$(PG_BASE)_load $(BIN)/python bench/load.py $(LOAD_ARGS)

# Four run_worker processes on PostgreSQL: 1,000 documents and a few PDFs, per-worker and total rates.
bench-workers: install
	DATABASE_URL=$(PG_BASE)_bench $(BIN)/python bench/workers.py $(WORKERS_ARGS)

# 1,000 PDFs through the documents queue (LibreOffice, four run_worker processes, each PDF from a new text so none
# comes from the cache): per-worker and total rates. About 15 minutes on a quiet 2-core machine.
bench-pdf: install
	DATABASE_URL=$(PG_BASE)_bench $(BIN)/python bench/workers.py --documents 0 --pdfs 1000 $(WORKERS_ARGS)

# The documents of bench-workers on RQ (Redis 127.0.0.1:6379, database 15 only, flushed before and after) beside the
# database queue in the same run: 1 then 4 `rqworker` processes (RQ's forking Worker, then SimpleWorker), 1,000
# documents, per-worker and total rates and RQ over the database queue. About 5 minutes on a quiet 2-core machine.
# django-tasks-rq (with django-rq, rq) is a bench-only dependency, in requirements-dev.txt.
# RQ_ARGS="--rq-only --worker-class rq.worker.SimpleWorker" runs RQ alone with one kind of worker.
bench-rq: install
	DATABASE_URL=$(PG_BASE)_rq $(BIN)/python bench/workers_rq.py $(RQ_ARGS)

# Debian's chromium and CJK fonts for the browser tests, LibreOffice for PDF.
browser-deps:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)
	$(MAKE) document-deps

# LibreOffice and poppler for PDF and PNG; free Chinese serif / Kai / Hei faces, and the
# fontconfig aliases that map the fonts the documents name (仿宋_GB2312, 方正小标宋简体,
# 楷体_GB2312, 黑体) to them, so no PDF falls back to a Japanese or Latin face.
FONT_PACKAGES := fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-noto-cjk
document-deps:
	command -v soffice >/dev/null && command -v pdftoppm >/dev/null && fc-list | grep -q "AR PL UMing" && fc-list | grep -q "AR PL UKai" && fc-list | grep -q "WenQuanYi Zen Hei" || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fontconfig $(FONT_PACKAGES))
	install -m 644 deploy/fontconfig/65-jixiao-official-fonts.conf /etc/fonts/conf.d/65-jixiao-official-fonts.conf
	fc-cache -f >/dev/null

# Every demo document as PNG pages under test-artifacts/documents (LibreOffice + pdftoppm).
render-documents: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python scripts/render-documents

clean:
	rm -rf $(VENV) var/*.sqlite3* var/staticfiles test-artifacts
