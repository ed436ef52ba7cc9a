#!/usr/bin/env bash
# Retrains the studio's default pack from nothing and writes it to public/models/omni-small/ with its model card:
# data -> autoencoder -> DiT -> (vocoder fine-tune) -> export (int8) -> evaluation -> layer ablation -> card, and the
# text-queried separator (remove and extract) -> into the pack -> its evaluation on real recordings -> its card section,
# and the sound event detector likewise. Every stage resumes where an
# interrupted run stopped (runs live in training/data/runs/). The same commands use a CUDA GPU when there is one.
#
#   bash training/train-default-pack.sh                 # CPU budget: ~90 min autoencoder, ~115 min DiT
#   AE_MINUTES=5 DIT_MINUTES=10 DIT_BATCH=128 bash training/train-default-pack.sh   # e.g. on a GPU
#   AUTOENCODER=path/to/autoencoder-weights.pt bash ... # reuse a trained autoencoder stage
set -euo pipefail
cd "$(dirname "$0")/.."
# Every stage's settings live in training/configs/recipes/<stage>.json; these variables override them (a GPU run).
AE_MINUTES=${AE_MINUTES:-}
DIT_MINUTES=${DIT_MINUTES:-}
DIT_BATCH=${DIT_BATCH:-}  # 128 on a GPU
VOCODER_MINUTES=${VOCODER_MINUTES:-0}  # 24 tries the vocoder fine-tune (not in the shipped pack: see training/README.md)
ABLATION_STEPS=${ABLATION_STEPS:-1500}
DETECTOR_THRESHOLD=${DETECTOR_THRESHOLD:-0.6}  # chosen from the evaluation's thresholds (detector.json keeps each)
RUNS=training/data/runs
RECIPES=training/configs/recipes
CONFIG=training/configs/model-small.json
PACK=public/models/omni-small
VERSION=${VERSION:-0.5.0}

bash training/build-data.sh
.venv/bin/pip install --quiet -e "training[model]"
[ -f training/data/crops-20min.npy ] || .venv/bin/python -m omni_model.train.train_autoencoder crops --data training/data/default --out training/data/crops-20min.npy --minutes 20
if [ -z "${AUTOENCODER:-}" ]; then
  .venv/bin/python -m omni_model.train.train_autoencoder train --recipe "$RECIPES/autoencoder.json" --config "$CONFIG" \
    --crops training/data/crops-20min.npy --run "$RUNS/ae" ${AE_MINUTES:+--minutes "$AE_MINUTES"}
  AUTOENCODER=$RUNS/ae/autoencoder-weights.pt
fi
# The DiT reads VAE latents and language-model states computed once (~3 min); on a lent GPU see device-train.sh.
CACHE=training/data/feature-cache
[ -f "$CACHE/meta.json" ] || .venv/bin/python -m omni_model.train.feature_cache --config "$CONFIG" --autoencoder "$AUTOENCODER" --data training/data/default --out "$CACHE"
.venv/bin/python -m omni_model.train.train_dit --recipe "$RECIPES/dit.json" --config "$CONFIG" --autoencoder "$AUTOENCODER" \
  --cache "$CACHE" --run "$RUNS/dit" ${DIT_BATCH:+--batch "$DIT_BATCH"} ${DIT_MINUTES:+--minutes "$DIT_MINUTES"}
# Optionally the vocoder then learns the VAE's mels (what it decodes in use); the VAE, the cache and the DiT are unchanged.
if [ "$VOCODER_MINUTES" != 0 ]; then
  [ -f "$RUNS/vocoder/autoencoder-weights.pt" ] || .venv/bin/python -m omni_model.train.finetune_vocoder --autoencoder "$AUTOENCODER" \
    --crops training/data/crops-20min.npy --data training/data/default --run "$RUNS/vocoder" --recipe "$RECIPES/vocoder.json" --minutes "$VOCODER_MINUTES"
  AUTOENCODER=$RUNS/vocoder/autoencoder-weights.pt
fi
rm -rf "$PACK"
.venv/bin/omni-model export-trained --autoencoder "$AUTOENCODER" --dit "$RUNS/dit/dit-weights.pt" --out "$RUNS/pack-full" --ship fp32,int8 --version "$VERSION"
.venv/bin/omni-model export-trained --autoencoder "$AUTOENCODER" --dit "$RUNS/dit/dit-weights.pt" --out "$PACK" --ship int8 --version "$VERSION"
.venv/bin/python -m omni_model.evaluation.evaluate --pack "fp32=$RUNS/pack-full" --pack "int8=$RUNS/pack-full" --per-operation 24 \
  --tagger training/data/tagger.pt --instrument-tagger training/data/instrument-tagger.pt --out "$RUNS/evaluation.json"
.venv/bin/python -m omni_model.evaluation.ablation --config "$CONFIG" --autoencoder "$AUTOENCODER" --data training/data/default --out "$RUNS/ablation" \
  --steps "$ABLATION_STEPS"
