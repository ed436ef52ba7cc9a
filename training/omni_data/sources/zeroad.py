"""0 A.D.'s public archive (CC-BY-SA-3.0, Wildfire Games): weather, water, animals, footsteps, work, battle, voices in
four languages, and orchestral music (cut into 10 s windows). Read straight from the zip, no extraction."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..audio import load_bytes, trim_silence
from ..catalogue import SourceClip
from ..taxonomy import classify

ARCHIVE = Path("/usr/share/games/0ad/mods/public/public.zip")
PACKAGE = "0ad-data"
LICENCE = "CC-BY-SA-3.0"
CREDIT = "0 A.D. (Wildfire Games)"
LANGUAGES = {"greek": "Ancient Greek", "latin": "Latin", "persian": "Old Persian", "napatan": "Meroitic"}

# (path prefix, category or None to classify the file name, caption or None to derive one)
_FOLDERS: tuple[tuple[str, str | None, str | None], ...] = (
    ("audio/ambient/weather/", None, None),
    ("audio/ambient/water/", "water", None),
    ("audio/ambient/dayscape/", "ambience", "countryside ambience"),
    ("audio/actor/fauna/", None, None),
    ("audio/actor/mounted/", "farm_animal", "horse galloping"),
    ("audio/actor/singlesteps/", "footsteps", None),
    ("audio/actor/human/", "voice", "a man shouting"),
    ("audio/resource/lumbering/", "hand_tool", "chopping wood"),
    ("audio/resource/mining/", "hand_tool", "mining with a pickaxe"),
    ("audio/resource/construction/", "hand_tool", "hammering"),
    ("audio/resource/gathering/", "hand_tool", "harvesting"),
    ("audio/resource/farming/", "hand_tool", "farm work"),
    ("audio/attack/weapon/", "weapon", None),
    ("audio/attack/impact/", "weapon", None),
    ("audio/attack/fire/", "fire", "burning"),
    ("audio/attack/destruction/", "crash", "a building collapsing"),
    ("audio/voice/", "voice", None),
)
MUSIC = "audio/music/"
MUSIC_WINDOWS = 6


def _caption(path: str, stem: str) -> str:
    words = re.sub(r"[_\-]?\d+$", "", stem).replace("fs_", "footsteps on ").replace("_", " ")
    if path.startswith("audio/voice/"):
        parts = path.split("/")
        language = LANGUAGES.get(parts[2])
        who = "a woman" if "female" in stem else "a man"
        return f"{who} calling out in {language}" if language else words
    return words.strip()


def read(rate: int, clip_seconds: float, archive: Path = ARCHIVE) -> Iterator[tuple[SourceClip, object]]:
    with zipfile.ZipFile(archive) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".ogg")):
            stem = Path(name).stem
            if name.startswith(MUSIC):
                yield from _music(z.read(name), stem, rate, clip_seconds)
                continue
            rule = next((r for r in _FOLDERS if name.startswith(r[0])), None)
            if rule is None:
                continue
            _, category, caption = rule
            caption = caption or _caption(name, stem)
            category = category or classify(caption) or classify(stem)
            if category is None:
                continue
            audio = trim_silence(load_bytes(z.read(name), rate))
            if len(audio) < rate // 10:
                continue
            group = re.sub(r"[_\-]?\d+$", "", name)
            yield (
                SourceClip(
                    id=f"0ad/{name[6:-4]}", source=PACKAGE, group=f"0ad/{group}", category=category, caption=caption, licence=LICENCE, credit=CREDIT
                ),
                audio,
            )


def _music(blob: bytes, stem: str, rate: int, clip_seconds: float) -> Iterator[tuple[SourceClip, object]]:
    """A track gives up to MUSIC_WINDOWS windows spread over it; they share the track's split."""
    audio = load_bytes(blob, rate)
    window = int(clip_seconds * rate)
    if len(audio) < window:
        return
    title = stem.replace("_", " ")
    starts = sorted({int(i * (len(audio) - window) / max(1, MUSIC_WINDOWS - 1)) for i in range(MUSIC_WINDOWS)})
    for k, start in enumerate(starts):
        yield (
            SourceClip(
                id=f"0ad/music/{stem}/{k}",
                source=PACKAGE,
                group=f"0ad/music/{stem}",
                category="music",
                caption=f"orchestral soundtrack music, '{title}'",
                licence=LICENCE,
                credit=f"{CREDIT}, music: '{title}'",
                extra={"instrument": None},
            ),
            audio[start : start + window],
        )
