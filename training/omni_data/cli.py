"""`omni-data build | bench | regenerate`: the data pipeline's one entry point."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from .build import build, regenerate
from .config import load_config
from .gather import build_catalogue
from .tasks import Planner, render

TRAINING_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = TRAINING_DIR / "configs" / "data-default.json"
DATA_DIR = TRAINING_DIR / "data"


def bench(config: Path, examples: int) -> None:
    """Mixing throughput (add/remove/extract pairs, rendered in memory, one process) in times real time."""
    cfg = load_config(config)
    t0 = time.perf_counter()
    catalogue = build_catalogue(cfg, DATA_DIR / "bench-cache", progress=False)
    t1 = time.perf_counter()
    planner = Planner(cfg, catalogue, "train")
    mixing = [i for i in range(examples * len(cfg.tasks)) if cfg.tasks[i % len(cfg.tasks)] in ("add", "remove", "extract")][:examples]
    t2 = time.perf_counter()
    audio_seconds = 0.0
    for index in mixing:
        out = render(planner.plan(index), catalogue.audio, cfg)
        audio_seconds += len(out["output"]) / cfg.sample_rate
    t3 = time.perf_counter()
    print(
        f"catalogue: {len(catalogue.clips)} clips, {sum(len(a) for a in catalogue.audio.values()) / cfg.sample_rate / 60:.1f} min of source audio, ready in {t1 - t0:.1f} s"
    )
    print(
        f"mixing pairs (add/remove/extract, pitch + stretch + SNR + exact 16-bit): {len(mixing)} examples, {audio_seconds:.0f} s of audio in {t3 - t2:.2f} s"
    )
    print(f"throughput: {audio_seconds / (t3 - t2):.0f}x real time on one core")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="omni-data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the data set")
    b.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    b.add_argument("--out", type=Path, default=DATA_DIR / "default")
    b.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p = sub.add_parser("bench", help="print the mixing throughput")
    p.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    p.add_argument("--examples", type=int, default=300)
    r = sub.add_parser("regenerate", help="render one example again from its recipe and compare it with the stored files")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("id")
    args = parser.parse_args(argv)
    if args.command == "build":
        card = build(load_config(args.config), args.out, args.workers)
        print(f"done: {card}")
    elif args.command == "bench":
        bench(args.config, args.examples)
    else:
        import soundfile as sf

        audio = regenerate(args.out, args.id)
        split = args.id.split("-")[0]
        for kind, samples in audio.items():
            stored = next(args.out.glob(f"{split}/shard-*/{args.id}_{kind}.wav"))
            same = (sf.read(str(stored), dtype="int16")[0] == samples).all()
            print(f"{stored}: {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
