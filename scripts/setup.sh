#!/usr/bin/env bash
# Installs everything the studio and its tests need on a fresh Debian machine: system packages, then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/apt-install.sh chromium sox libsox-fmt-all espeak-ng ffmpeg flac

# npm ci when the lock file matches; Playwright's own browser download is never used (Debian's Chromium is).
# .npmrc keeps onnxruntime-node's post-install from fetching GPU libraries, so a plain `npm ci` works too.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
