# budget-records: `make run` starts the product, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SAMPLE := ../shared/corpus/urumqi-2025/disclosure.pdf

.PHONY: install browser run test bench

$(VENV)/.installed: requirements.txt
	scripts/ocr.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

browser:
	scripts/browser.sh

# DEBUG=1: a development server, with the development key (no SECRET_KEY needed), beside Redis and one
# background-import worker, which is stopped when the server exits.
run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py demo $(SAMPLE)
	broker=$$(scripts/redis.sh) || exit 1; \
	DEBUG=1 CELERY_BROKER_URL=$$broker $(VENV)/bin/celery -A budget_site worker --concurrency 1 --loglevel WARNING & \
	worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=1 CELERY_BROKER_URL=$$broker $(PY) manage.py runserver 127.0.0.1:8000

# Ruff, then the suite on the embedded SQLite, then on PostgreSQL too when DATABASE_URL points at one.
test: install browser
	$(VENV)/bin/ruff check .
	env -u DATABASE_URL $(PY) -m pytest
	@if [ -n "$$DATABASE_URL" ]; then echo "== again on $$DATABASE_URL"; $(PY) -m pytest; fi

bench: install
	$(PY) bench/parse.py
	$(PY) bench/ocr.py
