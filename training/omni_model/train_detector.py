"""Trains the sound event detector on labelled mixtures made on the fly (omni_data.detection) from the separator's
sources: resumable (checkpoint every two minutes), budgeted in minutes. Each step names every class with one of its
training descriptions drawn at random, so the detector learns the words, not a fixed index.

    python -m omni_model.train_detector --config training/configs/model-small.json \
        --data training/configs/data-separator.json --run training/data/runs/detector --minutes 60
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from omni_data.detection import DetectionSampler, frame_labels
from omni_data.queries import all_training_phrases, training_descriptions
from omni_data.separation import SeparationSampler, clashes

from .config import load_model_config
from .detector import Detector
from .train_separator import PhraseStates, learning_rate, source_catalogue


def vocabulary(sampler: SeparationSampler) -> list[str]:
    """Every category the training split can show: its beds' and its events'."""
    return sorted(set(sampler.beds) | set(sampler.events))


def make_batch(sampler: DetectionSampler, rng: random.Random, size: int, classes: list[str], frames: int, frame_seconds: float) -> dict:
    mixes = [sampler.sample(rng) for _ in range(size)]
    labels = np.stack([frame_labels(m.events, classes, frames, frame_seconds) for m in mixes])
    # A class that a listener would confuse with one present (speech and a voice, an impact and a crash) is neither
    # right nor wrong there: its frames do not count.
    weight = np.ones_like(labels)
    for i, m in enumerate(mixes):
        present = {e.category for e in m.events}
        for k, c in enumerate(classes):
            if c not in present and any(clashes(c, p) for p in present):
                weight[i, :, k] = 0.0
    return {"mixture": torch.from_numpy(np.stack([m.mixture for m in mixes])), "labels": torch.from_numpy(labels), "weight": torch.from_numpy(weight)}


def class_embeddings(model: Detector, phrases: PhraseStates, classes: list[str], rng: random.Random | None) -> torch.Tensor:
    """One description per class: drawn at random in training, the average of all of them (rng None) for evaluation."""
    rows = []
    for c in classes:
        words = training_descriptions(c)
        chosen = [rng.choice(words)] if rng is not None else list(words)
        rows.append(model.embed_words(torch.stack([phrases.states[w][0].mean(0) for w in chosen])).mean(0))
    return F.normalize(torch.stack(rows), dim=-1)


# A short event covers few frames, a bed all of them: the frames where a sound is count this many times more, and the
# clip-level loss (each label's loudest frame against whether the clip holds it) weighs an event like a bed.
POSITIVE_WEIGHT = 3.0


def losses(model: Detector, batch: dict, labels: torch.Tensor) -> dict[str, torch.Tensor]:
    logits = model.logits(model(batch["mixture"]), labels)
    target, weight = batch["labels"][:, : logits.shape[1]], batch["weight"][:, : logits.shape[1]]
    weight = weight * (1 + (POSITIVE_WEIGHT - 1) * target)
    frames = torch.sum(weight * F.binary_cross_entropy_with_logits(logits, target, reduction="none")) / torch.sum(weight)
    clip_weight = batch["weight"].amin(dim=1)
    clip = F.binary_cross_entropy_with_logits(logits.amax(dim=1), target.amax(dim=1), reduction="none")
    loss = frames + torch.sum(clip_weight * clip) / torch.sum(clip_weight)
    predicted = (logits > 0).float() * batch["weight"][:, : logits.shape[1]]
    tp = torch.sum(predicted * target)
    f1 = 2 * tp / (torch.sum(predicted) + torch.sum(target * batch["weight"][:, : logits.shape[1]]) + 1e-9)
    return {"loss": loss, "frames": frames.detach(), "frame_f1": f1.detach()}


def train(
    config: Path,
    data: Path,
    run: Path,
    minutes: float,
    batch_size: int = 24,
    seconds: float = 5.0,
    lr: float = 2e-3,
    seed: int = 0,
    max_steps: int | None = None,
    init: Path | None = None,
) -> Path:
    cfg = load_model_config(config)
    catalogue = source_catalogue(data)
    scenes = SeparationSampler(catalogue, "train", seconds=seconds)
    train_sampler = DetectionSampler(scenes)
    valid_sampler = DetectionSampler(SeparationSampler(catalogue, "valid", seconds=seconds, p_vary=0.0))
    classes = vocabulary(scenes)
    phrases = PhraseStates(cfg, all_training_phrases())
    torch.manual_seed(seed)
    model = Detector(cfg)
    earlier: list[dict] = []  # runs this one continues (`--init`), oldest first
    if init is not None:
        first = torch.load(init, map_location="cpu", weights_only=False)
        model.load_state_dict(first["detector"])
        earlier = [*first.get("earlier", []), {"step": first["step"], "minutes": round(first.get("minutes", 0.0), 1), "data": first.get("data", "?")}]
    model.set_words_statistics(phrases.pooled())
    frames = int(seconds * cfg.audio.sample_rate) // (cfg.audio.hop * cfg.detector.pool_time)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    run.mkdir(parents=True, exist_ok=True)
    ckpt_path, log_path = run / "checkpoint.pt", run / "log.jsonl"
    step, elapsed = 0, 0.0
    if ckpt_path.exists():
        state = torch.load(ckpt_path, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        step, elapsed = state["step"], state["elapsed"]
        print(f"resumed at step {step} ({elapsed / 60:.1f} min)")
    rng = random.Random(seed * 1_000_003 + step)
    batch_args = (classes, frames, model.frame_seconds)
    valid = [make_batch(valid_sampler, random.Random(20_000 + i), batch_size, *batch_args) for i in range(3 if max_steps is None else 1)]

    best_path = run / "detector-best-weights.pt"
    best_loss = torch.load(best_path, weights_only=False)["valid_loss"] if best_path.exists() else float("inf")

    def weights() -> dict:
        return {
            "detector": model.state_dict(),
            "classes": classes,
            "step": step,
            "minutes": elapsed / 60,
            "data": data.name,
            "config": cfg.to_json(),
            "earlier": earlier,
        }

    def save() -> None:
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "elapsed": elapsed}, ckpt_path.with_suffix(".tmp"))
        ckpt_path.with_suffix(".tmp").replace(ckpt_path)
        torch.save(weights(), run / "detector-weights.pt")

    budget, last_save, start = minutes * 60, time.time(), time.time() - elapsed
    while elapsed < budget and (max_steps is None or step < max_steps):
        model.train()
        for group in opt.param_groups:
            group["lr"] = learning_rate(step, elapsed / budget, lr)
        out = losses(model, make_batch(train_sampler, rng, batch_size, *batch_args), class_embeddings(model, phrases, classes, rng))
        opt.zero_grad()
        out["loss"].backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        elapsed = time.time() - start
        if step % 50 == 0 or step == max_steps:
            row = {"step": step, "minutes": round(elapsed / 60, 2), **{k: round(float(v.detach()), 4) for k, v in out.items()}}
            if step % 250 == 0 or step == max_steps:
                model.eval()
                with torch.no_grad():
                    labels = class_embeddings(model, phrases, classes, None)
                    vals = [losses(model, b, labels) for b in valid]
                row.update({f"valid_{k}": round(float(np.mean([float(v[k]) for v in vals])), 4) for k in vals[0]})
                # The few hundred source clips are soon overfitted (valid loss rose after ~1,000 steps of the third
                # run): the weights at the lowest valid loss are kept beside the last ones.
                if row["valid_loss"] < best_loss:
                    best_loss = row["valid_loss"]
                    torch.save({**weights(), "valid_loss": best_loss}, best_path)
            with log_path.open("a") as f:
                f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
        if time.time() - last_save > 120:
            save()
            last_save = time.time()
    save()
    return run / "detector-weights.pt"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--data", type=Path, required=True, help="a built data set folder or a data config .json (its sources are mixed)")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--minutes", type=float, default=60.0)
    p.add_argument("--batch", type=int, default=24)
    p.add_argument("--seconds", type=float, default=5.0, help="length of the training mixtures")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--steps", type=int, help="stop after this many steps (else the minutes decide)")
    p.add_argument("--init", type=Path, help="detector weights to start from (a fresh optimiser and schedule)")
    args = p.parse_args()
    print(train(args.config, args.data, args.run, args.minutes, args.batch, args.seconds, args.lr, args.seed, args.steps, args.init))


if __name__ == "__main__":
    main()
