"""Fine-tunes the decoding half of the autoencoder on what it decodes in use: the vocoder on the VAE's mels, and with
`--decoder` the VAE decoder too (end to end through the vocoder; `--postnet N` gives it N refining blocks). The
encoder stays frozen, so latents, the feature cache and the DiT stay valid. Crops are weighted towards music, the
category it renders worst (on true mels: 5.3 dB LSD for music against 2.1 for scenes and 1.3 for speech, measured on
pack 0.2.0's test clips; the key of music renders: 70 % heard in the renders, 22 % through the VAE and vocoder).

    python -m omni_model.train.finetune_vocoder --autoencoder AE --crops training/data/crops-20min.npy --data training/data/default --run DIR --minutes 25
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import time
from pathlib import Path

import numpy as np
import torch

from omni_model.model.config import ModelConfig
from omni_model.model.factory import build_autoencoder
from omni_model.train.losses import multi_resolution_stft
from omni_model.train.recipe import parse_with_recipe
from omni_model.train.train_autoencoder import random_crops

MUSIC_TASKS = ("t2m", "style_music")


def music_crops(data: Path, minutes: float, seconds: float, rate: int, seed: int = 0) -> np.ndarray:
    """Random int16 crops of the training split's music (outputs and sources of music tasks)."""
    from omni_model.train.train_dit import load_rows

    files = [
        f"{r['dir']}/{r['files'][k]}" for r in load_rows(data, "train") if r["task"] in MUSIC_TASKS for k in ("input", "output") if k in r["files"]
    ]
    return random_crops(files, int(minutes * 60 / seconds), int(seconds * rate), rate, seed)


def load_for_finetune(autoencoder: Path, postnet: int):
    """The autoencoder's weights, with a post-net of `postnet` blocks (starting silent) when it has none."""
    state = torch.load(autoencoder, map_location="cpu", weights_only=True)
    cfg = ModelConfig.from_json(state["config"])
    if postnet and not cfg.vae.postnet_blocks:
        cfg = dataclasses.replace(cfg, vae=dataclasses.replace(cfg.vae, postnet_blocks=postnet))
    model = build_autoencoder(cfg)
    missing, unexpected = model.vae.load_state_dict(state["vae"], strict=False)
    if unexpected or any(not k.startswith("postnet.") for k in missing):
        raise ValueError(f"{autoencoder} does not fit this VAE: missing {missing}, unexpected {unexpected}")
    model.vocoder.load_state_dict(state["vocoder"])
    return model, cfg, state


def finetune(
    autoencoder: Path, crops: np.ndarray, run: Path, minutes: float, batch: int, lr: float, decoder: bool = False, postnet: int = 0, data: str = "?"
) -> Path:
    model, cfg, state = load_for_finetune(autoencoder, postnet)
    params = list(model.vocoder.parameters())
    if decoder:
        params += [*model.vae.decoder.parameters(), *(model.vae.postnet.parameters() if model.vae.postnet else [])]
    optimiser = torch.optim.AdamW(params, lr=lr, betas=(0.8, 0.99), weight_decay=0.01)
    audio = torch.from_numpy(crops.astype(np.float32) / 32768.0)
    generator = torch.Generator().manual_seed(0)
    run.mkdir(parents=True, exist_ok=True)
    log = csv.writer((run / "loss.csv").open("w", buffering=1))
    log.writerow(["step", "seconds", "stft", "mel_l1", "decoder_l1"])
    started, step = time.time(), 0
    model.vocoder.train()
    model.vae.train(decoder)
    model.vae.encoder.eval()
    while time.time() - started < minutes * 60:
        wav = audio[torch.randint(0, len(audio), (batch,), generator=generator)]
        with torch.no_grad():
            mel = model.mel_frontend(wav)
            mean, logvar = model.vae.encode(mel)
            # the decoder learns from posterior samples, as in its first training: the DiT's latents are not means
            latent = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar) if decoder else mean
        with torch.set_grad_enabled(decoder):
            decoded = model.vae.decode(latent)  # what the vocoder gets from the VAE (and the DiT)
        decoder_l1 = (decoded - mel).abs().mean()
        wav_hat = model.vocoder(decoded)
        stft = multi_resolution_stft(wav_hat, wav[:, : wav_hat.shape[-1]])
        mel_l1 = (model.mel_frontend(wav_hat) - mel[..., : wav_hat.shape[-1] // cfg.audio.hop]).abs().mean()
        loss = stft + 0.5 * mel_l1 + (decoder_l1 if decoder else 0.0)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimiser.step()
        step += 1
        if step % 25 == 0:
            log.writerow([step, round(time.time() - started, 1), f"{stft.item():.4f}", f"{mel_l1.item():.4f}", f"{decoder_l1.item():.4f}"])
            print(f"step {step}: vocoder STFT {stft.item():.3f}  mel L1 {mel_l1.item():.3f}  decoder L1 {decoder_l1.item():.3f}", flush=True)
        if step % 500 == 0:
            _save(
                run,
                state,
                model,
                cfg,
                step,
                {"batch": batch, "lr": lr, "minutes": minutes, "from": str(autoencoder), "decoder": decoder, "data": data},
            )
    return _save(
        run, state, model, cfg, step, {"batch": batch, "lr": lr, "minutes": minutes, "from": str(autoencoder), "decoder": decoder, "data": data}
    )


def _save(run: Path, state: dict, model, cfg: ModelConfig, step: int, note: dict) -> Path:
    out = run / "autoencoder-weights.pt"
    weights = {**state, "config": cfg.to_json(), "vocoder": model.vocoder.state_dict(), "vocoder_finetune": json.dumps({"steps": step, **note})}
    torch.save({**weights, "vae": model.vae.state_dict()} if note["decoder"] else weights, out)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autoencoder", type=Path, required=True)
    parser.add_argument("--crops", type=Path, required=True, help="general crops (train_autoencoder crops)")
    parser.add_argument("--data", type=Path, required=True, help="the data set, for the music crops")
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--music-minutes", type=float, default=10.0)
    parser.add_argument("--minutes", type=float, default=25.0)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--decoder", action="store_true", help="train the VAE decoder too, end to end through the vocoder")
    parser.add_argument("--postnet", type=int, default=0, help="refining blocks to give the VAE decoder (with --decoder)")
    args = parse_with_recipe(parser, argv)
    general = np.load(args.crops)
    crops = np.concatenate([general, music_crops(args.data, args.music_minutes, general.shape[1] / 16000, 16000)])
    data = f"{args.crops.name} ({len(general) * general.shape[1] / 16000 / 60:.0f} min) and {args.music_minutes:.0f} min of {args.data.name}'s music"
    print(
        json.dumps({"weights": str(finetune(args.autoencoder, crops, args.run, args.minutes, args.batch, args.lr, args.decoder, args.postnet, data))})
    )


if __name__ == "__main__":
    main()
