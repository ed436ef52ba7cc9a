"""Speech: sentences written by the pipeline, spoken by espeak-ng and flite voices, transcripts kept."""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..audio import load, trim_silence
from ..catalogue import SourceClip


@dataclass(frozen=True)
class Voice:
    engine: str  # "espeak-ng" or "flite"
    name: str  # espeak voice+variant, or flite voice
    language: str
    description: str  # how a caption names the speaker

    @property
    def id(self) -> str:
        return f"{self.engine}:{self.name}"


VOICES: tuple[Voice, ...] = (
    Voice("espeak-ng", "en-us+m3", "en", "a man with an American accent"),
    Voice("espeak-ng", "en-us+f3", "en", "a woman with an American accent"),
    Voice("espeak-ng", "en-gb+m1", "en", "a man with a British accent"),
    Voice("espeak-ng", "en-gb+f2", "en", "a woman with a British accent"),
    Voice("espeak-ng", "en-us+croak", "en", "a croaky voice"),
    Voice("espeak-ng", "en-us+whisper", "en", "a whispering voice"),
    Voice("espeak-ng", "de+m2", "de", "a man speaking German"),
    Voice("espeak-ng", "fr+f1", "fr", "a woman speaking French"),
    Voice("espeak-ng", "es+m1", "es", "a man speaking Spanish"),
    Voice("flite", "slt", "en", "a woman with a clear synthetic voice"),
    Voice("flite", "rms", "en", "a man with a deep synthetic voice"),
    Voice("flite", "awb", "en", "a man with a Scottish accent"),
    Voice("flite", "kal16", "en", "a man with a flat synthetic voice"),
)

_SUBJECTS = [
    "the old train",
    "my neighbour",
    "a small bird",
    "the river",
    "our band",
    "the storm",
    "this studio",
    "the market",
    "a quiet engine",
    "the children",
]
_VERBS = [
    "arrives",
    "sings",
    "waits",
    "moves slowly",
    "plays loudly",
    "starts again",
    "sounds different",
    "comes back",
    "stops suddenly",
    "keeps going",
]
_TAILS = [
    "before sunrise",
    "after the rain",
    "in the valley",
    "near the station",
    "every single morning",
    "at the end of the song",
    "without a sound",
    "under the bridge",
    "for an hour",
    "on a cold day",
]
_FOREIGN = {
    "de": ["Der Zug kommt heute spät an.", "Die Musik ist sehr leise.", "Wir hören den Regen im Garten.", "Das Studio ist morgen geschlossen."],
    "fr": ["Le train arrive ce soir.", "La musique est trop forte.", "Nous entendons la pluie dehors.", "Le studio ouvre demain matin."],
    "es": ["El tren llega muy tarde.", "La música suena muy bien.", "Escuchamos la lluvia en el jardín.", "El estudio abre mañana."],
}


def sentences(count: int, language: str, seed: int) -> list[str]:
    """Deterministic sentences: English from a small grammar, other languages from a fixed list."""
    if language != "en":
        return _FOREIGN[language][:count]
    rng = random.Random(seed)
    out = set()
    while len(out) < count:
        out.add(f"{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_VERBS)} {rng.choice(_TAILS)}.")
    return sorted(out)


def speak(voice: Voice, text: str, out: Path) -> None:
    if voice.engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", voice.name, "-s", "150", "-w", str(out), text]
    else:
        cmd = ["flite", "-voice", voice.name, "-t", text, "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)


VOICE_LICENCES = {
    "espeak-ng": ("GPL-3.0-or-later", "espeak-ng voices (the espeak-ng project)"),
    "flite": ("BSD-style (flite)", "flite voices (Carnegie Mellon University)"),
}


def read(rate: int, sentences_per_voice: int, seed: int) -> Iterator[tuple[SourceClip, object]]:
    """Every voice speaks the same sentences of its language: the same text in another voice is a style pair."""
    with tempfile.TemporaryDirectory() as tmp:
        for voice in VOICES:
            if voice.engine == "flite" and voice.name not in _available_flite_voices():
                continue
            for index, text in enumerate(sentences(sentences_per_voice, voice.language, seed)):
                wav = Path(tmp) / "s.wav"
                speak(voice, text, wav)
                audio = trim_silence(load(wav, rate))
                licence, credit = VOICE_LICENCES[voice.engine]
                yield (
                    SourceClip(
                        id=f"speech/{voice.id}/{voice.language}{index:03d}",
                        source=voice.engine,
                        # The sentence, not the voice, decides the split: a test sentence is unseen in any voice.
                        group=f"sentence/{voice.language}/{text}",
                        category="speech",
                        caption=voice.description,
                        licence=licence,
                        credit=credit,
                        extra={"transcript": text, "speaker": voice.id, "language": voice.language},
                    ),
                    audio,
                )


def _available_flite_voices() -> set[str]:
    try:
        listed = subprocess.run(["flite", "-lv"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return set()
    return set(listed.replace("Voices available:", "").split())
