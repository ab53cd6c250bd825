# Every target creates .venv on first use and installs bilat from this checkout.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "bilat needs Python 3.11+"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## ingest the bundled sample corpus into demo.db and show what was found
	$(BIN)/bilat --db sqlite:///demo.db demo

test: $(STAMP)  ## the whole suite (PostgreSQL tests need BILAT_TEST_DATABASE_URL), then the quality gates (seed, sample corpus, dev corpus, sentences, cross-document record)
	$(BIN)/python -m pytest -q
	$(BIN)/bilat eval eval/gold/seed.yaml --baseline eval/baseline.yaml --errors 0
	$(BIN)/bilat eval eval/gold/corpus.yaml --baseline eval/baseline.yaml --errors 0
	$(BIN)/bilat eval eval/dev/ --baseline eval/baseline.yaml --errors 0
	$(BIN)/bilat eval eval/sentences/ --baseline eval/baseline.yaml --errors 0
	$(BIN)/bilat eval eval/gold/knowledge.yaml --baseline eval/baseline.yaml --errors 0
	$(BIN)/bilat eval eval/dev/knowledge.yaml --baseline eval/baseline.yaml --errors 0

bench: $(STAMP)  ## throughput of bilat ingest against plain spaCy, then cost against document size
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_knowledge.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/bilat

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
