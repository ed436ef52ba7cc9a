"""Mixtures for text-queried separation, made on the fly: a background bed with one to three foreground events of
different categories; the query names one of them (the others stay), or the bed, or a sound that is not there (then
the target is silence, so "nothing matches" is learned). Levels spread over the range real recordings have."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import soxr
from scipy.signal import butter, fftconvolve, lfilter, sosfilt

from .audio import rms
from .catalogue import Catalogue, SourceClip
from .mixing import bed
from .queries import describe
from .taxonomy import BACKGROUND_CATEGORIES

# Categories a listener would confuse: never two of them in one mixture, and never one asked for when the other is
# there ("a voice" could be either).
CONFUSABLE: tuple[frozenset[str], ...] = (
    frozenset({"speech", "voice"}),
    frozenset({"drums", "tabla"}),
    frozenset({"car_horn", "road_vehicle"}),
    frozenset({"rain", "water"}),
    frozenset({"fire", "lava"}),
    frozenset({"crash", "impact", "explosion"}),
    frozenset({"ambience", "machine"}),
    frozenset({"music", "guitar", "bass", "drums", "tabla"}),
)
# Birdsong is the bed of many outdoor recordings (and of most real beds we validate on), not only an event.
BED_CATEGORIES = BACKGROUND_CATEGORIES | {"music", "bird"}


def vary(audio: np.ndarray, rng: random.Random, speed: bool) -> np.ndarray:
    """Another take of a recording, so that the words, not one file's exact timbre, name a sound: played up to three
    semitones faster or slower (pitch and length together), and brighter or darker (a first-order shelf)."""
    out = audio
    if speed:
        factor = 2 ** (rng.uniform(-3.0, 3.0) / 12)
        out = soxr.resample(out, 16000, round(16000 / factor), quality="LQ")  # only the ratio of the rates matters.astype(np.float32)
    pole = rng.uniform(0.5, 0.95)
    low = lfilter([1 - pole], [1, -pole], out).astype(np.float32)
    return (out + np.float32(rng.uniform(-0.7, 1.0)) * (out - low)).astype(np.float32)


def layered(first: np.ndarray, second: np.ndarray, rng: random.Random, rate: int = 16000) -> np.ndarray:
    """Two recordings of one category as one sound: the second starts up to 80 ms later, 0-9 dB under the first (by
    RMS); as long as the first."""
    a, b = first, second
    out = a.astype(np.float32)
    delay = rng.randrange(0, int(0.08 * rate) + 1)
    n = max(0, min(len(out) - delay, len(b)))
    gain = rms(a) / (rms(b) + 1e-9) * 10 ** (-rng.uniform(0.0, 9.0) / 20)
    out[delay : delay + n] += np.float32(gain) * b[:n]
    return out.astype(np.float32)


def another_room(audio: np.ndarray, rng: random.Random, rate: int = 16000) -> np.ndarray:
    """The same sound through another room and recording chain, so that a game's own mixing (dry, band-limited, one
    reverb for every file) does not name its sounds: a decaying-noise room (RT60 0.1-0.8 s, up to an even wet/dry
    mix) for most takes, and a band limit (high-pass 40-300 Hz, low-pass 3.5-8 kHz) for half. Same length; the level
    is left to the mixing, which sets it from the result."""
    out = audio.astype(np.float32)
    if rng.random() < 0.7:
        rt60 = rng.uniform(0.1, 0.8)
        t = np.arange(int(rt60 * rate)) / rate
        noise = np.random.default_rng(rng.randrange(2**31)).standard_normal(len(t))
        tail = (noise * np.exp(-6.9 * t / rt60)).astype(np.float32)  # -60 dB at rt60
        tail /= np.sqrt(np.sum(tail**2)) + 1e-9
        wet = fftconvolve(out, tail)[: len(out)].astype(np.float32)
        share = rng.uniform(0.1, 0.5)
        out = (1 - share) * out + share * wet * (np.sqrt(np.mean(out**2)) / (np.sqrt(np.mean(wet**2)) + 1e-9))
    if rng.random() < 0.5:
        nyquist = rate / 2
        low, high = rng.uniform(40, 300), min(rng.uniform(3500, 8000), 0.95 * nyquist)
        out = sosfilt(butter(2, [low / nyquist, high / nyquist], btype="band", output="sos"), out)
    return np.asarray(out, np.float32)


@dataclass(frozen=True)
class SeparationMix:
    mixture: np.ndarray
    target: np.ndarray  # silence when the query names a sound that is not in the mixture
    query: str
    category: str
    present: bool


@dataclass(frozen=True)
class Scene:
    """What a mixture is made of, before its level is set: the bed and each event's layer (full length, in place)."""

    background: np.ndarray
    bed_category: str | None  # None: no bed (the events on silence)
    events: tuple[tuple[str, np.ndarray], ...]

    def mixture(self) -> np.ndarray:
        return self.background + sum((layer for _, layer in self.events), np.zeros_like(self.background))

    def without_bed(self) -> Scene:
        """The events alone on silence, as a user imports a sound effect."""
        return Scene(np.zeros_like(self.background), None, self.events)


