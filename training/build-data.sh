#!/usr/bin/env bash
# Builds the default AudioEdit-style data set from nothing: installs the sources, writes training/data/default
# (shards, metadata, DATASET_CARD.md), then prints the mixing throughput. Resumes where an interrupted build stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash training/setup.sh
.venv/bin/omni-data build --config training/configs/data-default.json --out training/data/default "$@"
.venv/bin/omni-data bench --config training/configs/data-default.json
