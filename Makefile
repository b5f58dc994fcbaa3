# QuattroPole assistant. `make help` lists the targets; the README explains them.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
RASA  := $(VENV)/bin/rasa
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONHASHSEED := 0

.DEFAULT_GOAL := help
.PHONY: help install browser train run shell validate lint typecheck check check-and-train test test-unit test-stories test-integration bench bench-language nlu-eval nlu-quick eval-dialogue insights purge forget facts-review lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

install: ## Create .venv (Python 3.10) and install the pinned requirements (no-op when done)
	@bash scripts/bootstrap.sh

browser: ## Install Debian's chromium for the browser tests (no-op when present)
	@bash scripts/install_browser.sh

train: install ## Train the model if data, domain, config or components changed
	@$(PY) -m scripts.train_if_needed

run: train ## THE MAIN JOB: start actions, Rasa and the web chat; prints the address
	@$(PY) -m scripts.run

shell: train ## Staff: rasa shell with the action server running
	@$(PY) -m scripts.run --shell

validate: install ## Check the facts store and the Rasa data (warnings fail)
	@$(PY) -m bot.facts validate
	@$(PY) -m scripts.validate

lint: install ## ruff format --check and ruff check
	@$(VENV)/bin/ruff format --check bot actions tests scripts bench
	@$(VENV)/bin/ruff check bot actions tests scripts bench

typecheck: install ## mypy on bot/ and actions/ (settings in pyproject.toml, cache in .mypy_cache)
	@$(VENV)/bin/mypy

test-unit: install ## The unit tests: everything but the integration tests, no model needed
	@$(PY) -m pytest -q -m "not integration" tests

check: lint typecheck test-unit ## THE FAST GATE (about 3 minutes): lint, typecheck and unit tests
	@echo "Check passed."

check-and-train: install ## make check and make train side by side (two cores); make test runs it before the conversation tests
	@$(MAKE) --no-print-directory -j2 --output-sync=target check train

test-stories: train ## Conversation tests tests/test_stories_*.yml with rasa test (fails on any error)
	@rm -rf .run/stories && mkdir -p .run/stories && cp tests/test_stories_*.yml .run/stories/
	@$(RASA) test core --model models/quattropole.tar.gz --stories .run/stories --fail-on-prediction-errors --out results/stories

test-integration: train browser ## Integration tests: the real servers, the web chat in Chromium, messengers
	@$(PY) -m pytest -q -m integration tests

test: install browser validate check-and-train test-stories test-integration ## Run every test, from nothing (make check first)
	@echo "All tests passed."

bench: train ## Load benchmark vs stock `rasa init` + NLU eval -> docs/benchmarks.md (BENCH_ARGS=--skip-nlu)
	@$(PY) -m bench.load_bench $(BENCH_ARGS)

nlu-eval: install ## Intent/entity F1 by 5-fold CV per language -> docs/nlu_evaluation.md
	@$(PY) -m bench.nlu_eval $(NLU_EVAL_ARGS)

nlu-quick: install ## One-minute scikit-learn proxy of nlu-eval's intent scores (same folds), for data work
	@$(PY) -m bench.quick_cv $(NLU_QUICK_ARGS)

eval-dialogue: train ## End-to-end dialogue evaluation over REST -> docs/dialogue_evaluation.md
	@$(PY) -m bench.dialogue_eval $(EVAL_ARGS)

bench-language: install ## Language-identification benchmark -> docs/language_benchmark.md
	@$(PY) -m bench.language_bench

facts-review: install ## Staff report: facts past review, past events, old sources, press-only official facts (FACTS_REVIEW_ARGS=--json, --max-age N)
	@$(PY) -m scripts.facts_review $(FACTS_REVIEW_ARGS)

insights: install ## Staff report on stored conversations -> reports/insights.html (+ .json); INSIGHTS_ARGS="--days 7 --lang fr"
	@$(PY) -m bot.insights $(INSIGHTS_ARGS)

purge: install ## Delete conversation events older than QP_RETENTION_DAYS (default 90; make run does it daily)
	@$(PY) -m scripts.retention

forget: install ## Erase one person's conversation: make forget SENDER=<conversation id>
	@test -n "$$SENDER" || { echo "Usage: make forget SENDER=<conversation id>" >&2; exit 2; }
	@$(PY) -m scripts.retention --forget "$$SENDER"

lock: install ## Regenerate requirements.txt from requirements.in
	@$(PY) -m pip install -q -r requirements.in && \
	 (echo "# Lock file: every package the project installs, pinned. Regenerate with 'make lock'."; $(PY) -m pip freeze) > requirements.txt

clean: ## Remove models, results and run files (keeps .venv and conversations)
	rm -rf models results .run/stories .run/logs
