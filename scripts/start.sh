#!/usr/bin/env bash
# Sets up a fresh clone, builds the studio and serves it (cross-origin isolated, with the offline service worker).
#   bash scripts/start.sh                          on http://localhost:4173, this machine only
#   bash scripts/start.sh --port 8080 --host 0.0.0.0   another port, reachable from other machines
set -euo pipefail
cd "$(dirname "$0")/.."
port=4173 host=localhost
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    *) echo "usage: bash scripts/start.sh [--port N] [--host ADDRESS]" >&2; exit 2 ;;
  esac
done
bash scripts/setup.sh
npx vite build
echo "Omni Studio: open http://localhost:$port in Chromium, Chrome or Edge."
exec npx vite preview --port "$port" --strictPort --host "$host"
