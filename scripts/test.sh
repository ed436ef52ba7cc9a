#!/usr/bin/env bash
# Sets up a fresh clone and runs every test: formatter and linter (ruff for Python, Biome for TypeScript), the data
# pipeline (pytest, on a small slice), then the studio: type check, unit tests (Vitest), production build, end-to-end
# tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash training/setup.sh --test
# One command a line: under set -e a failure on the left of && does not stop the script.
.venv/bin/ruff format --check training
.venv/bin/ruff check training
.venv/bin/pytest -q training
bash scripts/setup.sh
npx biome ci --diagnostic-level=error .  # warnings (79: any, non-null assertions) stay visible in an editor, not in CI logs
npx tsc --noEmit -p .
npx vitest run
npx vite build
CI=1 npx playwright test