def clashes(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in CONFUSABLE)


@dataclass
class SeparationSampler:
    catalogue: Catalogue
    split: str
    seconds: float = 3.0
    p_absent: float = 0.15
    p_bed_query: float = 0.1
    snr_db: tuple[float, float] = (-6.0, 12.0)
    # Around the level the studio brings a selection to (-25 dBFS), spread as a window of a longer clip may be.
    level_dbfs: tuple[float, float] = (-37.0, -13.0)
    p_vary: float = 0.7  # share of events (and, without the speed change, beds) given another take by `vary`
    p_room: float = 0.0  # share of events and beds put through `another_room`
    # Share of events layered from two recordings of their category, as sound designers build a game's effects: a
    # sound no file holds, so the category, not a file, is what the words name.
    p_layer: float = 0.0
    # Share of scenes that are a bed alone (for the detector: a steady background holds nothing else; the separator's
    # queries need an event, so it keeps 0).
    p_bed_only: float = 0.0
    # Share of scenes (with events) whose bed is taken away: the events alone on silence, named among themselves.
    p_no_bed: float = 0.0

    def __post_init__(self) -> None:
        clips = self.catalogue.select(self.split)
        self.beds: dict[str, list[SourceClip]] = {}
        self.events: dict[str, list[SourceClip]] = {}
        for c in clips:
            if c.category in BED_CATEGORIES:
                self.beds.setdefault(c.category, []).append(c)
            if c.category != "ambience":
                self.events.setdefault(c.category, []).append(c)
        if not self.beds or not self.events:
            raise ValueError(f"the {self.split} split has no beds or no events to mix")

    def _crop(self, clip: SourceClip, rng: random.Random, length: int) -> np.ndarray:
        audio = self.catalogue.audio[clip.id]
        n = min(len(audio), length)
        start = rng.randrange(0, len(audio) - n + 1)
        return audio[start : start + n]

    def scene(self, rng: random.Random) -> Scene:
        """A bed (at unit RMS) and one to three events of categories no listener would confuse, each at its own SNR (or,
        for a share `p_bed_only` of scenes, none)."""
        rate = self.catalogue.rate
        length = int(self.seconds * rate)
        bed_category = rng.choice(sorted(self.beds))
        bed_clip = rng.choice(self.beds[bed_category])
        bed_audio = self.catalogue.audio[bed_clip.id]
        background = bed(bed_audio, rng.randrange(0, max(1, len(bed_audio))), length)
        if rng.random() < self.p_vary:
            background = vary(background, rng, speed=False)
        if self.p_room and rng.random() < self.p_room:  # no draw otherwise: earlier mixtures stay reproducible
            background = another_room(background, rng, rate)
        background *= 1.0 / (rms(background) + 1e-9)
        chosen: list[str] = []
        wanted = 0 if self.p_bed_only and rng.random() < self.p_bed_only else rng.choice((1, 1, 2, 2, 3))
        for category in rng.sample(sorted(self.events), len(self.events)):
            if len(chosen) == wanted:
                break
            if not clashes(category, bed_category) and not any(clashes(category, c) for c in chosen):
                chosen.append(category)
        layers = []
        for category in chosen:
            piece = self._crop(rng.choice(self.events[category]), rng, int(rng.uniform(0.3, min(self.seconds, 2.5)) * rate))
            if self.p_layer and rng.random() < self.p_layer:
                piece = layered(piece, self._crop(rng.choice(self.events[category]), rng, len(piece)), rng)
            if rng.random() < self.p_vary:
                piece = vary(piece, rng, speed=True)[:length]
            if self.p_room and rng.random() < self.p_room:
                piece = another_room(piece, rng, rate)
            onset = rng.randrange(-len(piece) // 3, length - len(piece) // 2)
            layer = np.zeros(length, np.float32)
            lo, hi = max(0, onset), min(length, onset + len(piece))
            layer[lo:hi] = piece[lo - onset : hi - onset]
            span = background[lo:hi]
            gain = rms(span) / (rms(layer[lo:hi]) + 1e-9) * 10 ** (rng.uniform(*self.snr_db) / 20)
            layers.append(layer * np.float32(gain))
        return Scene(background.astype(np.float32), bed_category, tuple(zip(chosen, layers)))

    def level(self, mixture: np.ndarray, rng: random.Random) -> float:
        """The gain that puts a mixture at a level drawn from `level_dbfs`, never clipping."""
        scale = 10 ** (rng.uniform(*self.level_dbfs) / 20) / (rms(mixture) + 1e-9)
        return min(scale, 0.99 / (float(np.max(np.abs(mixture))) + 1e-9))

    def absent_category(self, scene: Scene, rng: random.Random) -> str:
        """A category none of the scene's sounds could be taken for."""
        chosen = [c for c, _ in scene.events]
        options = [c for c in sorted(self.events) if not clashes(c, scene.bed_category) and not any(clashes(c, p) for p in chosen)]
        return rng.choice(options)

    def sample_twins(self, rng: random.Random) -> tuple[SeparationMix, SeparationMix]:
        """One mixture asked twice: for a sound it holds and for one it does not (whose target is silence). The pair
        differs only in its words, so what the model learns from it is to follow them."""
        scene = self.scene(rng)
        named = self._ask(scene, rng, roll=rng.uniform(self.p_absent, 1.0))
        absent = self.absent_category(scene, rng)
        return named, SeparationMix(named.mixture, np.zeros_like(named.target), describe(absent, rng), absent, False)

    def sample(self, rng: random.Random) -> SeparationMix:
        scene = self.scene(rng)
        if self.p_no_bed and scene.events and rng.random() < self.p_no_bed:  # no draw otherwise, as p_room
            scene = scene.without_bed()
        return self._ask(scene, rng, rng.random())

    def _ask(self, scene: Scene, rng: random.Random, roll: float) -> SeparationMix:
        """The scene's mixture with one request: for a sound that is not there (roll under p_absent), the bed, or an event."""
        chosen = [c for c, _ in scene.events]
        length = len(scene.background)
        if roll < self.p_absent:
            category, target, present = self.absent_category(scene, rng), np.zeros(length, np.float32), False
        elif roll < self.p_absent + self.p_bed_query and scene.bed_category not in (None, "ambience"):
            category, target, present = scene.bed_category, scene.background, True
        else:
            category, target = scene.events[rng.randrange(len(chosen))]
            present = True
        mixture = scene.mixture()
        scale = self.level(mixture, rng)
        return SeparationMix(
            mixture=(mixture * scale).astype(np.float32),
            target=(target * scale).astype(np.float32),
            query=describe(category, rng),
            category=category,
            present=present,
        )
