"""An audio tagger for evaluation (and later for understanding): log-mel statistics -> a small MLP over the sound
categories of the data set. Trained on the training split's single-category outputs (extracted events, generated
scenes, music, speech); its 32-dimensional hidden layer is the embedding the Frechet distance uses. The same tagger
trained on the music clips' instruments judges music style transfer ("music" before and after says nothing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile as sf
import torch
from torch import nn

from omni_model.model.config import AudioConfig
from omni_model.model.dsp import LogMel

# Tasks whose output holds one labelled category (an add's or remove's output is a mixture, so it cannot teach a label).
LABELLED_TASKS = {"extract", "t2a", "t2m", "style_sfx", "style_music", "style_speech", "tts"}
EMBEDDING = 32


class Features:
    """Per mel band: mean, standard deviation and 90th percentile over time, plus the mean frame-to-frame change; on
    a log-mel floored 9 nepers (~40 dB) under the clip's loudest bin, so a decoder's noise floor in silent parts does
    not look like a different sound."""

    def __init__(self, audio: AudioConfig) -> None:
        self.mel = LogMel(audio).eval()

    @torch.no_grad()
    def __call__(self, wav: np.ndarray) -> np.ndarray:
        mel = self.mel(torch.from_numpy(np.asarray(wav, np.float32))[None])[0]
        mel = mel.clamp(min=float(mel.max()) - 9.0)
        flux = (mel[:, 1:] - mel[:, :-1]).abs().mean(dim=1)
        return torch.cat([mel.mean(dim=1), mel.std(dim=1), mel.quantile(0.9, dim=1), flux]).numpy()


class TaggerNet(nn.Module):
    def __init__(self, inputs: int, classes: int) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(inputs, 256), nn.GELU(), nn.Dropout(0.2), nn.Linear(256, EMBEDDING), nn.GELU())
        self.head = nn.Linear(EMBEDDING, classes)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        embedding = self.body(x)
        return self.head(embedding), embedding


class Tagger:
    def __init__(self, audio: AudioConfig, net: TaggerNet, classes: list[str], mean: np.ndarray, std: np.ndarray) -> None:
        self.features, self.net, self.classes, self.mean, self.std = Features(audio), net.eval(), classes, mean, std

    @torch.no_grad()
    def __call__(self, wavs: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Class probabilities [N, classes] and embeddings [N, 32]."""
        if not wavs:
            return np.zeros((0, len(self.classes)), np.float32), np.zeros((0, EMBEDDING), np.float32)
        x = (np.stack([self.features(w) for w in wavs]) - self.mean) / self.std
        logits, embedding = self.net(torch.from_numpy(x.astype(np.float32)))
        return logits.softmax(dim=-1).numpy(), embedding.numpy()

    def detects(self, probs: np.ndarray, category: str, top: int = 3) -> bool:
        return category in self.classes and self.classes.index(category) in np.argsort(-probs)[:top]

    def save(self, path: Path) -> None:
        torch.save({"net": self.net.state_dict(), "classes": self.classes, "mean": self.mean, "std": self.std}, path)

    @classmethod
    def load(cls, path: Path, audio: AudioConfig) -> Tagger:
        state = torch.load(path, map_location="cpu", weights_only=False)
        net = TaggerNet(len(state["mean"]), len(state["classes"]))
        net.load_state_dict(state["net"])
        return cls(audio, net, state["classes"], state["mean"], state["std"])


def labelled_clips(data: Path, split: str, limit: int | None = None) -> list[tuple[Path, str]]:
    clips = []
    for meta in sorted(data.glob(f"{split}/shard-*/metadata.jsonl")):
        for line in meta.read_text().splitlines():
            row = json.loads(line)
            if row["task"] in LABELLED_TASKS and row["target_category"]:
                clips.append((meta.parent / row["files"]["output"], row["target_category"]))
    rng = np.random.default_rng(0)
    rng.shuffle(clips)
    return clips[:limit]


