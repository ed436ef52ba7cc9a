"""`omni-model export-test-pack`: the CI test pack, exported from random weights by the same path as real packs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from omni_model.model.config import load_model_config
from omni_model.model.factory import build_model, randomize
from omni_model.packing.export import TOLERANCES, check_goldens, export_pack

TRAINING_DIR = Path(__file__).resolve().parent.parent
TEST_PACK_CONFIG = TRAINING_DIR / "configs" / "model-test-pack.json"
TEST_PACK_DIR = TRAINING_DIR.parent / "public" / "models" / "test-pack"


def export_test_pack(out: Path, config: Path = TEST_PACK_CONFIG) -> dict:
    """Random weights through the real export path, a detector over the whole taxonomy included."""
    cfg = load_model_config(config)
    model = randomize(build_model(cfg, seed=1234), seed=4321)
    export_pack(
        model,
        out,
        name="omni-test-pack",
        pack_version="0.1.0",
        licence="MIT (random weights; tokenizer from all-MiniLM-L6-v2, Apache-2.0)",
        credits=["Tokenizer: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)"],
        description="Random weights in the default pack's architecture, for engine tests. It makes noise, not sound.",
        sampler={"steps": 8, "guidance_scale": 3.0, "shift": 1.0},
    )
    import torch

    from omni_data.taxonomy import TAXONOMY
    from omni_model.model.detector import Detector
    from omni_model.packing.pack import attach_detector

    manifest = json.loads((out / "manifest.json").read_text())
    torch.manual_seed(5678)
    detector = randomize(Detector(cfg), seed=8765)
    manifest = attach_detector(out, manifest, detector, sorted(TAXONOMY), {"step": 0})
    (out / "training.json").unlink()  # random weights: no training to record
    return manifest


def bench_torch(config: Path, seconds: float, steps: int, threads: int) -> None:
    """The PyTorch reference for the engine benchmark: one window, guidance as a batch of 2, on this CPU."""
    import time

    import numpy as np
    import torch

    from omni_model.model.sampler import sample_flow
    from omni_model.packing.export import example_inputs

    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    model = randomize(build_model(load_model_config(config), seed=1), seed=2)
    cfg = model.cfg
    frames = round(seconds * cfg.latent_rate)
    t1 = time.perf_counter()
    with torch.no_grad():
        feeds = example_inputs(model, frames, seed=3)["dit"]

        def velocities(x: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
            x_t = torch.from_numpy(np.concatenate([x, x]))
            v = model.dit(**{**feeds, "x_t": x_t, "t": torch.tensor([t, t])}).numpy()
            return v[:1], v[1:]

        x = sample_flow((1, cfg.vae.latent_channels, frames), steps, 1.0, 3.0, 1, velocities)
        audio = model.vocoder(model.vae.decode(torch.from_numpy(x)))
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "runtime": f"PyTorch {torch.__version__} CPU, {threads} thread(s)",
                "load_s": round(t1 - t0, 2),
                "total_s": round(t2 - t1, 2),
                "rtf": round((t2 - t1) / seconds, 3),
                "samples": int(audio.shape[-1]),
            }
        )
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="omni-model", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export-test-pack", help="export the random-weight test pack and check its goldens in ONNX Runtime")
    e.add_argument("--out", type=Path, default=TEST_PACK_DIR)
    r = sub.add_parser("export-random", help="export any model config with random weights (frozen language model real), for speed measurements")
    r.add_argument("--config", type=Path, required=True)
    r.add_argument("--out", type=Path, required=True)
    t = sub.add_parser("export-trained", help="export trained weights as a pack with only the variants it ships")
    t.add_argument("--autoencoder", type=Path, required=True)
    t.add_argument("--dit", type=Path, required=True)
    t.add_argument("--data", type=Path, default=TRAINING_DIR / "data" / "default", help="the data set it was trained on (for the credits)")
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--ship", default="int8", help="comma-separated variants to keep: fp32, int8")
    t.add_argument("--version", default="0.1.0")
    a = sub.add_parser("add-separator", help="put a trained separator into an exported pack (its other sessions untouched)")
    a.add_argument("--pack", type=Path, required=True)
    a.add_argument("--weights", type=Path, required=True, help="separator-weights.pt from train_separator")
    a.add_argument(
        "--data",
        type=Path,
        default=TRAINING_DIR / "configs" / "data-separator.json",
        help="the data config (or built data set) whose catalogue it was trained on (for the credits)",
    )
    a.add_argument(
        "--presence-threshold", type=float, help="the presence probability over which a sound counts as found (default: export.SEPARATION's)"
    )
    a.add_argument("--version", required=True)
    d = sub.add_parser("add-detector", help="put a trained sound event detector into an exported pack (its other sessions untouched)")
    d.add_argument("--pack", type=Path, required=True)
    d.add_argument("--weights", type=Path, required=True, help="detector-weights.pt from train_detector")
    d.add_argument("--data", type=Path, default=TRAINING_DIR / "configs" / "data-separator.json", help="the data config it was trained on (credits)")
    d.add_argument("--threshold", type=float, help="the probability over which a frame holds a label (default: export.DETECTION's)")
    d.add_argument("--version", required=True)
    r = sub.add_parser("detector-settings", help="draw a pack's detector with this code's settings (regions, silence level); no new weights")
    r.add_argument("--pack", type=Path, required=True)
    r.add_argument("--version", required=True)
    v = sub.add_parser("add-video", help="put a DiT that hears the picture (train_video) into an exported pack")
    v.add_argument("--pack", type=Path, required=True)
    v.add_argument("--weights", type=Path, required=True, help="dit-weights.pt from train_video")
    v.add_argument("--version", required=True)
    v.add_argument("--tasks", default="v2a", help="the video tasks it was taught (v2a, v2m)")
    c = sub.add_parser("add-in-context", help="put a DiT taught music in context (train_dit --in-context) into an exported pack")
    c.add_argument("--pack", type=Path, required=True)
    c.add_argument("--weights", type=Path, required=True, help="dit-weights.pt from train_dit --in-context")
    c.add_argument("--autoencoder", type=Path, required=True, help="the pack's autoencoder weights (the mel encoder's session runs its VAE)")
    c.add_argument("--version", required=True)
    c.add_argument("--tasks", default="t2m", help="the tasks that send the audio around the part they make as the source")
    c.add_argument("--uses", default="continue", help="continue (Extend), fill (Regenerate a region) or continue,fill")
    o = sub.add_parser("add-decoding", help="put a fine-tuned VAE decoder and vocoder (finetune_vocoder) into an exported pack")
    o.add_argument("--pack", type=Path, required=True)
    o.add_argument("--autoencoder", type=Path, required=True, help="autoencoder-weights.pt from finetune_vocoder (its encoder the pack's)")
    o.add_argument("--version", required=True)
    b = sub.add_parser("bench-torch", help="time one window in PyTorch on the CPU")
    b.add_argument("--config", type=Path, required=True)
    b.add_argument("--seconds", type=float, default=10.0)
    b.add_argument("--steps", type=int, default=16)
    b.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "bench-torch":
        bench_torch(args.config, args.seconds, args.steps, args.threads)
        return
    if args.command == "export-trained":
        from omni_model.packing.pack import export_trained

        m = export_trained(args.autoencoder, args.dit, args.data, args.out, set(args.ship.split(",")), args.version)
        print(f"{m['name']} {m['pack_version']}: {m['bytes'] / 2**20:.1f} MB ({', '.join(m['variant_bytes'])}) -> {args.out}")
        return
    if args.command == "add-separator":
        from omni_model.packing.pack import add_separator

        m = add_separator(args.pack, args.weights, args.data, args.version, args.presence_threshold)
        print(f"{m['name']} {m['pack_version']}: {m['bytes'] / 2**20:.1f} MB with a separator -> {args.pack}")
        return
    if args.command == "add-detector":
        from omni_model.packing.pack import add_detector

        m = add_detector(args.pack, args.weights, args.data, args.version, args.threshold)
        print(f"{m['name']} {m['pack_version']}: {m['bytes'] / 2**20:.1f} MB with a detector -> {args.pack}")
        return
    if args.command == "detector-settings":
        from omni_model.packing.pack import refresh_detector_settings

        m = refresh_detector_settings(args.pack, args.version)
        print(f"{m['name']} {m['pack_version']}: the detector's settings are now {sorted(m['understanding']['detector'])} -> {args.pack}")
        return
    if args.command == "add-video":
        from omni_model.packing.pack import add_video

        m = add_video(args.pack, args.weights, args.version, tuple(args.tasks.split(",")))
        print(f"{m['name']} {m['pack_version']}: {m['bytes'] / 2**20:.1f} MB with sound for a video -> {args.pack}")
        return
    if args.command == "add-in-context":
        from omni_model.packing.pack import add_in_context

        m = add_in_context(args.pack, args.weights, args.autoencoder, args.version, tuple(args.tasks.split(",")), tuple(args.uses.split(",")))
        print(f"{m['name']} {m['pack_version']}: {m['bytes'] / 2**20:.1f} MB with music in context -> {args.pack}")
        return
    if args.command == "add-decoding":
        from omni_model.packing.pack import add_decoding

        m = add_decoding(args.pack, args.autoencoder, args.version)
        print(f"{m['name']} {m['pack_version']}: {m['bytes'] / 2**20:.1f} MB with a new decoder and vocoder -> {args.pack}")
        return
    if args.command == "export-random":
        model = randomize(build_model(load_model_config(args.config), seed=1), seed=2)
        m = export_pack(
            model,
            args.out,
            name=f"{model.cfg.name}-random",
            pack_version="0.0.0",
            licence="random weights (MiniLM: Apache-2.0)",
            credits=["sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)"],
            description="Random weights, for speed only.",
            sampler={"steps": 16, "guidance_scale": 3.0, "shift": 1.0},
        )
        print(f"{m['name']}: {m['bytes'] / 2**20:.1f} MB -> {args.out}")
        return
    manifest = export_test_pack(args.out)
    print(f"{manifest['name']}: {len(manifest['sessions'])} sessions -> {args.out}")
    for dtype in TOLERANCES:
        errors = check_goldens(args.out, dtype=dtype)
        print(
            f"  {dtype}: {manifest['variant_bytes'][dtype] / 2**20:.1f} MB; max relative error against PyTorch by session: "
            + ", ".join(f"{role} {err:.1e}" for role, err in errors.items())
        )


if __name__ == "__main__":
    main()
