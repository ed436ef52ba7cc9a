"""Trains the mel VAE and the vocoder on audio crops. The same command runs on CPU or CUDA; resumable; writes a loss
log, checkpoints (with the config embedded) and audio samples to its run folder."""

from __future__ import annotations

import argparse
import csv
import json
import time
import wave
from pathlib import Path

import numpy as np
import torch

from omni_model.model.config import ModelConfig, load_model_config
from omni_model.model.factory import build_autoencoder
from omni_model.train.losses import multi_resolution_stft
from omni_model.train.recipe import parse_with_recipe


def random_crops(files: list[Path] | list[str], count: int, length: int, rate: int, seed: int = 0) -> np.ndarray:
    """`count` random int16 crops of `length` samples from the files (zero-padded where a file is shorter)."""
    import soundfile as sf

    rng = np.random.default_rng(seed)
    crops = np.zeros((count, length), np.int16)
    for i, index in enumerate(rng.choice(len(files), size=count, replace=count > len(files))):
        audio, file_rate = sf.read(str(files[index]), dtype="int16")
        assert file_rate == rate, f"{files[index]} is {file_rate} Hz, expected {rate}"
        if len(audio) > length:
            start = rng.integers(0, len(audio) - length)
            audio = audio[start : start + length]
        crops[i, : len(audio)] = audio
    return crops


def make_crops(data: Path, out: Path, minutes: float, seconds: float, rate: int, seed: int = 0) -> None:
    """Random int16 crops of the train split's outputs, in one .npy small enough to carry to a GPU machine."""
    files = sorted(data.glob("train/shard-*/*_output.wav"))
    np.save(out, random_crops(files, int(minutes * 60 / seconds), int(seconds * rate), rate, seed))


def train(cfg: ModelConfig, crops_path: Path, run: Path, steps: int, batch: int, lr: float, minutes: float | None) -> Path:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    run.mkdir(parents=True, exist_ok=True)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    model = build_autoencoder(cfg).to(device)
    params = [*model.vae.parameters(), *model.vocoder.parameters()]
    optimiser = torch.optim.AdamW(params, lr=lr, betas=(0.8, 0.99), weight_decay=0.01)
    checkpoint = run / "autoencoder.pt"
    step = 0
    if checkpoint.exists():  # resume
        state = torch.load(checkpoint, map_location=device, weights_only=True)
        model.vae.load_state_dict(state["vae"])
        model.vocoder.load_state_dict(state["vocoder"])
        optimiser.load_state_dict(state["optimiser"])
        step = state["step"]
    crops = torch.from_numpy(np.load(crops_path).astype(np.float32) / 32768.0)
    generator = torch.Generator().manual_seed(step)
    log_path = run / "loss.csv"
    log = csv.writer(log_path.open("a", buffering=1))  # line-buffered: a killed run keeps its log
    if log_path.stat().st_size == 0:
        log.writerow(["step", "seconds", "mel_l1", "kl", "vocoder_stft", "vocoder_mel_l1"])
    started = time.time()
    model.train()
    while step < steps and (minutes is None or time.time() - started < minutes * 60):
        wav = crops[torch.randint(0, len(crops), (batch,), generator=generator)].to(device)
        with torch.no_grad():
            mel = model.mel_frontend(wav)
        mean, logvar = model.vae.encode(mel)
        latent = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar)
        mel_hat = model.vae.decode(latent)
        mel_l1 = (mel_hat - mel).abs().mean()
        kl = 0.5 * (mean**2 + logvar.exp() - 1 - logvar).mean()
        wav_hat = model.vocoder(mel)  # the vocoder learns from true mels; it then decodes VAE and DiT mels
        stft = multi_resolution_stft(wav_hat, wav[:, : wav_hat.shape[-1]])
        voc_mel = (model.mel_frontend(wav_hat) - mel[..., : wav_hat.shape[-1] // cfg.audio.hop]).abs().mean()
        loss = mel_l1 + 1e-4 * kl + stft + 0.5 * voc_mel
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimiser.step()
        step += 1
        if step % 25 == 0 or step == steps:
            log.writerow(
                [step, round(time.time() - started, 1), f"{mel_l1.item():.4f}", f"{kl.item():.4f}", f"{stft.item():.4f}", f"{voc_mel.item():.4f}"]
            )
            print(
                f"step {step}: mel L1 {mel_l1.item():.3f}  KL {kl.item():.2f}  vocoder STFT {stft.item():.3f}  mel L1 {voc_mel.item():.3f}",
                flush=True,
            )
        if step % 500 == 0:
            _save(checkpoint, model, optimiser, step, cfg, device)
    _save(checkpoint, model, optimiser, step, cfg, device)
    model.eval()
    with torch.no_grad():
        sample = crops[:2].to(device)
        write_wav(run / f"sample-{step}-vocoded.wav", model.vocoder(model.mel_frontend(sample))[0].cpu().numpy(), cfg.audio.sample_rate)
        write_wav(run / f"sample-{step}-original.wav", sample[0].cpu().numpy(), cfg.audio.sample_rate)
    return checkpoint


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    """16-bit mono WAV with the standard library (GPU machines may lack soundfile)."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2").tobytes())


def _save(path: Path, model, optimiser, step: int, cfg: ModelConfig, device: str) -> None:
    """The resumable checkpoint, and beside it the weights alone (small enough to bring back from a GPU machine)."""
    weights = {
        "vae": model.vae.state_dict(),
        "vocoder": model.vocoder.state_dict(),
        "step": step,
        "config": cfg.to_json(),
        "device": device,
        "torch": str(torch.__version__),
        "gpu": torch.cuda.get_device_name(0) if device == "cuda" else None,
    }
    torch.save(weights, path.with_name("autoencoder-weights.pt"))
    torch.save({**weights, "optimiser": optimiser.state_dict()}, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("crops")
    c.add_argument("--data", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--minutes", type=float, default=30.0)
    c.add_argument("--seconds", type=float, default=1.28)
    t = sub.add_parser("train")
    t.add_argument("--config", type=Path, required=True)
    t.add_argument("--crops", type=Path, required=True)
    t.add_argument("--run", type=Path, required=True)
    t.add_argument("--steps", type=int, default=20000)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=5e-4)
    t.add_argument("--minutes", type=float, default=None, help="stop after this long (wall clock), checkpointing")
    args = parse_with_recipe(parser, argv, target=t)
    if args.command == "crops":
        make_crops(args.data, args.out, args.minutes, args.seconds, 16000)
        print(f"wrote {args.out} ({args.out.stat().st_size / 2**20:.1f} MB)")
    else:
        print(
            json.dumps(
                {"checkpoint": str(train(load_model_config(args.config), args.crops, args.run, args.steps, args.batch, args.lr, args.minutes))}
            )
        )


if __name__ == "__main__":
    main()