def instruments(data: Path) -> dict[str, str]:
    """Clip id -> instrument, for the catalogue's music clips."""
    found = {}
    for path in sorted((data / "catalogue").glob("catalogue-*.jsonl")):
        for line in path.read_text().splitlines():
            clip = json.loads(line)
            if (clip.get("extra") or {}).get("instrument"):
                found[clip["id"]] = clip["extra"]["instrument"]
    return found


def instrument_clips(data: Path, split: str, limit: int | None = None) -> list[tuple[Path, str]]:
    """Music rows' audio labelled by its instrument: the outputs of text to music and of music style transfer, and
    the latter's input."""
    names, clips = instruments(data), []
    for meta in sorted(data.glob(f"{split}/shard-*/metadata.jsonl")):
        for line in meta.read_text().splitlines():
            row = json.loads(line)
            recipe = row["recipe"]
            for kind, clip in (("output", recipe.get("output")), ("input", recipe.get("source"))):
                if row["task"] in ("t2m", "style_music") and clip in names and kind in row["files"]:
                    clips.append((meta.parent / row["files"][kind], names[clip]))
    rng = np.random.default_rng(0)
    rng.shuffle(clips)
    return clips[:limit]


ClipLister = Callable[[Path, str, int | None], list[tuple[Path, str]]]


def train_tagger(
    data: Path, audio: AudioConfig, limit: int = 5000, epochs: int = 60, clips: ClipLister = labelled_clips
) -> tuple[Tagger, float | None]:
    """Returns the tagger and its top-1 accuracy on the validation split's labelled clips (None without any)."""
    train = clips(data, "train", limit)
    tagger = fit_tagger([sf.read(str(p), dtype="float32")[0] for p, _ in train], [c for _, c in train], audio, epochs)
    return tagger, valid_accuracy(tagger, data, clips)


def fit_tagger(wavs: list[np.ndarray], labels: list[str], audio: AudioConfig, epochs: int = 60) -> Tagger:
    """A tagger fitted to labelled clips (mono at the audio config's rate)."""
    features = Features(audio)
    classes = sorted(set(labels))
    x = np.stack([features(w) for w in wavs])
    y = torch.tensor([classes.index(c) for c in labels])
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-5
    xt = torch.from_numpy(((x - mean) / std).astype(np.float32))
    torch.manual_seed(0)
    net = TaggerNet(x.shape[1], len(classes))
    optimiser = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-2)
    for _ in range(epochs):
        order = torch.randperm(len(xt))
        for i in range(0, len(xt), 128):
            batch = order[i : i + 128]
            loss = nn.functional.cross_entropy(net(xt[batch])[0], y[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return Tagger(audio, net, classes, mean, std)


def valid_accuracy(tagger: Tagger, data: Path, clips: ClipLister = labelled_clips) -> float | None:
    """Top-1 accuracy on the validation split's labelled clips (None without any)."""
    valid = [(p, c) for p, c in clips(data, "valid", None) if c in tagger.classes]
    probs, _ = tagger([sf.read(str(p), dtype="float32")[0] for p, _ in valid])
    return float(np.mean([tagger.classes[int(np.argmax(pr))] == c for pr, (_, c) in zip(probs, valid)])) if valid else None


def _psd_sqrt(m: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh(m)
    return (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float | None:
    """Frechet distance between Gaussians fitted to two sets of embeddings (None with fewer than 2 on a side).
    tr sqrt(A B) is computed as tr sqrt(A^1/2 B A^1/2), which is symmetric, so few samples (singular covariances)
    cannot make it complex."""
    if len(a) < 2 or len(b) < 2:
        return None
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root_a = _psd_sqrt(cov_a)
    cross = np.sqrt(np.clip(np.linalg.eigvalsh(root_a @ cov_b @ root_a), 0, None)).sum()
    return float(((mu_a - mu_b) ** 2).sum() + np.trace(cov_a) + np.trace(cov_b) - 2 * cross)
