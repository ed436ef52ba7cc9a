"""Trains the DiT (with the mel encoder and the condition projections) by rectified flow on the AudioEdit-style data
set, over a frozen VAE from the autoencoder stage and the frozen language model. CPU or CUDA; resumable."""

from __future__ import annotations

import argparse
import copy
import csv
import json
import random
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from omni_model.model.config import ModelConfig, load_model_config
from omni_model.model.dit import with_picture_paths
from omni_model.model.factory import build_model
from omni_model.model.text import tokenize
from omni_model.packing.export import TASKS, encode_chars
from omni_model.train.feature_cache import CachedBatches
from omni_model.train.in_context import with_context
from omni_model.train.recipe import parse_with_recipe

PREFIX = {t["id"]: t["prefix"] for t in TASKS}
TASK_PREFIX = {
    "add": PREFIX["add"],
    "remove": PREFIX["remove"],
    "extract": PREFIX["extract"],
    "style_sfx": PREFIX["style"],
    "style_music": PREFIX["style"],
    "style_speech": PREFIX["style"],
    "t2a": PREFIX["t2a"],
    "t2m": PREFIX["t2m"],
    "tts": "Generate speech: ",
}
TRAINED = ("dit", "mel_encoder", "transcript_encoder")
EDITS = {"add", "remove", "extract", "style_sfx", "style_music", "style_speech"}


def load_rows(data: Path, split: str) -> list[dict]:
    rows = []
    for meta in sorted(data.glob(f"{split}/shard-*/metadata.jsonl")):
        for line in meta.read_text().splitlines():
            row = json.loads(line)
            row["dir"] = str(meta.parent)
            rows.append(row)
    return rows


def prompt_of(row: dict) -> str:
    return TASK_PREFIX[row["task"]] + (row["instruction"] or row["caption"] or "")


def read_crop(path: str, start: int, length: int) -> np.ndarray:
    import soundfile as sf  # here, not at the top: GPU machines lack it, and the feature cache needs no audio

    audio, _ = sf.read(path, dtype="float32", start=start, stop=start + length)
    return np.pad(audio, (0, length - len(audio)))


class Batches:
    """Random aligned crops of (source, target) with their prompt and transcript."""

    def __init__(self, rows: list[dict], cfg: ModelConfig, crop_frames: int, seed: int) -> None:
        self.rows, self.cfg, self.rng = rows, cfg, random.Random(seed)
        self.samples = crop_frames * cfg.vae.downsample * cfg.audio.hop

    def next(self, size: int) -> dict:
        rows = [self.rng.choice(self.rows) for _ in range(size)]
        import soundfile as sf  # here, not at the top: training from the feature cache reads no audio

        targets, sources, has_source = [], [], []
        for row in rows:
            out_path = f"{row['dir']}/{row['files']['output']}"
            frames = sf.info(out_path).frames
            start = self.rng.randrange(max(1, frames - self.samples + 1))
            targets.append(read_crop(out_path, start, self.samples))
            if "input" in row["files"]:
                sources.append(read_crop(f"{row['dir']}/{row['files']['input']}", start, self.samples))
                has_source.append(1.0)
            else:
                sources.append(np.zeros(self.samples, np.float32))
                has_source.append(0.0)
        chars = [encode_chars(r["transcript"] or "", self.cfg.transcript.max_chars)[0] for r in rows]
        width = max(len(c) for c in chars)
        char_ids = np.zeros((size, width), np.int64)
        char_mask = np.zeros((size, width), np.float32)
        for i, c in enumerate(chars):
            char_ids[i, : len(c)] = c
            char_mask[i, : len(c)] = (c > 0).astype(np.float32)
        return {
            "target": torch.from_numpy(np.stack(targets)),
            "source": torch.from_numpy(np.stack(sources)),
            "has_source": torch.tensor(has_source),
            "prompts": [prompt_of(r) for r in rows],
            "chars": torch.from_numpy(char_ids),
            "char_mask": torch.from_numpy(char_mask),
        }


