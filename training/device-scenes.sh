#!/usr/bin/env bash
# Trains the separator and the detector from scratch, side by side, on a lent GPU machine (the `device` tool: PyTorch
# there, no network, no Debian packages, at most 64 MiB carried per call). Both mix their scenes on the fly from a
# catalogue of source clips, so the catalogue travels (omni_data.portable: 8-bit mu-law, zlib, two parts) with the
# phrases' language-model states (no MiniLM package there) and wheels of the two audio packages the image lacks.
#
#   here:  python -m omni_data.portable --data training/configs/data-megaglest.json --out .gpu/scenes --cap-seconds 8
#          python -m omni_model.train.train_separator --config training/configs/model-small.json --data .gpu/scenes \
#            --run /tmp/phrases-only --steps 0 --phrases .gpu/phrases.pt          # writes the phrases' states, 2 MB
#          pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
#            --platform manylinux2014_x86_64 --platform manylinux_2_28_x86_64 --platform any \
#            soxr soundfile cffi pycparser -d .gpu/wheels
#          The pack in public/ would break the 64 MiB: call from a branch holding only training/ and .gitignore
#          (commit main first; `git checkout --orphan device-run && git rm -rq --cached . && git add training .gitignore
#          && git commit -qm device && git clean -fdq`; afterwards `git checkout -f main`).
#   call 1 (carry .gpu/scenes/audio.z.part-00):   bash training/device-scenes.sh stash
#   call 2 (carry .gpu/scenes/audio.z.part-01 .gpu/scenes/portable.json .gpu/phrases.pt .gpu/wheels), within 30 s:
#          MINUTES=8 bash training/device-scenes.sh train
# `train` returns both stages' last and best-valid weights and logs under $OUT; here they go where a CPU run puts them
# (training/data/runs/separator-gpu, detector-gpu) and on into a pack copy (omni-model add-separator / add-detector).
set -euo pipefail
cd "$(dirname "$0")"
export PYTHONPATH=$PWD PYTHONUNBUFFERED=1
SCENES=/tmp/scenes
CONFIG=configs/model-small.json
stash_parts() {  # the parts and index this call carries, into $SCENES where `train` reads them
  mkdir -p $SCENES
  for f in ../.gpu/scenes/*; do
    if [ -e "$f" ]; then cp "$f" $SCENES/; fi
  done
}
stage() {  # stage name, recipe, workers: one trainer, its output beside the others'
  python3 -m "omni_model.train.train_$1" --config $CONFIG --recipe "$2" --data $SCENES --run "/tmp/$1" \
    --phrases ../.gpu/phrases.pt --workers "${WORKERS:-$3}" ${MINUTES:+--minutes "$MINUTES"} ${STEPS:+--steps "$STEPS"} > "$OUT/$1.log" 2>&1
}
case "$1" in
  stash)
    stash_parts
    nvidia-smi --query-gpu=name,memory.total --format=csv || echo "no GPU here: the stages train on the CPU"
    ls -la $SCENES
    ;;
  train)
    stash_parts
    python3 -c "import soxr, soundfile" 2> /dev/null || python3 -m pip install --quiet --no-index --no-deps ../.gpu/wheels/*.whl
    nvidia-smi --query-gpu=name,memory.total --format=csv || echo "no GPU here: the stages train on the CPU"
    stage separator configs/recipes/separator-gpu.json 7 &  # 16 cores: two trainers and fourteen mixers
    stage detector configs/recipes/detector-gpu.json 7 &
    wait
    for s in separator detector; do
      cp "/tmp/$s/$s-weights.pt" "/tmp/$s/$s-best-weights.pt" "$OUT/" && cp "/tmp/$s/log.jsonl" "$OUT/$s-log.jsonl"
    done
    tail -n 2 "$OUT"/*.log
    ;;
  *)
    echo "usage: device-scenes.sh stash|train" >&2
    exit 2
    ;;
esac
