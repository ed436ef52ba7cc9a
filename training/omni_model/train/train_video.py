"""Teaches the DiT to hear the picture (video to audio): the sync encoder and the DiT's two picture paths
(`sync_to_inp`, `sync_to_time`) train by rectified flow on procedural renders whose picture causes their sound
(`omni_data.video_renders`, train split); everything else stays frozen. Those paths start at zero and see zeros
without a video, so every other task of the pack stays exactly as it was. CPU or CUDA; resumable.

    python -m omni_model.train.train_video --config training/configs/model-small.json \\
        --autoencoder training/data/runs/shipped/autoencoder-weights.pt --init training/data/runs/shipped/dit-weights.pt \\
        --data training/configs/data-detector.json --run training/data/runs/video --minutes 70

The renders are made once into the run's folder (pairs.npz: frames at the latent rate, 32 x 32, and the VAE's
latents), so a resumed run trains on the same pairs."""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

import numpy as np
import torch

from omni_model.model.config import ModelConfig, load_model_config
from omni_model.model.dit import PICTURE_PATHS, low_dims, with_picture_paths
from omni_model.model.factory import build_model
from omni_model.model.text import tokenize
from omni_model.packing.export import TASKS, encode_chars
from omni_model.train.recipe import parse_with_recipe
from omni_model.train.train_dit import Ema, learning_rate, optimise, report

PREFIX = {t["id"]: t["prefix"] for t in TASKS}
TRAINED = ("dit", "sync_encoder")
# The renders are mixed at -20 dBFS; the DiT's training audio sits far lower, and at -20 dBFS its latents leave the
# range it knows (flow loss of the frozen text-to-audio model on renders: 2.5 there, 0.16 at -40 dBFS, 0.11 at -50).
LEVEL_DB = -45.0


def make_pairs(data: Path, count: int, size: int, seed: int, music_share: float = 0.0) -> dict:
    """`count` train-split renders: frames, 16 kHz soundtracks, prompts with their task's prefix (sound: one of the
    category's words; music, `music_share` of them: the song's caption)."""
    from omni_data import video_renders as vr
    from omni_data.gather import catalogue_for
    from omni_data.taxonomy import words

    catalogue = catalogue_for(data)
    rng = random.Random(seed)
    usable = [c for c in vr.CATEGORIES if catalogue.select("train", categories=frozenset({c}))]
    frames, audio, prompts, tasks = [], [], [], []
    for i in range(count):
        if rng.random() < music_share:
            track, times, caption = vr.music_render(catalogue, "train", rng)
            prompts.append(caption)
            tasks.append("v2m")
        else:
            category, times = rng.choice(usable), vr.event_times(rng)
            track = vr.soundtrack(catalogue, "train", category, times, rng)
            prompts.append(rng.choice(words(category)))
            tasks.append("v2a")
        audio.append(track * 10 ** ((LEVEL_DB + 20) / 20))
        frames.append(vr.squeezed(vr.frames_for(times, rng), size))
        if (i + 1) % 100 == 0:
            print(f"renders: {i + 1}/{count}", flush=True)
    return {"frames": np.stack(frames), "audio": np.stack(audio), "prompts": np.array(prompts), "tasks": np.array(tasks)}


@torch.no_grad()
def encode_pairs(model, pairs: dict, device: str, batch: int = 16) -> tuple[torch.Tensor, dict[str, tuple]]:
    """The soundtracks' VAE latents [N, C, T], and each distinct prompt's language-model states."""
    latents = []
    for i in range(0, len(pairs["audio"]), batch):
        wav = torch.from_numpy(pairs["audio"][i : i + batch].astype(np.float32)).to(device)
        latents.append(model.vae.encode(model.mel_frontend(wav))[0].cpu())
    texts = {}
    for task, prompt in sorted(set(zip(tasks_of(pairs), pairs["prompts"].tolist())) | {(t, "") for t in set(tasks_of(pairs))}):
        ids, mask = tokenize([PREFIX[task] + prompt], model.cfg.text.max_tokens)
        texts[task, prompt] = (model.text_encoder(ids.to(device), mask.to(device))[0].cpu(), mask[0].float())
    return torch.cat(latents), texts


def tasks_of(pairs: dict) -> list[str]:
    """Each pair's task (pairs made before video to music are all sound)."""
    return pairs["tasks"].tolist() if "tasks" in pairs else ["v2a"] * len(pairs["prompts"])


def batch_of(pairs: dict, latents: torch.Tensor, texts: dict, rows: list[int], rng: random.Random, device: str, crop: int | None = None) -> dict:
    """One training batch of `crop` frames from one offset (all of them when None); a fifth of the prompts left empty
    (the picture alone, as a user may ask)."""
    tasks = tasks_of(pairs)
    states = [texts[tasks[r], pairs["prompts"][r] if rng.random() > 0.2 else ""] for r in rows]
    width = max(s.shape[0] for s, _ in states)
    text = torch.zeros(len(rows), width, states[0][0].shape[-1])
    mask = torch.zeros(len(rows), width)
    for i, (s, m) in enumerate(states):
        text[i, : s.shape[0]], mask[i, : m.shape[0]] = s, m
    total = latents.shape[-1]
    at = rng.randrange(total - crop + 1) if crop else 0
    span = slice(at, at + (crop or total))
    frames = torch.from_numpy(pairs["frames"][rows, span].astype(np.float32) / 255.0)
    x0 = latents[rows][..., span]
    return {"x0": x0.to(device), "frames": frames.to(device), "text_states": text.to(device), "text_mask": mask.to(device)}


