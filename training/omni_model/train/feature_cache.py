"""The DiT's training set as features: every clip's VAE latent and every prompt's frozen language-model states,
computed once. Training then runs no VAE encoder and no language model per step, and the whole set fits in about a
hundred megabytes (int8 with per-channel scales), small enough to carry to a GPU machine that has no copy of the
audio. The mel encoder sees sources through the VAE anyway (factory.SourceEncoder), so their latents are all it needs.

    python -m omni_model.train.feature_cache --config C --autoencoder AE --data training/data/default --out DIR

Several --data sets make one cache (their rows one after another): e.g. the default set and a wider music set
(configs/data-music-wide.json), so the DiT learns music from many more songs without forgetting the other tasks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import torch

from omni_model.model.config import ModelConfig, load_model_config
from omni_model.packing.export import encode_chars

# Text-to-speech is not trained yet (issue 5 trains text-to-audio, text-to-music and the four edits).
TASKS = ("add", "remove", "extract", "style_sfx", "style_music", "style_speech", "t2a", "t2m")
FILES = (
    "target_q",
    "target_scale",
    "source_index",
    "source_q",
    "source_scale",
    "silence",
    "prompt_index",
    "text_q",
    "text_scale",
    "text_offsets",
    "chars",
    "frames",
)


def quantise(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """int8 values and float16 scales, one scale per slice along `axis` of the last dimension's rows."""
    scale = np.abs(x).max(axis=axis, keepdims=True) / 127.0 + 1e-8
    return np.round(x / scale).astype(np.int8), scale.squeeze(axis).astype(np.float16)


def vae_digest(autoencoder: Path) -> str:
    """Names the VAE the latents came from (its weights only: a file holding just the VAE names it the same)."""
    vae = torch.load(autoencoder, map_location="cpu", weights_only=True)["vae"]
    digest = hashlib.sha256()
    for key in sorted(vae):
        digest.update(key.encode())
        digest.update(vae[key].numpy().tobytes())
    return digest.hexdigest()[:16]


@torch.no_grad()
def _latents(model, paths: list[str], samples: int, batch: int = 32) -> np.ndarray:
    import soundfile as sf

    out = []
    for i in range(0, len(paths), batch):
        wavs = []
        for path in paths[i : i + batch]:
            audio, _ = sf.read(path, dtype="float32", stop=samples)
            wavs.append(np.pad(audio, (0, samples - len(audio))))
        out.append(model.vae.encode(model.mel_frontend(torch.from_numpy(np.stack(wavs))))[0].numpy())
        print(f"  latents {min(i + batch, len(paths))}/{len(paths)}", end="\r", flush=True)
    print()
    return np.concatenate(out)


@torch.no_grad()
def _text_states(model, prompts: list[str], max_tokens: int) -> tuple[np.ndarray, np.ndarray]:
    """Each prompt's token states (its own length, no padding), concatenated, and the offsets into them."""
    from omni_model.model.text import tokenize

    states, offsets = [], [0]
    for i in range(0, len(prompts), 64):
        ids, mask = tokenize(prompts[i : i + 64], max_tokens)
        hidden = model.text_encoder(ids, mask).numpy()
        for h, m in zip(hidden, mask.sum(1).tolist()):
            states.append(h[:m])
            offsets.append(offsets[-1] + m)
    return np.concatenate(states), np.array(offsets, np.int64)


