"""Writes the edit evaluation's mixtures as WAV files, with where each event is, for the benchmarks that run the
studio's own DSP on them in Node (bench/attenuate-bench.ts): the real validation set (Wesnoth beds, Hedgewars
events, 44.1 kHz stereo at -20 dBFS), the development set (Red Eclipse, to choose defaults on) and the test split.

    python -m omni_model.evaluation.marked_cases --out training/data/marked

Each case is three files, `<id>.mixture.wav`, `<id>.event.wav` and `<id>.bed.wav` (32-bit float, the mixture is
their sum), listed in cases.json with its set, rate, and the event's onset and length in samples."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import soundfile as sf

from omni_model.evaluation.evaluate_edits import Case, real_cases, synthetic_cases
from omni_model.paths import TRAINING_DIR


def dev_cases(count: int) -> list[Case]:
    from omni_data import real_dev, real_validation

    return [
        Case(e.id, e.mixture, e.event, e.bed, (e.onset, e.onset + e.length), real_validation.RATE, e.description, e.wrong_description)
        for e in real_dev.build(count)
    ]


def write(out: Path, sets: dict[str, list[Case]]) -> list[dict]:
    listed = []
    for name, cases in sets.items():
        for c in cases:
            for part, audio in (("mixture", c.mixture), ("event", c.event), ("bed", c.bed)):
                sf.write(out / f"{c.id}.{part}.wav", np.asarray(audio, np.float32), c.rate, subtype="FLOAT")
            listed.append(
                {
                    "set": name,
                    "id": c.id,
                    "rate": c.rate,
                    "onset": c.span[0],
                    "length": c.span[1] - c.span[0],
                    "description": c.description,
                    "wrong_description": c.wrong_description,
                }
            )
    return listed


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=TRAINING_DIR / "data" / "marked")
    p.add_argument("--real", type=int, default=40)
    p.add_argument("--dev", type=int, default=48)
    p.add_argument("--synthetic", type=int, default=40)
    p.add_argument("--data", type=Path, default=TRAINING_DIR / "configs" / "data-separator.json")
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sets = {"real": real_cases(args.real), "dev": dev_cases(args.dev), "test": synthetic_cases(args.data, args.synthetic)}
    listed = write(args.out, sets)
    (args.out / "cases.json").write_text(json.dumps(listed, indent=1))
    print(f"{len(listed)} cases in {args.out}")


if __name__ == "__main__":
    main()
