#!/usr/bin/env bash
# Installs everything the studio and its tests need on a fresh Debian machine: system packages, then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(chromium sox libsox-fmt-all espeak-ng ffmpeg)
missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# npm ci when the lock file matches; Playwright's own browser download is never used (Debian's Chromium is).
# onnxruntime-node (the benchmark's native bound) ships its CPU library; its post-install would fetch GPU ones.
ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