@torch.no_grad()
def encode_batch(model, b: dict, device: str) -> dict:
    """An audio batch (Batches) -> the features a training step reads, as CachedBatches gives them."""
    ids, mask = tokenize(b["prompts"], model.cfg.text.max_tokens)
    return {
        "x0": model.vae.encode(model.mel_frontend(b["target"].to(device)))[0],
        "source_latent": model.vae.encode(model.mel_frontend(b["source"].to(device)))[0],
        "has_source": b["has_source"].to(device),
        "text_states": model.text_encoder(ids.to(device), mask.to(device)),
        "text_mask": mask.float().to(device),
        "chars": b["chars"].to(device),
        "char_mask": b["char_mask"].to(device),
    }


def predict(
    model,
    f: dict,
    x_t: torch.Tensor,
    t: torch.Tensor,
    text_present: torch.Tensor,
    low_present: torch.Tensor,
    mel_features: torch.Tensor | None = None,
) -> torch.Tensor:
    """The DiT's velocity for a feature batch; the mel encoder sees the source through the VAE (factory.SourceEncoder)
    unless its features are given."""
    if mel_features is None:
        mel_features = model.source_encoder.from_latent(f["source_latent"])
    transcript_states = model.transcript_encoder(f["chars"])
    n, frames = x_t.shape[0], x_t.shape[-1]
    sync = torch.zeros(n, frames, model.sync_encoder.out.out_features, device=x_t.device)
    return model.dit(x_t, t, f["text_states"], f["text_mask"], transcript_states, f["char_mask"], mel_features, sync, text_present, low_present)


def kept_features(anchor, f: dict, source_mel: torch.Tensor, mel_features: torch.Tensor) -> torch.Tensor:
    """How far the mel encoder's features (`mel_features`, of `source_mel`) of the rows' own sources (the edits', not
    music in context) moved from those of `anchor`, relative to their power: 0 while it encodes every edit's source
    as it started."""
    own = f["has_source"] * (1 - f["in_context"].float()) if "in_context" in f else f["has_source"]
    if not bool(own.any()):
        return mel_features.sum() * 0
    rows = own > 0
    with torch.no_grad():
        before = anchor(source_mel[rows]).float()
    return torch.nn.functional.mse_loss(mel_features[rows].float(), before) / before.pow(2).mean().clamp(min=1e-8)


def optimise(optimiser, trainable: list, loss: torch.Tensor, lr: float, step: int, ema: Ema, model) -> int:
    """One optimiser step at `lr` (gradients clipped to norm 1), the average updated; returns the next step."""
    optimiser.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(trainable, 1.0)
    for group in optimiser.param_groups:
        group["lr"] = lr
    optimiser.step()
    ema.update(model, step)
    return step + 1


def report(log, step: int, loss: torch.Tensor, started: float) -> None:
    """The loss into the run's log every 10 steps, and on screen every 100."""
    if step % 10 == 0:
        log.writerow([step, round(time.time() - started, 1), f"{loss.item():.4f}"])
    if step % 100 == 0:
        print(f"step {step}: flow loss {loss.item():.4f} ({time.time() - started:.0f} s)", flush=True)


def learning_rate(peak: float, step: int, progress: float, warmup: int = 200, floor: float = 0.1) -> float:
    """Linear warm-up, then a cosine down to `floor` x peak as the run's budget (steps or minutes) runs out."""
    cosine = 0.5 * (1 + np.cos(np.pi * min(1.0, progress)))
    return float(peak * min(1.0, (step + 1) / warmup) * (floor + (1 - floor) * cosine))  # a numpy float would not reload (weights_only)


