"""Writes rendered procedural songs with their known tempo, key, mode and style (WAV files and truth.json), for
measuring the studio's tempo and key estimators (bench/music-bench.ts runs src/dsp/tempo.ts and key.ts on them).

    python -m omni_data.music_renders --data training/configs/data-detector.json --out training/data/music-renders
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import soundfile as sf

from .gather import catalogue_for


def write_renders(data: Path, out: Path, count: int) -> int:
    """`data`: a data config (.json, its catalogue gathered or cached) or a built data set folder."""
    catalogue = catalogue_for(data)
    songs = sorted((c for c in catalogue.clips.values() if "bpm" in c.extra), key=lambda c: c.id)[:count]
    out.mkdir(parents=True, exist_ok=True)
    truth = []
    for i, clip in enumerate(songs):
        name = f"song-{i:03d}.wav"
        sf.write(out / name, np.asarray(catalogue.audio[clip.id], np.float32), catalogue.rate, subtype="FLOAT")
        truth.append({"file": name, "id": clip.id, **{k: clip.extra[k] for k in ("bpm", "key", "mode", "style", "instrument")}})
    (out / "truth.json").write_text(json.dumps({"rate": catalogue.rate, "songs": truth}, indent=1))
    return len(truth)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--count", type=int, default=120)
    args = p.parse_args()
    print(write_renders(args.data, args.out, args.count), "songs ->", args.out)


if __name__ == "__main__":
    main()
