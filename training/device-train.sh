#!/usr/bin/env bash
# Trains the DiT on a lent GPU machine (the `device` tool: PyTorch there, no network, no copy of the audio, at most
# 64 MiB carried per call). The feature cache (python -m omni_model.feature_cache, ~100 MB gzipped) travels in parts:
#
#   here:  tar czf - -C training/data feature-cache | split -b 48M - .gpu/cache.tgz.
#   call 1 (carry .gpu/cache.tgz.aa .gpu/tiny):      bash training/device-train.sh stash
#   call 2 (carry .gpu/cache.tgz.ab .gpu/vae.pt):    MINUTES=7.5 bash training/device-train.sh train
#
# `stash` keeps part 1 in /tmp (the machine stays warm for 30 s between calls) and times a few steps on a tiny cache;
# `train` joins the parts, trains, and returns the averaged weights in 15 MB pieces under $OUT
# (here: cat dit-weights.pt.* > dit-weights.pt).
set -euo pipefail
cd "$(dirname "$0")"
export PYTHONPATH=$PWD PYTHONUNBUFFERED=1
CONFIG=configs/model-small.json
case "$1" in
  stash)
    cp ../.gpu/cache.tgz.aa /tmp/
    nvidia-smi --query-gpu=name,memory.total --format=csv
    for batch in 64 128; do
      rm -rf /tmp/smoke
      python3 -m omni_model.train_dit --config $CONFIG --autoencoder ../.gpu/tiny/vae.pt --cache ../.gpu/tiny --run /tmp/smoke \
        --crop-frames 250 --batch $batch --steps 60 | tail -1
      echo "batch $batch: $(tail -1 /tmp/smoke/loss.csv) (step, seconds, loss)"
    done
    ;;
  train)
    mkdir -p /tmp/cache
    cat /tmp/cache.tgz.aa ../.gpu/cache.tgz.ab | tar xz -C /tmp/cache
    python3 -m omni_model.train_dit --config $CONFIG --autoencoder ../.gpu/vae.pt --cache /tmp/cache/feature-cache --run /tmp/run \
      --crop-frames 250 --batch "${BATCH:-64}" --lr "${LR:-4e-4}" --minutes "${MINUTES:-7.5}" 2>&1 | tee "$OUT/train.log"
    cp /tmp/run/loss.csv "$OUT/"
    split -b 15M /tmp/run/dit-weights.pt "$OUT/dit-weights.pt."
    ;;
esac
