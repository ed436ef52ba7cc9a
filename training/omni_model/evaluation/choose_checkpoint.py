"""Chooses among a detector run's kept weights (train_detector --snapshot-every) on the real development set, never on
the reported real validation set: each is put into a copy of the pack and scored the studio's way on held-out real
recordings (omni_data/real_dev.py) at each of the evaluation's thresholds; the weights and threshold with the best
event F1 there are the run's choice (a detector trained afresh is calibrated afresh).

    python -m omni_model.evaluation.choose_checkpoint --pack public/models/omni-small --run training/data/runs/detector-dev --data training/configs/data-heldout.json

Prints one row a checkpoint (its best threshold, and there event F1, segment F1, tagging mAP, top-3, false seconds a minute on the beds alone) and
the choice; --out keeps them as JSON."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
from pathlib import Path

from omni_data import real_dev
from omni_model.evaluation.evaluate import OnnxPack
from omni_model.evaluation.evaluate_detector import StudioDetector, bed_alarms, beds_alone, evaluate, mixtures, require_held_out
from omni_model.packing.pack import add_detector


def kept_weights(run: Path) -> list[Path]:
    """The run's weights every N steps, in step order, then its last and its best-valid ones."""
    steps = sorted(run.glob("detector-step*.pt"), key=lambda p: int(re.search(r"step(\d+)", p.name).group(1)))
    return [*steps, *(p for p in (run / "detector-weights.pt", run / "detector-best-weights.pt") if p.exists())]


def score(pack: Path, weights: Path, data: Path, examples: list) -> dict:
    """One candidate on the development set's mixtures (real_dev.build, made once for the whole run)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "pack"
        shutil.copytree(pack, copy)
        add_detector(copy, weights, data, f"candidate-{weights.stem}")
        require_held_out(copy)  # the candidate's own training credits are in the copy's manifest now
        detector = StudioDetector(OnnxPack(copy, "int8"))
        mixed = evaluate(detector, mixtures(examples, detector.rate))
        threshold, at = max(mixed["by_threshold"].items(), key=lambda item: (item[1]["event_f1"], item[0]))
        detector.settings = {**detector.settings, "threshold": float(threshold)}
        beds = bed_alarms(detector, beds_alone(examples, detector.rate))
    return {
        "weights": str(weights),
        "threshold": float(threshold),
        "event_f1": at["event_f1"],
        "segment_f1": at["segment_f1"],
        "tagging_map": mixed["tagging_map"],
        "top3": mixed["top3"],
        "false_seconds_per_minute": beds["false_alarm_seconds_per_minute"],
    }


def choose(rows: list[dict]) -> dict:
    """The best event F1 on the development set; a tie goes to the better tags (mAP), then to the earlier weights."""
    return max(rows, key=lambda r: (r["event_f1"], r["tagging_map"], -rows.index(r)))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", type=Path, required=True, help="the pack whose other sessions the candidates join")
    p.add_argument("--run", type=Path, required=True, help="a train_detector run kept with --snapshot-every")
    p.add_argument("--data", type=Path, required=True, help="the data config the run was trained on (must hold out real_dev's set)")
    p.add_argument("--dev", type=int, default=48, help="clips of the real development set")
    p.add_argument("--out", type=Path)
    args = p.parse_args()
    examples, rows = real_dev.build(args.dev), []
    print("| weights | threshold | event F1 | segment F1 | tagging mAP | top-3 | beds alone: false s/min |\n|---|---|---|---|---|---|---|")
    for weights in kept_weights(args.run):
        rows.append(score(args.pack, weights, args.data, examples))
        r = rows[-1]
        print(
            f"| {weights.name} | {r['threshold']} | {r['event_f1']} | {r['segment_f1']} | {r['tagging_map']} | {r['top3']} | {r['false_seconds_per_minute']} |",
            flush=True,
        )
    chosen = choose(rows)
    print(f"chosen on the development set: {chosen['weights']} at threshold {chosen['threshold']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"rows": rows, "chosen": chosen}, indent=1))


if __name__ == "__main__":
    main()
