"""Trains the sound event detector on labelled mixtures made on the fly (omni_data.detection) from the separator's
sources: resumable (checkpoint every two minutes), budgeted in minutes. Each step names every class with one of its
training descriptions drawn at random, so the detector learns the words, not a fixed index.

    python -m omni_model.train.train_detector --config training/configs/model-small.json \
        --data training/configs/data-separator.json --run training/data/runs/detector --minutes 60
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from omni_data.detection import DetectionSampler, frame_labels
from omni_data.queries import all_training_phrases, training_descriptions
from omni_data.separation import SeparationSampler, clashes
from omni_model.model.config import load_model_config
from omni_model.model.detector import Detector
from omni_model.train.batches import batches, to_device, training_device
from omni_model.train.loop import cpu_state, each, earlier_runs, keep_best, keep_every, resume, save_checkpoint, train_for
from omni_model.train.recipe import mixture_stage_arguments, parse_with_recipe
from omni_model.train.train_separator import PhraseStates, source_catalogue


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


# SpecAugment (Park et al., 2019) as the DCASE baselines use it: bands and short stretches of the log-mel set to its
# mean, so the detector cannot lean on one clip's exact spectrum (training frame F1 0.88 against 0.61 on unseen clips).
# Time stretches stay shorter than the shortest labelled event (0.12 s), so no label loses its sound.
FREQUENCY_MASKS, MAX_BANDS = 2, 12
TIME_MASKS, MAX_MEL_FRAMES = 2, 8


def spec_augment(features: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """features [B, mels, T] with FREQUENCY_MASKS bands and TIME_MASKS stretches per example zeroed (the mean)."""
    out = features.clone()
    b, mels, frames = out.shape
    for axis, masks, widest in ((1, FREQUENCY_MASKS, MAX_BANDS), (2, TIME_MASKS, MAX_MEL_FRAMES)):
        size = mels if axis == 1 else frames
        for _ in range(masks):
            width = torch.randint(0, widest + 1, (b,), generator=generator)
            start = (torch.rand(b, generator=generator) * (size - width).clamp(min=1)).long()
            index = torch.arange(size)
            hit = ((index[None] >= start[:, None]) & (index[None] < (start + width)[:, None])).to(out.device)  # [B, size]
            out = out.masked_fill(hit[:, :, None] if axis == 1 else hit[:, None, :], 0.0)
    return out


def losses(model: Detector, batch: dict, labels: torch.Tensor, generator: torch.Generator | None = None) -> dict[str, torch.Tensor]:
    features = model.features(batch["mixture"])
    if generator is not None:
        features = spec_augment(features, generator)
    logits = model.logits(model.embed(features), labels)
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
    augment: bool = False,
    bed_only: float = 0.0,
    room: float = 0.0,
    workers: int = 0,
    phrases_file: Path | None = None,
    quiet: float = 0.0,
    snapshot_every: int = 0,
) -> Path:
    cfg = load_model_config(config)
    catalogue = source_catalogue(data)
    scenes = SeparationSampler(catalogue, "train", seconds=seconds, p_bed_only=bed_only, p_room=room)
    train_sampler = DetectionSampler(scenes, p_quiet=quiet)
    valid_sampler = DetectionSampler(SeparationSampler(catalogue, "valid", seconds=seconds, p_vary=0.0))
    classes = vocabulary(scenes)
    device = training_device()
    phrases = PhraseStates(cfg, all_training_phrases(), phrases_file).to(device)
    torch.manual_seed(seed)
    model = Detector(cfg)
    earlier: list[dict] = []  # runs this one continues (`--init`), oldest first
    if init is not None:
        first = torch.load(init, map_location="cpu", weights_only=False)
        model.load_state_dict(first["detector"])
        model.frozen_norms = bool(first.get("frozen_norms", False))
        earlier = earlier_runs(first)
    model.to(device)
    model.set_words_statistics(phrases.pooled())
    frames = int(seconds * cfg.audio.sample_rate) // (cfg.audio.hop * cfg.detector.pool_time)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    run.mkdir(parents=True, exist_ok=True)
    checkpoint = run / "checkpoint.pt"
    progress = resume(checkpoint, model, opt)
    wording = random.Random(seed * 1_000_003 + progress.step + 1)  # which description names each class
    masking = torch.Generator().manual_seed(seed * 1_000_003 + progress.step)
    batch_args = (classes, frames, model.frame_seconds)
    train_batches = batches(lambda r: make_batch(train_sampler, r, batch_size, *batch_args), seed * 1_000_003 + progress.step, workers, device)
    valid = [
        to_device(make_batch(valid_sampler, random.Random(20_000 + i), batch_size, *batch_args), device) for i in range(3 if max_steps is None else 1)
    ]

    def weights() -> dict:
        trained = {"step": progress.step, "minutes": progress.elapsed / 60, "data": data.name, "earlier": earlier}
        return {
            "detector": cpu_state(model),
            "classes": classes,
            "config": cfg.to_json(),
            "frozen_norms": model.frozen_norms,
            **trained,
        }

    def save() -> None:
        save_checkpoint(checkpoint, model, opt, progress)
        torch.save(weights(), run / "detector-weights.pt")

    def valid_losses() -> list[dict]:
        labels = class_embeddings(model, phrases, classes, None)
        return [losses(model, b, labels) for b in valid]

    train_for(
        model,
        opt,
        progress,
        minutes=minutes,
        max_steps=max_steps,
        peak_lr=lr,
        train_losses=lambda: losses(
            model,
            next(train_batches),
            class_embeddings(model, phrases, classes, wording),
            masking if augment else None,
        ),
        valid_losses=valid_losses,
        log_path=run / "log.jsonl",
        save=save,
        on_valid=each(keep_best(run / "detector-best-weights.pt", weights), keep_every(run, "detector", weights, snapshot_every)),
    )
    return run / "detector-weights.pt"


def main(argv: list[str] | None = None) -> None:
    p = mixture_stage_arguments(__doc__, "detector", minutes=60.0, batch=24, seconds=5.0, lr=2e-3)
    p.add_argument("--augment", action=argparse.BooleanOptionalAction, default=False, help="SpecAugment the training mixtures")
    p.add_argument("--bed-only", type=float, default=0.0, help="share of training scenes that are a bed alone")
    p.add_argument("--room", type=float, default=0.0, help="share of training sounds put through another room and recording chain")
    p.add_argument("--quiet", type=float, default=0.0, help="share of training scenes with silence in them (gaps, or events with no bed)")
    p.add_argument("--snapshot-every", type=int, default=0, help="also keep the weights every N steps (detector-stepN.pt), to choose on real_dev")
    args = parse_with_recipe(p, argv)
    print(
        train(
            args.config,
            args.data,
            args.run,
            args.minutes,
            args.batch,
            args.seconds,
            args.lr,
            args.seed,
            args.steps,
            args.init,
            args.augment,
            args.bed_only,
            args.room,
            args.workers,
            args.phrases,
            args.quiet,
            args.snapshot_every,
        )
    )


if __name__ == "__main__":
    main()