def predict(model, f: dict, x_t: torch.Tensor, t: torch.Tensor, text_present: torch.Tensor) -> torch.Tensor:
    """The velocity as the studio asks for sound for a video: the text-to-audio conditions (no source clip) and the
    picture's sync features."""
    n, frames = x_t.shape[0], x_t.shape[-1]
    chars = torch.from_numpy(encode_chars("", model.cfg.transcript.max_chars)).to(x_t.device).expand(n, -1)
    transcript = model.transcript_encoder(chars)
    char_mask = torch.zeros(n, chars.shape[1], device=x_t.device)
    mel = torch.zeros(n, frames, low_dims(model.cfg)[0], device=x_t.device)
    sync = model.sync_encoder(f["frames"])[:, :frames]
    low_present = torch.zeros(n, device=x_t.device)
    return model.dit(x_t, t, f["text_states"], f["text_mask"], transcript, char_mask, mel, sync, text_present, low_present)


def trainable_parameters(model) -> list[torch.nn.Parameter]:
    for p in model.parameters():
        p.requires_grad_(False)
    chosen = [*model.sync_encoder.parameters()]
    chosen += [p for name, p in model.dit.dit.named_parameters() if name in PICTURE_PATHS]
    for p in chosen:
        p.requires_grad_(True)
    return chosen


def train(
    cfg: ModelConfig,
    autoencoder: Path,
    init: Path,
    data: Path,
    run: Path,
    count: int,
    batch: int,
    crop: int,
    lr: float,
    minutes: float,
    steps: int,
    music_share: float = 0.0,
) -> Path:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    run.mkdir(parents=True, exist_ok=True)
    model = build_model(cfg)
    model.vae.load_state_dict(torch.load(autoencoder, map_location="cpu", weights_only=True)["vae"])
    start = torch.load(init, map_location="cpu", weights_only=True)
    model.dit.load_state_dict(with_picture_paths(start["dit"], model.dit))
    for part in ("mel_encoder", "transcript_encoder", "sync_encoder"):
        if part in start:  # a sync encoder when continuing an earlier video run
            getattr(model, part).load_state_dict(start[part])
    latent_scale = float(start["latent_scale"])
    model.to(device)
    pairs_file = run / "pairs.npz"
    if not pairs_file.exists():
        np.savez(pairs_file, **make_pairs(data, count, cfg.sync.frame_size, seed=20261204, music_share=music_share))
    pairs = dict(np.load(pairs_file))
    latents, texts = encode_pairs(model, pairs, device)
    trainable = trainable_parameters(model)
    optimiser = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.0)
    ema = Ema(model, parts=TRAINED)
    checkpoint, step = run / "video.pt", 0
    if checkpoint.exists():
        state = torch.load(checkpoint, map_location=device, weights_only=True)
        for part in TRAINED:
            getattr(model, part).load_state_dict(state[part])
        optimiser.load_state_dict(state["optimiser"])
        ema.shadow, step = state["ema"], state["step"]
    log = csv.writer((run / "loss.csv").open("a", buffering=1))
    rng, started, first = random.Random(step), time.time(), step
    while step < steps and time.time() - started < minutes * 60:
        f = batch_of(pairs, latents, texts, [rng.randrange(len(latents)) for _ in range(batch)], rng, device, crop)
        x0 = f["x0"] * latent_scale
        n = x0.shape[0]
        t, noise = torch.rand(n, device=device), torch.randn_like(x0)
        x_t = (1 - t[:, None, None]) * x0 + t[:, None, None] * noise
        text_present = (torch.rand(n, device=device) > 0.1).float()  # the guidance's unconditional half
        loss = torch.nn.functional.mse_loss(predict(model, f, x_t, t, text_present), noise - x0)
        progress = max((step - first) / max(1, steps - first), (time.time() - started) / (minutes * 60))
        step = optimise(optimiser, trainable, loss, learning_rate(lr, step, progress, warmup=100), step, ema, model)
        report(log, step, loss, started)
        if step % 500 == 0:
            save(run, model, ema, optimiser, step, start)
    save(run, model, ema, optimiser, step, start)
    return run / "dit-weights.pt"


def save(run: Path, model, ema: Ema, optimiser, step: int, start: dict) -> None:
    """dit-weights.pt as train_dit writes it (what export reads), with the averaged picture paths."""
    weights = {part: getattr(model, part).state_dict() for part in ("dit", "mel_encoder", "transcript_encoder")} | ema.weights()
    meta = {k: start[k] for k in ("latent_scale", "config")} | {"video_step": step + start.get("video_step", 0), "step": start.get("step")}
    torch.save(weights | meta, run / "dit-weights.pt")
    live = {part: getattr(model, part).state_dict() for part in TRAINED}
    torch.save(live | {"ema": ema.shadow, "optimiser": optimiser.state_dict(), "step": step}, run / "video.pt")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--autoencoder", type=Path, required=True)
    p.add_argument("--init", type=Path, required=True, help="the DiT stage's weights (train_dit or recover --session dit)")
    p.add_argument("--data", type=Path, required=True, help="a data config whose sources the renders sound with")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--renders", type=int, default=1200)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--crop-frames", type=int, default=100, help="latent frames per example (the renders hold 200)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--minutes", type=float, default=60)
    p.add_argument("--steps", type=int, default=100000)
    p.add_argument("--music-share", type=float, default=0.0, help="share of renders that are video to music (a song's beats)")
    args = parse_with_recipe(p, argv)
    out = train(
        load_model_config(args.config),
        args.autoencoder,
        args.init,
        args.data,
        args.run,
        args.renders,
        args.batch,
        args.crop_frames,
        args.lr,
        args.minutes,
        args.steps,
        music_share=args.music_share,
    )
    print(json.dumps({"weights": str(out)}))


if __name__ == "__main__":
    main()
