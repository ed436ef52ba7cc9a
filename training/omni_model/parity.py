"""A fixture that ties the studio's spectral edit (src/dsp/spectral-edit.ts) to the evaluation's (preserve.py): both
run it on the same closed-form signals and must give the same result, segment by segment. `python -m
omni_model.parity` rewrites the fixture; pytest checks it is current, Vitest that TypeScript agrees with it."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .preserve import preserve, timbre

FIXTURE = Path(__file__).resolve().parents[2] / "src" / "dsp" / "spectral-edit.parity.json"
RATE, SECONDS, SEGMENTS = 16000, 2.0, 20


def signals() -> dict[str, np.ndarray]:
    """The same formulas as in spectral-edit.test.ts: a bed of two tones, a beep from 0.8 to 1.2 s."""
    t = np.arange(int(RATE * SECONDS)) / RATE
    bed = 0.05 * np.sin(2 * np.pi * 3000 * t + 0.5) + 0.03 * np.sin(2 * np.pi * 440 * t)
    beep = np.where((t >= 0.8) & (t < 1.2), 0.3 * np.sin(2 * np.pi * 1000 * t), 0.0)
    quiet_bed = 0.5 * bed + 0.01 * np.sin(2 * np.pi * 5000 * t)
    return {k: v.astype(np.float32) for k, v in {"bed": bed, "beep": beep, "mix": bed + beep, "quiet_bed": quiet_bed,
                                                  "quiet_mix": quiet_bed + beep}.items()}


def segment_rms(x: np.ndarray) -> list[float]:
    return [round(float(np.sqrt(np.mean(s.astype(np.float64) ** 2))), 6) for s in np.array_split(x, SEGMENTS)]


def compute() -> dict:
    s = signals()
    return {"rate": RATE, "segments": SEGMENTS,
            "remove": segment_rms(preserve("remove", s["mix"], s["quiet_bed"], s["mix"])),
            "add": segment_rms(preserve("add", s["bed"], s["quiet_mix"], s["bed"])),
            "timbre": segment_rms(timbre(s["mix"], s["quiet_mix"], s["mix"]))}


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(compute(), indent=1) + "\n")
    print(FIXTURE)
