"""Builds the catalogue from every configured source, and caches it (metadata + decoded audio) beside the data set."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .catalogue import Catalogue, SourceClip
from .config import DataConfig
from .portable import is_portable, read_portable
from .sources import designed, hydrogen, music, opensfx, packaged, speech, zeroad


def _streams(cfg: DataConfig) -> list[tuple[str, Iterable]]:
    rate, src = cfg.sample_rate, cfg.sources
    streams: list[tuple[str, Iterable]] = []
    if src.opensfx:
        streams.append(("OpenSFX", opensfx.read(rate)))
    if src.minetest:
        streams.append(("Minetest", packaged.read(packaged.MINETEST, rate)))
    if src.sonic_pi:
        streams.append(("Sonic Pi", packaged.read(packaged.SONIC_PI, rate)))
    for key in src.game_sets:
        packaged_set = packaged.GAME_SETS[key]
        streams.append((packaged_set.credit_prefix, packaged.read(packaged_set, rate)))
    if src.hydrogen:
        streams.append(("Hydrogen drum kits", hydrogen.read(rate)))
    if src.zeroad:
        streams.append(("0 A.D.", zeroad.read(rate, cfg.clip_seconds)))
    if src.speech_sentences_per_voice:
        streams.append(("speech", speech.read(rate, src.speech_sentences_per_voice, cfg.seed)))
    if src.music_songs:
        fonts = tuple(f for f in music.SOUNDFONTS if f.package in src.soundfonts)
        streams.append(("music", music.read(rate, src.music_songs, cfg.clip_seconds, cfg.seed, fonts)))
    if src.designed_per_category:
        streams.append(("designed", designed.read(rate, src.designed_per_category, cfg.seed)))
    return streams


def _key(cfg: DataConfig) -> str:
    sources = asdict(cfg.sources)
    if sources["designed_per_category"]:  # the designs' code is part of the recipe: a new version, a new catalogue
        sources["designed_version"] = designed.VERSION
    else:  # catalogues made before designed sounds keep their key
        del sources["designed_per_category"]
    relevant = {"rate": cfg.sample_rate, "seed": cfg.seed, "clip": cfg.clip_seconds, "splits": cfg.split_fractions, "sources": sources}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def build_catalogue(cfg: DataConfig, cache_dir: Path | None = None, progress: bool = True) -> Catalogue:
    """Loads the cached catalogue when it was made from the same source settings, else gathers and caches it."""
    key = _key(cfg)
    if cache_dir and (cache_dir / f"catalogue-{key}.npz").exists():
        return _load(cache_dir, key, cfg.sample_rate)
    cat = Catalogue(cfg.sample_rate)
    for name, stream in _streams(cfg):
        for clip, audio in tqdm(stream, desc=f"sources: {name}", disable=not progress, leave=False):
            cat.add(clip, np.asarray(audio, np.float32), cfg.split_fractions)
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cat.write(cache_dir / f"catalogue-{key}.jsonl")
        np.savez(cache_dir / f"catalogue-{key}.npz", **{_npz_name(i): cat.audio[i] for i in cat.clips})
    return cat


def _npz_name(clip_id: str) -> str:
    return clip_id.replace("/", "|")


def _load(cache_dir: Path, key: str, rate: int) -> Catalogue:
    cat = Catalogue(rate)
    arrays = np.load(cache_dir / f"catalogue-{key}.npz")
    for line in (cache_dir / f"catalogue-{key}.jsonl").read_text().splitlines():
        clip = SourceClip(**json.loads(line))
        cat.clips[clip.id] = clip
        cat.audio[clip.id] = arrays[_npz_name(clip.id)]
    return cat


CATALOGUE_CACHE = Path(__file__).resolve().parents[1] / "data" / "catalogue"


def catalogue_for(data: Path) -> Catalogue:
    """The source clips of a data config (.json: gathered, or read from the shared cache), of a built data set, or of a
    portable catalogue (omni_data.portable)."""
    from .config import load_config

    if data.suffix == ".json":
        return build_catalogue(load_config(data), CATALOGUE_CACHE, progress=False)
    if is_portable(data):
        return read_portable(data)
    return build_catalogue(load_config(data / "config.json"), data / "catalogue", progress=False)