def train(
    cfg: ModelConfig,
    autoencoder: Path,
    data: Path | None,
    run: Path,
    steps: int,
    batch: int,
    crop_frames: int,
    lr: float,
    minutes: float | None,
    cache: Path | None = None,
    init: Path | None = None,
    in_context: float = 0.0,
    parts: tuple[str, ...] = TRAINED,
    keep_sources: float = 0.0,
) -> Path:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = True
    run.mkdir(parents=True, exist_ok=True)
    # From the cache, prompts arrive as language-model states: the language model itself is never loaded.
    model = build_model(replace(cfg, text=replace(cfg.text, pretrained=False)) if cache else cfg)
    ae = torch.load(autoencoder, map_location="cpu", weights_only=True)
    model.vae.load_state_dict(ae["vae"])  # the vocoder plays no part in this stage
    model.to(device)
    # Parts left out stay as they start (--only mel_encoder: every task without a source clip is exactly unchanged).
    for part in TRAINED:
        getattr(model, part).requires_grad_(part in parts)
    trainable = [p for part in parts for p in getattr(model, part).parameters()]
    ema = Ema(model)
    optimiser = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.01)
    checkpoint = run / "dit.pt"
    step, latent_scale = 0, None
    if checkpoint.exists():
        state = torch.load(checkpoint, map_location=device, weights_only=True)
        for part in TRAINED:
            getattr(model, part).load_state_dict(state[part])
        optimiser.load_state_dict(state["optimiser"])
        step, latent_scale = state["step"], state["latent_scale"]
        if "ema" in state:
            ema.shadow = state["ema"]
    elif init is not None:  # a new run from earlier weights (the shipped pack's: omni_model.packing.recover --session dit)
        state = torch.load(init, map_location=device, weights_only=True)
        state["dit"] = with_picture_paths(state["dit"], model.dit)
        for part in TRAINED:
            getattr(model, part).load_state_dict(state[part])
        latent_scale = float(state["latent_scale"])  # the VAE's latents keep the scale the weights were trained at
        ema = Ema(model)
    # The mel encoder as it started, for --keep-sources: the features of the rows' own sources (edits) held to it.
    anchor = copy.deepcopy(model.mel_encoder).requires_grad_(False) if keep_sources > 0 else None
    if cache:
        batches = CachedBatches(cache, cfg, autoencoder, crop_frames, device, seed=step)
        next_batch = lambda: batches.next(batch)  # noqa: E731
        if in_context > 0:
            cuts = torch.Generator().manual_seed(step)
            next_batch = lambda: with_context(
                batches.next(batch, (drawn := batches.draw(batch, in_context))[0]), drawn[1], batches.t["silence"], cuts
            )  # noqa: E731
    elif in_context > 0:
        raise ValueError("music in context (--in-context) trains from the feature cache (--cache)")
    else:
        audio = Batches(load_rows(data, "train"), cfg, crop_frames, seed=step)
        next_batch = lambda: encode_batch(model, audio.next(batch), device)  # noqa: E731
    log = csv.writer((run / "loss.csv").open("a", buffering=1))  # line-buffered: a killed run keeps its log
    if (run / "loss.csv").stat().st_size == 0:
        log.writerow(["step", "seconds", "loss"])
    started, first = time.time(), step
    how = {"in_context": in_context, "parts": list(parts), "keep_sources": keep_sources, "data": batches.data if cache else [data.name]}
    save = lambda: _save(checkpoint, model, ema, optimiser, step, latent_scale, cfg, device, how)  # noqa: E731
    autocast = torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda")
    while step < steps and (minutes is None or time.time() - started < minutes * 60):
        f = next_batch()
        if latent_scale is None:  # unit variance for the flow, fixed at the first batch and kept in the checkpoint
            latent_scale = float(1.0 / f["x0"].std())
        x0 = f["x0"] * latent_scale
        n = x0.shape[0]
        text_present = (torch.rand(n, device=device) > 0.1).float()  # condition dropout for guidance
        low_present = f["has_source"] * (torch.rand(n, device=device) > 0.05).float()
        t = torch.rand(n, device=device)
        noise = torch.randn_like(x0)
        x_t = (1 - t[:, None, None]) * x0 + t[:, None, None] * noise
        with autocast:
            source_mel = model.source_encoder.mel(f["source_latent"])  # decoded once: the anchor hears it too
            mel_features = model.mel_encoder(source_mel)
            v = predict(model, f, x_t, t, text_present, low_present, mel_features)
        loss = torch.nn.functional.mse_loss(v.float(), noise - x0)
        if anchor is not None:
            loss = loss + keep_sources * kept_features(anchor, f, source_mel, mel_features)
        progress = max((step - first) / max(1, steps - first), (time.time() - started) / (minutes * 60) if minutes else 0.0)
        step = optimise(optimiser, trainable, loss, learning_rate(lr, step, progress), step, ema, model)
        report(log, step, loss, started)
        if step % 1000 == 0:
            save()
    save()
    return checkpoint