def build(cfg: ModelConfig, autoencoder: Path, data: Path | list[Path], out: Path, split: str = "train") -> Path:
    import soundfile as sf

    from omni_model.model.factory import build_model
    from omni_model.train.train_dit import load_rows, prompt_of

    sets = data if isinstance(data, list) else [data]
    rows = [r for d in sets for r in load_rows(d, split) if r["task"] in TASKS]
    model = build_model(cfg)
    model.vae.load_state_dict(torch.load(autoencoder, map_location="cpu", weights_only=True)["vae"])
    hop = cfg.vae.downsample * cfg.audio.hop
    lengths = [sf.info(f"{r['dir']}/{r['files']['output']}").frames for r in rows]
    samples = -(-max(lengths) // hop) * hop  # every clip padded to the longest, whole latent frames
    print(f"{len(rows)} clips of up to {samples / cfg.audio.sample_rate:.1f} s")
    targets = _latents(model, [f"{r['dir']}/{r['files']['output']}" for r in rows], samples)
    with_source = [i for i, r in enumerate(rows) if "input" in r["files"]]
    sources = _latents(model, [f"{rows[i]['dir']}/{rows[i]['files']['input']}" for i in with_source], samples)
    source_index = np.full(len(rows), -1, np.int32)
    source_index[with_source] = np.arange(len(with_source))
    with torch.no_grad():  # what rows without a source clip feed the mel encoder (its output is then replaced anyway)
        silence = model.vae.encode(model.mel_frontend(torch.zeros(1, samples)))[0][0].numpy()
    prompts = sorted({prompt_of(r) for r in rows})
    prompt_number = {p: i for i, p in enumerate(prompts)}
    text, offsets = _text_states(model, prompts, cfg.text.max_tokens)
    chars = [encode_chars(r["transcript"] or "", cfg.transcript.max_chars)[0] for r in rows]
    char_table = np.zeros((len(rows), max(len(c) for c in chars)), np.int16)
    for i, c in enumerate(chars):
        char_table[i, : len(c)] = c
    arrays = {
        "silence": silence.astype(np.float32),
        "source_index": source_index,
        "text_offsets": offsets,
        "chars": char_table,
        "prompt_index": np.array([prompt_number[prompt_of(r)] for r in rows], np.int32),
        "frames": np.array([n // hop for n in lengths], np.int32),
    }
    arrays["target_q"], arrays["target_scale"] = quantise(targets, axis=2)
    arrays["source_q"], arrays["source_scale"] = quantise(sources, axis=2)
    arrays["text_q"], arrays["text_scale"] = quantise(text, axis=1)
    out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        np.save(out / f"{name}.npy", arrays[name])
    meta = {
        "config": cfg.to_json(),
        "vae": vae_digest(autoencoder),
        "split": split,
        "data": [d.name for d in sets],
        "text_layer": cfg.text.layer,
        "tasks": [r["task"] for r in rows],
        "ids": [r["id"] for r in rows],
    }
    (out / "meta.json").write_text(json.dumps(meta))
    print(f"feature cache: {out} ({sum(f.stat().st_size for f in out.iterdir()) / 1e6:.0f} MB)")
    return out


class CachedBatches:
    """Random crops of the cached set, drawn and dequantised on the training device (the whole set lives there)."""

    def __init__(self, cache: Path, cfg: ModelConfig, autoencoder: Path | None, crop_frames: int, device: str, seed: int) -> None:
        meta = json.loads((cache / "meta.json").read_text())
        if meta["text_layer"] != cfg.text.layer:
            raise ValueError(f"{cache} holds language-model layer {meta['text_layer']}, the config asks for {cfg.text.layer}")
        if autoencoder is not None and meta["vae"] != vae_digest(autoencoder):
            raise ValueError(f"{cache} was built with another autoencoder than {autoencoder}: rebuild it")
        load = lambda name: torch.from_numpy(np.load(cache / f"{name}.npy")).to(device)  # noqa: E731
        self.t = {name: load(name) for name in FILES}
        self.tasks, self.ids = meta["tasks"], meta["ids"]
        self.data: list[str] = meta.get("data", ["default"])  # the data sets it was built from (caches before: the default)
        self.crop, self.device = crop_frames, device
        self.generator = torch.Generator(device=device).manual_seed(seed)
        self.music = torch.tensor([i for i, task in enumerate(self.tasks) if task == "t2m"], dtype=torch.long, device=device)

    def draw(self, size: int, music_share: float) -> tuple[torch.Tensor, torch.Tensor]:
        """`size` random rows, each one a music clip instead with probability `music_share`, and which those are."""
        rows = torch.randint(len(self.tasks), (size,), device=self.device, generator=self.generator)
        chosen = torch.rand(size, device=self.device, generator=self.generator) < music_share
        if len(self.music) == 0:
            return rows, torch.zeros_like(chosen)
        picks = self.music[torch.randint(len(self.music), (size,), device=self.device, generator=self.generator)]
        return torch.where(chosen, picks, rows), chosen

    def __len__(self) -> int:
        return len(self.tasks)

    def next(self, size: int, rows: torch.Tensor | None = None) -> dict:
        """`size` random crops of random rows (or of the given rows)."""
        t, n = self.t, len(self.tasks)
        if rows is None:
            rows = torch.randint(n, (size,), device=self.device, generator=self.generator)
        room = (t["frames"][rows] - self.crop).clamp(min=0)
        starts = (torch.rand(size, device=self.device, generator=self.generator) * (room + 1)).long()
        x0 = _crop(_dequantise(t["target_q"][rows], t["target_scale"][rows]), starts, self.crop)
        src = t["source_index"][rows]
        has_source = (src >= 0).float()
        source = _dequantise(t["source_q"][src.clamp(min=0)], t["source_scale"][src.clamp(min=0)])
        source = torch.where(has_source[:, None, None] > 0, source, t["silence"][None])
        text_states, text_mask = self._text(t["prompt_index"][rows])
        chars = t["chars"][rows].long()
        width = max(1, int((chars > 0).sum(1).max()))
        chars = chars[:, :width]
        return {
            "x0": x0,
            "source_latent": _crop(source, starts, self.crop),
            "has_source": has_source,
            "text_states": text_states,
            "text_mask": text_mask,
            "chars": chars,
            "char_mask": (chars > 0).float(),
        }

    def _text(self, prompts: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        t = self.t
        start, length = t["text_offsets"][prompts], t["text_offsets"][prompts + 1] - t["text_offsets"][prompts]
        positions = torch.arange(int(length.max()), device=self.device)
        mask = positions[None] < length[:, None]
        index = torch.where(mask, start[:, None] + positions[None], 0)
        states = _dequantise(t["text_q"][index], t["text_scale"][index]) * mask[..., None]
        return states, mask.float()


def _dequantise(q: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    return q.float() * scale.float()[..., None]


def _crop(x: torch.Tensor, starts: torch.Tensor, length: int) -> torch.Tensor:
    """x [B, C, T] -> [B, C, length] from each row's start (zeros past the end of x; starts leave room for length)."""
    if x.shape[-1] < length:
        x = torch.nn.functional.pad(x, (0, length - x.shape[-1]))
    index = starts[:, None] + torch.arange(length, device=x.device)[None]
    return torch.gather(x, 2, index[:, None, :].expand(-1, x.shape[1], -1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--autoencoder", type=Path, required=True)
    parser.add_argument("--data", type=Path, action="append", required=True, help="a built data set (repeat for several)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    build(load_model_config(args.config), args.autoencoder, args.data, args.out)


if __name__ == "__main__":
    main()
