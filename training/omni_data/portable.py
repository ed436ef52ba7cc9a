"""A catalogue small enough to travel to a lent GPU machine (which has no Debian packages to gather from, and takes at
most 64 MiB per call): the training and validation clips only, each cut to its first `cap_seconds`, each scaled to its peak, as 8-bit mu-law
(G.711's companding: about 38 dB of signal to quantisation noise, and digital silence stays silent), zlib-compressed
and split into parts that travel one per call. The metadata (category, caption, licence, credit, split) travels whole.

    python -m omni_data.portable --data training/configs/data-detector.json --out .gpu/scenes --cap-seconds 10

There, `catalogue_for(folder)` reads it back once every part is in the folder."""

from __future__ import annotations

import argparse
import json
import zlib
from dataclasses import asdict
from pathlib import Path

import numpy as np

from .catalogue import Catalogue, SourceClip, refuse_validation_source

MU = 255.0
INDEX, PART = "portable.json", "audio.z.part-"


def mu_law(audio: np.ndarray) -> np.ndarray:
    """float audio in [-1, 1] -> uint8 codes 1..255, 128 for zero (so silence decodes to silence)."""
    y = np.sign(audio) * np.log1p(MU * np.abs(np.clip(audio, -1.0, 1.0))) / np.log1p(MU)
    return (np.round(y * 127.0) + 128).astype(np.uint8)


def mu_law_inverse(codes: np.ndarray) -> np.ndarray:
    y = (codes.astype(np.float32) - 128.0) / 127.0
    return (np.sign(y) * np.expm1(np.abs(y) * np.log1p(MU)) / MU).astype(np.float32)


def write_portable(catalogue: Catalogue, out: Path, cap_seconds: float, part_mib: float, splits: tuple[str, ...] = ("train", "valid")) -> list[Path]:
    """Writes the index and the audio's parts into `out`; returns the parts."""
    clips = sorted((c for c in catalogue.clips.values() if c.split in splits), key=lambda c: c.id)
    cap = int(cap_seconds * catalogue.rate)
    cut = [catalogue.audio[c.id][:cap] for c in clips]
    peaks = [float(np.max(np.abs(a))) if len(a) else 0.0 for a in cut]  # each clip at full scale: no clipping, finest steps
    codes = [mu_law(a / p if p > 0 else a) for a, p in zip(cut, peaks)]
    index = {"rate": catalogue.rate, "clips": [{**asdict(c), "samples": len(a), "peak": p} for c, a, p in zip(clips, codes, peaks)]}
    packed = zlib.compress(np.concatenate(codes).tobytes() if codes else b"", 6)
    out.mkdir(parents=True, exist_ok=True)
    (out / INDEX).write_text(json.dumps(index))
    size = int(part_mib * 2**20)
    parts = []
    for k, start in enumerate(range(0, max(len(packed), 1), size)):
        parts.append(out / f"{PART}{k:02d}")
        parts[-1].write_bytes(packed[start : start + size])
    return parts


def is_portable(folder: Path) -> bool:
    return (folder / INDEX).exists()


def read_portable(folder: Path) -> Catalogue:
    """The catalogue `write_portable` wrote, its parts joined in order (all of them must be there)."""
    index = json.loads((folder / INDEX).read_text())
    parts = sorted(folder.glob(f"{PART}*"))
    try:
        raw = np.frombuffer(zlib.decompress(b"".join(p.read_bytes() for p in parts)), np.uint8)
    except zlib.error as error:
        raise ValueError(f"{folder}: its {len(parts)} parts do not join into the catalogue's audio (is one missing?): {error}") from error
    catalogue = Catalogue(index["rate"])
    start = 0
    for row in index["clips"]:
        samples, peak = row.pop("samples"), row.pop("peak")
        clip = SourceClip(**row)
        refuse_validation_source(clip)
        catalogue.clips[clip.id] = clip
        catalogue.audio[clip.id] = mu_law_inverse(raw[start : start + samples]) * np.float32(peak)
        start += samples
    if start != len(raw):
        raise ValueError(f"{folder}: the parts hold {len(raw)} samples, the index {start}: a part is missing or extra")
    return catalogue


def main(argv: list[str] | None = None) -> None:
    from .gather import catalogue_for

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True, help="a data config .json or a built data set")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--cap-seconds", type=float, default=10.0, help="each clip's first seconds only")
    p.add_argument("--part-mib", type=float, default=56.0, help="the largest part (one travels per call)")
    args = p.parse_args(argv)
    for part in write_portable(catalogue_for(args.data), args.out, args.cap_seconds, args.part_mib):
        print(f"{part}: {part.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
