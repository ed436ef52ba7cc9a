"""Music: procedural songs (instrument, tempo, key, mode, meter, style) written as MIDI and rendered by fluidsynth
through several General MIDI soundfonts. The same song through another program or soundfont is a style pair."""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..audio import load
from ..catalogue import SourceClip
from .midi import Note, Segment, write_midi

DRUM_CHANNEL = 9
BASS = 33  # GM finger bass
KEYS = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]

# GM program -> how a caption names it.
INSTRUMENTS = {
    0: "piano",
    4: "electric piano",
    11: "vibraphone",
    12: "marimba",
    19: "church organ",
    24: "acoustic guitar",
    27: "electric guitar",
    40: "violin",
    46: "harp",
    48: "strings",
    52: "choir",
    56: "trumpet",
    65: "saxophone",
    73: "flute",
    80: "synth lead",
    88: "synth pad",
}
STYLES = ("melody", "chords", "melody with bass", "drum groove", "drum groove with bass", "full band")


@dataclass(frozen=True)
class Soundfont:
    path: Path
    package: str
    licence: str
    credit: str


SOUNDFONTS = (
    Soundfont(Path("/usr/share/sounds/sf2/FluidR3_GM.sf2"), "fluid-soundfont-gm", "MIT", "Fluid R3 GM soundfont (Frank Wen and contributors)"),
    Soundfont(Path("/usr/share/sounds/sf2/TimGM6mb.sf2"), "timgm6mb-soundfont", "GPL-2.0-only", "TimGM6mb soundfont (Tim Brechbill)"),
    Soundfont(
        Path("/usr/share/sounds/sf3/MuseScore_General.sf3"),
        "musescore-general-soundfont-small",
        "MIT",
        "MuseScore General soundfont (S. Christian Collins)",
    ),
)


@dataclass(frozen=True)
class SongPlan:
    id: str
    bpm: int
    key: int
    minor: bool
    beats_per_bar: int
    style: str
    seed: int

    def caption(self, program: int) -> str:
        speed = "slow" if self.bpm < 85 else "upbeat" if self.bpm > 120 else "moderate"
        key = f"{KEYS[self.key]} {'minor' if self.minor else 'major'}"
        meter = "waltz" if self.beats_per_bar == 3 else ""
        if self.style.startswith("drum groove"):
            return f"{speed} {self.style}{' in ' + key if self.style.endswith('bass') else ''}, {self.bpm} bpm"
        return f"{speed} {INSTRUMENTS[program]} {meter + ' ' if meter else ''}{self.style} in {key}, {self.bpm} bpm".replace("  ", " ")


def plan_songs(count: int, seed: int) -> list[SongPlan]:
    rng = random.Random(seed)
    return [
        SongPlan(
            f"song{index:04d}",
            rng.choice([60, 70, 80, 90, 100, 110, 120, 130, 140]),
            rng.randrange(12),
            rng.random() < 0.5,
            rng.choice([4, 4, 4, 3]),
            rng.choice(STYLES),
            rng.randrange(2**31),
        )
        for index in range(count)
    ]


def compose(plan: SongPlan, program: int, seconds: float) -> Segment:
    """Notes for about `seconds` of the song: a scale melody, triad chords, a root bass line and a drum pattern."""
    rng = random.Random(plan.seed)
    scale = MINOR if plan.minor else MAJOR
    root = 48 + plan.key
    bars = max(1, round(seconds * plan.bpm / 60 / plan.beats_per_bar))
    beats = bars * plan.beats_per_bar
    progression = [0, 5, 3, 4] if not plan.minor else [0, 5, 6, 4]
    notes: list[Note] = []
    melodic = not plan.style.startswith("drum groove")
    for bar in range(bars):
        degree = progression[bar % len(progression)]
        start = bar * plan.beats_per_bar
        if melodic and plan.style in ("chords", "full band"):
            for step in (0, 2, 4):
                d = degree + step
                notes.append(Note(start, plan.beats_per_bar, root + 12 * (d // 7) + scale[d % 7], 70, 0))
        if melodic and plan.style in ("melody", "melody with bass", "full band"):
            beat = 0.0
            while beat < plan.beats_per_bar:
                length = rng.choice([0.5, 1.0, 1.0, 2.0])
                d = degree + rng.choice([0, 2, 4, 7, 9])
                notes.append(Note(start + beat, min(length, plan.beats_per_bar - beat), root + 12 + 12 * (d // 7) + scale[d % 7], 90, 0))
                beat += length
        if plan.style in ("melody with bass", "drum groove with bass", "full band"):
            bass_channel = 1 if melodic else 0
            for b in range(plan.beats_per_bar):
                notes.append(Note(start + b, 0.9, root - 12 + scale[degree % 7], 95, bass_channel))
        if plan.style.startswith("drum groove") or plan.style == "full band":
            for b in range(plan.beats_per_bar):
                notes.append(Note(start + b, 0.25, 36 if b % 2 == 0 else 38, 100, DRUM_CHANNEL))
                notes.append(Note(start + b + 0.5, 0.25, 42, 70, DRUM_CHANNEL))
    programs = {0: program}
    if plan.style in ("melody with bass", "full band"):
        programs[1] = BASS
    return Segment(plan.bpm, programs, notes, beats)


def render(segments: list[Segment], soundfont: Path, rate: int, gap: float = 2.0) -> list[np.ndarray]:
    """Renders all segments in one fluidsynth process and cuts the result back into songs (tails included)."""
    midi, spans = write_midi(segments, gap)
    with tempfile.TemporaryDirectory() as tmp:
        mid, wav = Path(tmp) / "songs.mid", Path(tmp) / "songs.wav"
        mid.write_bytes(midi)
        subprocess.run(["fluidsynth", "-ni", "-g", "0.6", "-r", str(rate), "-F", str(wav), str(soundfont), str(mid)], check=True, capture_output=True)
        audio = load(wav, rate)
    tail = gap * 0.75  # let notes ring out, but never into the next song
    return [audio[int(a * rate) : int(min(len(audio) / rate, b + tail) * rate)] for a, b in spans]


def read(rate: int, songs: int, seconds: float, seed: int, soundfonts: tuple[Soundfont, ...] = SOUNDFONTS) -> Iterator[tuple[SourceClip, object]]:
    """Each melodic song in two programs (drum grooves in one), each through every available soundfont."""
    plans = plan_songs(songs, seed)
    rng = random.Random(seed + 1)
    variants = [(plan, program) for plan in plans for program in ([BASS] if plan.style.startswith("drum") else rng.sample(sorted(INSTRUMENTS), 2))]
    segments = [compose(plan, program, seconds) for plan, program in variants]
    for sf in soundfonts:
        if not sf.path.exists():
            continue
        for (plan, program), audio in zip(variants, render(segments, sf.path, rate)):
            instrument = "drums" if plan.style.startswith("drum") else INSTRUMENTS[program]
            yield (
                SourceClip(
                    id=f"music/{plan.id}/{program}/{sf.package}",
                    source=sf.package,
                    group=f"music/{plan.id}",
                    category="music",
                    caption=plan.caption(program),
                    licence=sf.licence,
                    credit=f"{sf.credit}; procedural MIDI by omni_data",
                    extra={
                        "song": plan.id,
                        "program": program,
                        "instrument": instrument,
                        "soundfont": sf.package,
                        "bpm": plan.bpm,
                        "key": KEYS[plan.key],
                        "mode": "minor" if plan.minor else "major",
                        "meter": f"{plan.beats_per_bar}/4",
                        "style": plan.style,
                    },
                ),
                audio,
            )