# The separator as shipped: 82 min on the default data set's sources, then 100 min more (--init) with the game and
# desktop sound packages added (configs/data-separator.json), at a lower peak learning rate, then 105 min more with
# Scorched 3D, Widelands and Warzone 2100 added (configs/data-detector.json); its last weights (the best-valid ones,
# from early in the run, extract more on real recordings but follow the words less: training/README.md).
separator() {  # stage, then any options (--init)
  .venv/bin/python -m omni_model.train.train_separator --recipe "$RECIPES/$1.json" --config "$CONFIG" --run "$RUNS/$1" "${@:2}"
}
separator separator
separator separator-more --init "$RUNS/separator/separator-weights.pt"
separator separator-wider --init "$RUNS/separator-more/separator-weights.pt"
.venv/bin/omni-model add-separator --pack "$PACK" --weights "$RUNS/separator-wider/separator-weights.pt" --version "$VERSION" --presence-threshold 0.4
.venv/bin/python -m omni_model.packing.card --pack "$PACK" --evaluation "$RUNS/evaluation.json" --ablation "$RUNS/ablation/ablation.json"
.venv/bin/python -m omni_model.evaluation.evaluate_edits --pack "$PACK" --out "$RUNS/edits.json"
.venv/bin/python -m omni_model.packing.card --pack "$PACK" --edits "$RUNS/edits.json"
# The sound event detector (Analyze): on the separator's sources, then continued (--init) with Scorched 3D's sounds
# added (configs/data-detector.json), then again once Widelands and Warzone 2100 joined it; its best-valid weights.
detector() {  # stage, then any options (--init)
  .venv/bin/python -m omni_model.train.train_detector --recipe "$RECIPES/$1.json" --config "$CONFIG" --run "$RUNS/$1" "${@:2}"
}
detector detector
detector detector-more --init "$RUNS/detector/detector-weights.pt"
detector detector-wider --init "$RUNS/detector-more/detector-weights.pt"
.venv/bin/omni-model add-detector --pack "$PACK" --weights "$RUNS/detector-wider/detector-best-weights.pt" --data training/configs/data-detector.json \
  --threshold "$DETECTOR_THRESHOLD" --version "$VERSION"
.venv/bin/python -m omni_model.evaluation.evaluate_detector --pack "$PACK" --out "$RUNS/detector.json"
.venv/bin/python -m omni_model.packing.card --pack "$PACK" --detector "$RUNS/detector.json"
# Sound and music for a video: the DiT's picture paths and the sync encoder on procedural renders, all else frozen.
.venv/bin/python -m omni_model.train.train_video --recipe "$RECIPES/video.json" --config "$CONFIG" --autoencoder "$AUTOENCODER" \
  --init "$RUNS/dit/dit-weights.pt" --data training/configs/data-detector.json --run "$RUNS/video"
.venv/bin/omni-model add-video --pack "$PACK" --weights "$RUNS/video/dit-weights.pt" --version "$VERSION" --tasks v2a,v2m
[ -f training/data/video-renders/truth.json ] || .venv/bin/python -m omni_data.video_renders --data training/configs/data-detector.json \
  --out training/data/video-renders --test 40 --music-test 20
.venv/bin/python -m omni_model.evaluation.evaluate_sync --pack "$PACK" --renders training/data/video-renders --out "$RUNS/video-sync.json"
.venv/bin/python -m omni_model.packing.card --pack "$PACK" --video "$RUNS/video-sync.json"
# Music in context: the mel encoder alone learns to hear the audio around a part it makes (Extend), the edits' sources
# held to what it heard before; measured on song plans the DiT never saw.
.venv/bin/python -m omni_model.train.train_dit --recipe "$RECIPES/dit-in-context-kept.json" --config "$CONFIG" --autoencoder "$AUTOENCODER" \
  --cache "$CACHE" --init "$RUNS/video/dit-weights.pt" --run "$RUNS/dit-in-context"
.venv/bin/omni-model add-in-context --pack "$PACK" --weights "$RUNS/dit-in-context/dit-weights.pt" --autoencoder "$AUTOENCODER" --version "$VERSION"
[ -f training/data/music-renders-heldout/truth.json ] || .venv/bin/python -m omni_data.music_renders --data training/configs/data-music-heldout.json \
  --out training/data/music-renders-heldout --count 240
npx tsx bench/continue-bench.ts "$PACK" 40 training/data/music-renders-heldout > "$RUNS/continue.txt"
npx tsx bench/regenerate-bench.ts "$PACK" 30 > "$RUNS/regenerate.txt"
.venv/bin/python -m omni_model.packing.card --pack "$PACK" --in-context "$RUNS/continue.txt" "$RUNS/regenerate.txt"
echo "default pack: $PACK ($(du -sh "$PACK" | cut -f1))"
