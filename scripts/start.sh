#!/usr/bin/env bash
# Sets up a fresh clone, builds the studio and serves it (cross-origin isolated, with the offline service worker).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx vite build
echo "Omni Studio: open http://localhost:4173 in Chromium, Chrome or Edge."
exec npx vite preview --port 4173 --strictPort --host
