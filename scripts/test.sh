#!/usr/bin/env bash
# Sets up a fresh clone and runs every test: type check, unit tests (Vitest), production build, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx tsc --noEmit -p .
npx vitest run
npx vite build
CI=1 npx playwright test
