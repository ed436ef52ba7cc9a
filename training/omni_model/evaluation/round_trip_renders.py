"""Music renders of known tempo and key through a pack's own audio path, for bench/music-bench.ts: the key and tempo a
generated take could hold at best (the autoencoder's ceiling), and where along the path the pitch is lost.

    python -m omni_model.evaluation.round_trip_renders --pack public/models/omni-small --renders training/data/music-renders-heldout --out /tmp/rt --path vae
    npx tsx bench/music-bench.ts /tmp/rt

Paths: `vae` (mel front end, VAE encoder and decoder, vocoder: what every generated latent is heard through),
`vocoder` (the true mel straight into the vocoder), `griffin-lim` (the true mel inverted by Griffin-Lim, 32
iterations: what the mel itself keeps, without any trained decoder), `vae-griffin-lim` (the VAE's mel by
Griffin-Lim: what the latent keeps, without the vocoder). `--autoencoder W` runs the VAE and vocoder of
PyTorch weights instead of the pack's (a candidate, before it is exported), with the pack's mel front end."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import soundfile as sf
import torch

from omni_model.evaluation.evaluate import OnnxPack
from omni_model.model.config import AudioConfig
from omni_model.model.dsp import mel_filterbank
from omni_model.train.losses import griffin_lim

PATHS = ("vae", "vocoder", "griffin-lim", "vae-griffin-lim")


def round_trip(pack: OnnxPack, wav: np.ndarray, path: str, autoencoder: torch.nn.Module | None = None) -> np.ndarray:
    """`wav` (mono, the pack's rate) through `path`, by the pack's sessions or by `autoencoder`'s VAE and vocoder."""
    mel = pack.run("mel_frontend", waveform=wav[None].astype(np.float32))
    if path.startswith("vae"):
        mel = vae_round_trip(pack, mel, autoencoder)
    if autoencoder is not None and path in ("vae", "vocoder"):
        with torch.no_grad():
            return autoencoder.vocoder(torch.from_numpy(mel)).numpy().reshape(-1)
    if path in ("vae", "vocoder"):
        return pack.run("vocoder", mel=mel)[0]
    a = pack.manifest["audio"]
    cfg = AudioConfig(sample_rate=a["sample_rate"], n_fft=a["n_fft"], hop=a["hop"], n_mels=a["n_mels"], f_max=a["sample_rate"] / 2)
    inverse = torch.from_numpy(np.linalg.pinv(mel_filterbank(cfg)))
    return griffin_lim(torch.from_numpy(mel[0]), inverse, cfg.n_fft, cfg.hop, len(wav)).numpy().reshape(-1)


def vae_round_trip(pack: OnnxPack, mel: np.ndarray, autoencoder: torch.nn.Module | None) -> np.ndarray:
    if autoencoder is None:
        return pack.run("vae_decoder", latent=pack.run("vae_encoder", mel=mel))
    with torch.no_grad():
        m = torch.from_numpy(mel)
        return autoencoder.vae.decode(autoencoder.vae.encode(m)[0]).numpy()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", type=Path, required=True)
    p.add_argument("--dtype", default="int8")
    p.add_argument("--renders", type=Path, required=True, help="a folder of omni_data.music_renders (its truth.json)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--path", choices=PATHS, default="vae")
    p.add_argument("--autoencoder", type=Path, help="autoencoder-weights.pt to run instead of the pack's VAE and vocoder")
    args = p.parse_args()
    pack = OnnxPack(args.pack, args.dtype)
    model = None
    if args.autoencoder:
        from omni_model.evaluation.eval_autoencoder import load_autoencoder

        model = load_autoencoder(args.autoencoder)[0].eval()
    truth = json.loads((args.renders / "truth.json").read_text())
    args.out.mkdir(parents=True, exist_ok=True)
    for song in truth["songs"]:
        wav, rate = sf.read(args.renders / song["file"], dtype="float32")
        if rate != pack.manifest["audio"]["sample_rate"]:
            raise SystemExit(f"{song['file']} is at {rate} Hz; the pack runs at {pack.manifest['audio']['sample_rate']} Hz.")
        sf.write(args.out / song["file"], round_trip(pack, wav, args.path, model).astype(np.float32), rate, subtype="FLOAT")
    shutil.copy(args.renders / "truth.json", args.out / "truth.json")
    print(f"{len(truth['songs'])} renders through the {args.path} path -> {args.out}")


if __name__ == "__main__":
    main()
