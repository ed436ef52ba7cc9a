"""Every knob of the data set in one place, loaded from a JSON file in training/configs/."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

TASKS = ("add", "remove", "extract", "style_sfx", "style_music", "style_speech", "t2a", "t2m", "tts")


@dataclass(frozen=True)
class SourceConfig:
    opensfx: bool = True
    minetest: bool = True
    sonic_pi: bool = True
    hydrogen: bool = True
    zeroad: bool = True
    # Game and desktop sound packages by their key in sources/packaged.GAME_SETS (teeworlds, lmms, oxygen, tuxpaint).
    game_sets: tuple[str, ...] = ()
    speech_sentences_per_voice: int = 24
    music_songs: int = 60
    # Which General MIDI soundfonts render the songs (package names, see sources/music.py).
    soundfonts: tuple[str, ...] = ("fluid-soundfont-gm", "timgm6mb-soundfont", "musescore-general-soundfont-small")
    # Designed sound effects per category (sources/designed.py: procedural, a new instance each); 0: none.
    designed_per_category: int = 0


@dataclass(frozen=True)
class MixConfig:
    """The paper's AudioEdit synthetic branch: SNR 0 to 3 dB, pitch -3 to +3 semitones, stretch 0.8 to 1.2."""

    snr_db: tuple[float, float] = (0.0, 3.0)
    pitch_semitones: tuple[float, float] = (-3.0, 3.0)
    stretch: tuple[float, float] = (0.8, 1.2)
    max_event_seconds: float = 4.0
    min_event_seconds: float = 0.3
    background_gain_db: tuple[float, float] = (-30.0, -18.0)  # background RMS, dBFS


@dataclass(frozen=True)
class DataConfig:
    name: str = "omni-audioedit-default"
    seed: int = 20261126
    sample_rate: int = 16000
    clip_seconds: float = 10.0
    split_fractions: tuple[float, float, float] = (0.8, 0.1, 0.1)
    # Examples per split, spread evenly over TASKS.
    examples: dict[str, int] = field(default_factory=lambda: {"train": 9000, "valid": 450, "test": 450})
    examples_per_shard: int = 500
    tasks: tuple[str, ...] = TASKS
    sources: SourceConfig = SourceConfig()
    mix: MixConfig = MixConfig()

    @property
    def clip_samples(self) -> int:
        return int(round(self.clip_seconds * self.sample_rate))

    def to_json(self) -> dict:
        return asdict(self)


def _tuples(d: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in d.items()}


def load_config(path: Path | str) -> DataConfig:
    raw = json.loads(Path(path).read_text())
    sources = SourceConfig(**_tuples(raw.pop("sources", {})))
    mix = MixConfig(**_tuples(raw.pop("mix", {})))
    unknown = set(raw) - set(DataConfig.__dataclass_fields__)
    if unknown:
        raise ValueError(f"{path}: unknown config keys {sorted(unknown)}")
    return DataConfig(
        **_tuples({k: v for k, v in raw.items() if k != "examples"}), examples=raw.get("examples", DataConfig().examples), sources=sources, mix=mix
    )