@torch.no_grad()
def validation_loss(model, cfg: ModelConfig, rows: list[dict], latent_scale: float, crop_frames: int = 100, per_task: int = 8) -> dict[str, float]:
    """The flow loss on fixed validation crops at fixed times and noise (t = 0.1 ... 0.9), per task: a deterministic
    score for comparing runs (lower is better)."""
    model.eval()
    device = next(model.dit.parameters()).device
    by_task: dict[str, list[dict]] = {}
    for row in rows:
        by_task.setdefault(row["task"], []).append(row)
    losses = {}
    for task, task_rows in sorted(by_task.items()):
        b = Batches(task_rows[:: max(1, len(task_rows) // per_task)][:per_task], cfg, crop_frames, seed=0)
        f = encode_batch(model, b.next(len(b.rows)), str(device))
        x0 = f["x0"] * latent_scale
        n = x0.shape[0]
        generator = torch.Generator(device="cpu").manual_seed(1)
        total = 0.0
        for t_value in (0.1, 0.3, 0.5, 0.7, 0.9):
            t = torch.full((n,), t_value, device=device)
            noise = torch.randn(x0.shape, generator=generator).to(device)
            x_t = (1 - t_value) * x0 + t_value * noise
            v = predict(model, f, x_t, t, torch.ones(n, device=device), f["has_source"])
            total += torch.nn.functional.mse_loss(v, noise - x0).item()
        losses[task] = total / 5
    model.train()
    return losses


def _save(path: Path, model, ema: Ema, optimiser, step: int, latent_scale: float | None, cfg: ModelConfig, device: str, how: dict) -> None:
    meta = {
        "step": step,
        **how,  # in_context > 0: the DiT hears the audio around a part as its source; parts: what trained
        "latent_scale": latent_scale,
        "config": cfg.to_json(),
        "device": device,
        "torch": str(torch.__version__),
        "gpu": torch.cuda.get_device_name() if device == "cuda" else None,
    }
    live = {part: getattr(model, part).state_dict() for part in TRAINED}
    torch.save({**ema.weights(), **meta}, path.with_name("dit-weights.pt"))  # what export reads: the averaged weights
    torch.save({**live, **meta, "ema": ema.shadow, "optimiser": optimiser.state_dict()}, path)


class Ema:
    """An exponential moving average of the trained parts' weights: a flow model sampled from averaged weights makes
    cleaner audio than the last step's, at no cost in training time."""

    def __init__(self, model, decay: float = 0.999, parts: tuple[str, ...] = TRAINED) -> None:
        self.decay, self.parts = decay, parts
        self.shadow = {part: {k: v.detach().clone() for k, v in getattr(model, part).state_dict().items()} for part in parts}

    @torch.no_grad()
    def update(self, model, step: int) -> None:
        decay = min(self.decay, (1 + step) / (10 + step))  # short memory while the weights move fast
        for part in self.parts:
            for key, value in getattr(model, part).state_dict().items():
                average = self.shadow[part][key]
                if average.is_floating_point():
                    average.lerp_(value, 1 - decay)
                else:
                    average.copy_(value)

    def weights(self) -> dict:
        return {part: {k: v.clone() for k, v in tensors.items()} for part, tensors in self.shadow.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--autoencoder", type=Path, required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path, help="the data set's folder (audio; encoded at every step)")
    source.add_argument("--cache", type=Path, help="a feature cache of it (python -m omni_model.train.feature_cache): much faster")
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=100000)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--crop-frames", type=int, default=100)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--init", type=Path, help="DiT-stage weights to start from (dit-weights.pt; a fresh optimiser and schedule)")
    parser.add_argument(
        "--in-context",
        type=float,
        default=0.0,
        help="share of each batch made music in context (part of the clip given as the source: Extend, Regenerate a region)",
    )
    parser.add_argument("--only", default=",".join(TRAINED), help=f"the parts that train (of {', '.join(TRAINED)}); the rest stay as they start")
    parser.add_argument(
        "--keep-sources",
        type=float,
        default=0.0,
        help="weight of a loss holding the mel encoder's features of the edits' own sources to those it started with "
        "(with --only mel_encoder --in-context: the edits that read a source keep what they did)",
    )
    args = parse_with_recipe(parser, argv)
    path = train(
        load_model_config(args.config),
        args.autoencoder,
        args.data,
        args.run,
        args.steps,
        args.batch,
        args.crop_frames,
        args.lr,
        args.minutes,
        args.cache,
        args.init,
        args.in_context,
        tuple(args.only.split(",")),
        args.keep_sources,
    )
    print(json.dumps({"checkpoint": str(path)}))


if __name__ == "__main__":
    main()
