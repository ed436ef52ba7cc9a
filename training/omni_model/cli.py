"""`omni-model export-test-pack`: the CI test pack, exported from random weights by the same path as real packs."""
from __future__ import annotations

import argparse
from pathlib import Path

from .config import load_model_config
from .export import check_goldens, export_pack
from .factory import build_model, randomize

TRAINING_DIR = Path(__file__).resolve().parent.parent
TEST_PACK_CONFIG = TRAINING_DIR / "configs" / "model-test-pack.json"
TEST_PACK_DIR = TRAINING_DIR.parent / "public" / "models" / "test-pack"


def export_test_pack(out: Path, config: Path = TEST_PACK_CONFIG) -> dict:
    cfg = load_model_config(config)
    model = randomize(build_model(cfg, seed=1234), seed=4321)
    return export_pack(
        model, out, name="omni-test-pack", pack_version="0.1.0", licence="MIT (random weights; tokenizer from all-MiniLM-L6-v2, Apache-2.0)",
        credits=["Tokenizer: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)"],
        description="Random weights in the default pack's architecture, for engine tests. It makes noise, not sound.",
        sampler={"steps": 8, "guidance_scale": 3.0, "shift": 1.0},
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="omni-model", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export-test-pack", help="export the random-weight test pack and check its goldens in ONNX Runtime")
    e.add_argument("--out", type=Path, default=TEST_PACK_DIR)
    args = parser.parse_args(argv)
    manifest = export_test_pack(args.out)
    errors = check_goldens(args.out)
    print(f"{manifest['name']}: {len(manifest['sessions'])} sessions, {manifest['bytes'] / 2**20:.1f} MB -> {args.out}")
    for role, err in errors.items():
        print(f"  {role:20s} ONNX Runtime vs PyTorch, max relative error {err:.1e}")


if __name__ == "__main__":
    main()
