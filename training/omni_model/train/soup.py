"""Weights between two runs of one stage (WiSE-FT, Wortsman et al. 2022): a fine-tune that learned something new on
our data often forgets what the weights it started from did well on recordings it never saw; a point on the line
between the two can keep both. Both files must hold the same stage with the same shapes (one fine-tuned from the other).

    python -m omni_model.train.soup --start shipped/detector-weights.pt --end run/detector-weights.pt --share 0.5 --out soup.pt
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

STAGES = ("detector", "separator")


def stage_of(weights: dict) -> str:
    found = [s for s in STAGES if s in weights]
    if len(found) != 1:
        raise ValueError(f"a weights file of one stage ({', '.join(STAGES)}) was expected; this one holds {sorted(weights)}")
    return found[0]


def between(start: dict[str, torch.Tensor], end: dict[str, torch.Tensor], share: float) -> dict[str, torch.Tensor]:
    """start + share * (end - start) for every floating tensor; counters (integers) are the end's."""
    if start.keys() != end.keys():
        raise ValueError(f"the two runs differ in their tensors: {sorted(start.keys() ^ end.keys())[:6]}")
    mixed = {}
    for name, last in end.items():
        first = start[name]
        if first.shape != last.shape:
            raise ValueError(f"{name}: shape {tuple(first.shape)} against {tuple(last.shape)}; not one stage fine-tuned from the other")
        mixed[name] = torch.lerp(first, last, share) if last.is_floating_point() else last.clone()
    return mixed


def soup(start_path: Path, end_path: Path, share: float) -> dict:
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must be within 0..1 (0 = the start, 1 = the end), not {share}")
    start, end = (torch.load(p, map_location="cpu", weights_only=False) for p in (start_path, end_path))
    stage = stage_of(end)
    if stage_of(start) != stage:
        raise ValueError(f"{start_path} holds a {stage_of(start)}, {end_path} a {stage}")
    if stage == "detector" and start["classes"] != end["classes"]:
        raise ValueError("the two detectors name different classes")
    return {**end, stage: between(start[stage], end[stage], share), "soup": {"start": str(start_path), "end": str(end_path), "share": share}}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--start", type=Path, required=True, help="the weights the fine-tune started from")
    p.add_argument("--end", type=Path, required=True, help="the fine-tuned weights")
    p.add_argument("--share", type=float, required=True, help="how far from start towards end (0..1)")
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    torch.save(soup(args.start, args.end, args.share), args.out)
    print(f"{args.out}: {args.share:.2f} of the way from {args.start} to {args.end}")


if __name__ == "__main__":
    main()
