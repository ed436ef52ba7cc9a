"""Reconstruction on the fixed test split: the VAE + vocoder and the vocoder alone, against Griffin-Lim on the same
mels. Prints a table (LSD in dB, multi-resolution STFT distance; lower is better)."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import soundfile as sf
import torch

from omni_model.model.config import ModelConfig
from omni_model.model.dsp import mel_filterbank
from omni_model.model.factory import build_autoencoder
from omni_model.paths import TRAINING_DIR
from omni_model.train.losses import griffin_lim, log_spectral_distance, multi_resolution_stft


def load_autoencoder(weights: Path):
    state = torch.load(weights, map_location="cpu", weights_only=True)
    cfg = ModelConfig.from_json(state["config"])
    model = build_autoencoder(cfg).eval()
    model.vae.load_state_dict(state["vae"])
    model.vocoder.load_state_dict(state["vocoder"])
    return model, cfg, state


def evaluate(weights: Path, data: Path, clips: int) -> dict[str, dict[str, float]]:
    model, cfg, _ = load_autoencoder(weights)
    files = sorted(data.glob("test/shard-*/*_output.wav"))[:clips]
    inverse_mel = torch.from_numpy(np.linalg.pinv(mel_filterbank(cfg.audio)))
    scores: dict[str, list[tuple[float, float]]] = {
        "VAE + vocoder": [],
        "vocoder (true mel)": [],
        "Griffin-Lim (true mel)": [],
        "Griffin-Lim (VAE mel)": [],
    }
    with torch.no_grad():
        for f in files:
            audio, _ = sf.read(str(f), dtype="float32")
            frames = len(audio) // (cfg.audio.hop * cfg.vae.downsample) * cfg.vae.downsample
            wav = torch.from_numpy(audio[: frames * cfg.audio.hop])[None]
            if wav.abs().max() < 1e-4:
                continue
            mel = model.mel_frontend(wav)
            vae_mel = model.vae.decode(model.vae.encode(mel)[0])
            outputs = {
                "VAE + vocoder": model.vocoder(vae_mel),
                "vocoder (true mel)": model.vocoder(mel),
                "Griffin-Lim (true mel)": griffin_lim(mel[0], inverse_mel, cfg.audio.n_fft, cfg.audio.hop, wav.shape[-1])[None],
                "Griffin-Lim (VAE mel)": griffin_lim(vae_mel[0], inverse_mel, cfg.audio.n_fft, cfg.audio.hop, wav.shape[-1])[None],
            }
            for name, out in outputs.items():
                n = min(out.shape[-1], wav.shape[-1])
                scores[name].append((log_spectral_distance(out[:, :n], wav[:, :n]).item(), multi_resolution_stft(out[:, :n], wav[:, :n]).item()))
    return {
        k: {"lsd_db": float(np.mean([a for a, _ in v])), "mr_stft": float(np.mean([b for _, b in v])), "clips": len(v)} for k, v in scores.items()
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weights", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=TRAINING_DIR / "data" / "default")
    parser.add_argument("--clips", type=int, default=60)
    args = parser.parse_args(argv)
    _, _, state = load_autoencoder(args.weights)
    print(f"weights: {args.weights} (step {state['step']}, trained on {state.get('gpu') or state.get('device', '?')})")
    results = evaluate(args.weights, args.data, args.clips)
    print("| decoder | LSD (dB) | MR-STFT | clips |\n|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['lsd_db']:.2f} | {r['mr_stft']:.3f} | {r['clips']} |")


if __name__ == "__main__":
    main()
