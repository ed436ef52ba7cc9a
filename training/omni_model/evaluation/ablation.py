"""The paper's language-model ablation on our data: the DiT trained on the frozen MiniLM's penultimate layer against
its last layer, same data, seed, steps and budget; scored by the validation flow loss per task (lower is better).
Each variant trains from its own feature cache (the language-model states differ by layer)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import torch

from omni_model.model.config import load_model_config
from omni_model.packing.pack import load_trained
from omni_model.train.feature_cache import TASKS, build
from omni_model.train.train_dit import load_rows, train, validation_loss

LAYERS = {"penultimate": -2, "last": -1}


def ablate(config: Path, autoencoder: Path, data: Path, out: Path, steps: int, batch: int) -> dict:
    base = load_model_config(config)
    valid = [r for r in load_rows(data, "valid") if r["task"] in TASKS]
    results = {}
    for name, layer in LAYERS.items():
        cfg = dataclasses.replace(base, text=dataclasses.replace(base.text, layer=layer))
        run, cache = out / name, out / f"cache-{name}"
        if not (cache / "meta.json").exists():
            build(cfg, autoencoder, data, cache)
        torch.manual_seed(0)
        train(cfg, autoencoder, None, run, steps=steps, batch=batch, crop_frames=100, lr=3e-4, minutes=None, cache=cache)
        model, meta = load_trained(autoencoder, run / "dit-weights.pt")
        losses = validation_loss(model, cfg, valid, meta["latent_scale"])
        results[name] = {"layer": layer, "steps": meta["dit_step"], "validation_loss": losses, "mean": sum(losses.values()) / len(losses)}
    (out / "ablation.json").write_text(json.dumps(results, indent=2))
    return results


def table(results: dict) -> str:
    tasks = sorted(next(iter(results.values()))["validation_loss"])
    lines = ["| MiniLM layer | " + " | ".join(tasks) + " | mean |", "|---" * (len(tasks) + 2) + "|"]
    for name, r in results.items():
        lines.append(f"| {name} ({r['layer']}) | " + " | ".join(f"{r['validation_loss'][t]:.3f}" for t in tasks) + f" | {r['mean']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--autoencoder", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--batch", type=int, default=8)
    args = parser.parse_args(argv)
    print(table(ablate(args.config, args.autoencoder, args.data, args.out, args.steps, args.batch)))


if __name__ == "__main__":
    main()
