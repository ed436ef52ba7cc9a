#!/usr/bin/env bash
# Trains the DiT on a lent GPU machine (the `device` tool: PyTorch there, no network, no copy of the audio, at most
# 64 MiB carried per call). The feature cache (python -m omni_model.train.feature_cache, ~100 MB gzipped) travels in parts:
#
#   here:  tar czf - -C training/data feature-cache | split -b 48M - .gpu/cache.tgz.
#          python -c 'import torch; torch.save({"vae": torch.load(AE)["vae"]}, ".gpu/vae.pt")'   # the VAE alone, 3 MB
#          python -m omni_model.train.feature_cache --data <a small slice> --out .gpu/tiny ...; cp .gpu/vae.pt .gpu/tiny/
#          (.gpu/ in .git/info/exclude.) The working tree travels too and the 52 MB default pack would break the
#          limit: the calls ran from a branch holding only training/ and .gitignore (git checkout --orphan).
#   call 1 (carry .gpu/cache.tgz.aa .gpu/tiny):      bash training/device-train.sh stash
#   call 2 (carry .gpu/cache.tgz.ab .gpu/vae.pt):    BATCH=128 LR=5e-4 MINUTES=8.4 bash training/device-train.sh train
#   call 3, optional, while the machine is warm (carry .gpu/vae.pt): LR=2.5e-4 MINUTES=1.9 bash training/device-train.sh more
#
# To continue the shipped DiT instead of starting again (issue 15's tempo/key captions, issue 16's sync stream):
#   here:  python -m omni_model.packing.recover --pack public/models/omni-small --session dit --out .gpu/shipped/dit-weights.pt
#          python -c 'import torch; w = torch.load(".gpu/shipped/dit-weights.pt"); torch.save({k: {n: t.half() for n, t in v.items()} if k in ("dit", "mel_encoder", "transcript_encoder", "sync_encoder") else v for k, v in w.items()}, ".gpu/dit-init.pt")'
#          (half precision: 26 MB instead of 52, within what a call carries beside a cache part), and use
#          .gpu/shipped/autoencoder-weights.pt as .gpu/vae.pt (its "vae" is the pack's VAE).
#   call 2 adds .gpu/dit-init.pt to its carry:  INIT=../.gpu/dit-init.pt BATCH=128 ... bash training/device-train.sh train
# `stash` keeps part 1 in /tmp (the machine stays warm for 30 s between calls) and times a few steps on a tiny cache;
# `train` joins the parts, trains, and returns the averaged weights in 15 MB pieces under $OUT
# (here: cat dit-weights.pt.* > dit-weights.pt); `more` resumes that run (a second cosine over MINUTES).
# Pack 0.2.0's DiT is these three calls on an H100 (batch 128 ran at ~65 ms per step, bf16 autocast, the data on the GPU);
# the whole lease, machine start and transfers included, took 13.4 of its 15 minutes.
set -euo pipefail
cd "$(dirname "$0")"
export PYTHONPATH=$PWD PYTHONUNBUFFERED=1
CONFIG=configs/model-small.json
# Music in context and the parts that train (train_dit's --in-context, --only), when the run asks for them.
TRAINING=(${IN_CONTEXT:+--in-context "$IN_CONTEXT"} ${ONLY:+--only "$ONLY"})
# `train` takes its settings from a recipe (RECIPE=configs/recipes/....json) or these defaults; the variables above and
# BATCH, LR, MINUTES override either.
SETTINGS=(--batch 64 --lr 4e-4 --minutes 7.5)
if [ -n "${RECIPE:-}" ]; then SETTINGS=(--recipe "$RECIPE"); fi
SETTINGS+=(${BATCH:+--batch "$BATCH"} ${LR:+--lr "$LR"} ${MINUTES:+--minutes "$MINUTES"} "${TRAINING[@]}")
stash_parts() {  # the cache parts this call carries (none, or some of them), into /tmp where `train` joins them
  for part in ../.gpu/cache.tgz.*; do
    if [ -e "$part" ]; then cp "$part" /tmp/; fi
  done
}
bring_back() {  # the loss log and the averaged weights, in pieces under the 16 MiB a returned file may have
  cp /tmp/run/loss.csv "$OUT/"
  split -b 15M /tmp/run/dit-weights.pt "$OUT/dit-weights.pt."
}
case "$1" in
  stash)  # every cache part this call carries waits in /tmp for `train`; a tiny cache, if carried, times a few steps
    stash_parts
    nvidia-smi --query-gpu=name,memory.total --format=csv
    [ -d ../.gpu/tiny ] || exit 0
    for batch in 64 128; do
      rm -rf /tmp/smoke
      python3 -m omni_model.train.train_dit --config $CONFIG --autoencoder ../.gpu/tiny/vae.pt --cache ../.gpu/tiny --run /tmp/smoke \
        --crop-frames 250 --batch $batch --steps 60 | tail -1
      echo "batch $batch: $(tail -1 /tmp/smoke/loss.csv) (step, seconds, loss)"
    done
    ;;
  train)
    mkdir -p /tmp/cache
    stash_parts
    cat /tmp/cache.tgz.* | tar xz -C /tmp/cache
    python3 -m omni_model.train.train_dit --config $CONFIG --autoencoder ../.gpu/vae.pt --cache "/tmp/cache/${CACHE:-feature-cache}" --run /tmp/run \
      --crop-frames 250 "${SETTINGS[@]}" ${INIT:+--init "$INIT"} 2>&1 | tee "$OUT/train.log"
    bring_back
    ;;
  more)
    python3 -m omni_model.train.train_dit --config $CONFIG --autoencoder ../.gpu/vae.pt --cache "/tmp/cache/${CACHE:-feature-cache}" --run /tmp/run \
      --crop-frames 250 --batch "${BATCH:-128}" --lr "${LR:-2.5e-4}" --minutes "${MINUTES:-2}" "${TRAINING[@]}" 2>&1 | tee "$OUT/train.log"
    bring_back
    ;;
  *)
    echo "usage: device-train.sh stash|train|more" >&2
    exit 2
    ;;
esac
