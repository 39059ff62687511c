# One-command set-up: every target creates .venv and installs what it needs on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export PTB_TIMEDELTA := 1

.PHONY: demo run test lint typecheck pytest bench migrate catalog lock clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## the bot on a local SQLite file, the emulator and a terminal chat
	$(BIN)/comeback demo

run: $(STAMP)  ## the bot against Telegram, token from .env
	$(BIN)/comeback run

migrate: $(STAMP)
	$(BIN)/comeback migrate

lint: $(STAMP)  ## ruff, and the import contracts (layers, pure domain, no cycles)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest  ## ruff, ruff format --check, mypy --strict on bot/, pytest

catalog: $(STAMP)  ## after adding or changing a text: bot/locale/messages.pot and every .po
	$(BIN)/python -m bot.devtools.catalog

# After changing dependencies in pyproject.toml: requirements.lock, the exact versions with
# their hashes that deploy/ installs (pip install --require-hashes). Keeps the current pins;
# `make lock LOCK_FLAGS=--upgrade` moves everything to the newest versions allowed.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --build-deps-for=wheel --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS) \
	  --output-file=requirements.lock pyproject.toml

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
