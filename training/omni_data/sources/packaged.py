"""Sound files shipped as plain files in Debian packages (Minetest, Sonic Pi), licensed per file by DEP-5 copyright."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..audio import load, trim_silence
from ..catalogue import SourceClip
from ..licences import dep5_licence
from ..taxonomy import classify


@dataclass(frozen=True)
class PackagedSet:
    package: str
    root: Path
    glob: str
    copyright_file: Path
    # How the copyright file spells a path: the installed path with `root` replaced by this prefix.
    copyright_prefix: str
    credit_prefix: str


MINETEST = PackagedSet(
    "minetest-data", Path("/usr/share/games/minetest/games/minetest_game"), "mods/*/sounds/*.ogg",
    Path("/usr/share/doc/minetest-data/copyright"), "mtg/", "Minetest Game",
)
SONIC_PI = PackagedSet(
    "sonic-pi-samples", Path("/usr/share/sonic-pi/samples"), "*.flac",
    Path("/usr/share/doc/sonic-pi-samples/copyright"), "etc/samples/", "Sonic Pi samples",
)


def caption_from_name(stem: str) -> str:
    """'default_gravel_footstep.2' -> 'gravel footstep'; 'ambi_glass_hum' -> 'ambi glass hum'."""
    words = re.sub(r"\.\d+$", "", stem).replace("default_", "").replace("env_sounds_", "").split("_")
    return " ".join(w for w in words if w and not w.isdigit())


def group_of(stem: str) -> str:
    """Numbered variants of one sound ('x.1', 'x.2') are one source: they share a split."""
    return re.sub(r"\.\d+$", "", stem)


def read(packaged: PackagedSet, rate: int) -> Iterator[tuple[SourceClip, object]]:
    for path in sorted(packaged.root.glob(packaged.glob)):
        caption = caption_from_name(path.stem)
        category = classify(caption) or classify(path.stem)
        if category is None:
            continue
        relative = packaged.copyright_prefix + str(path.relative_to(packaged.root))
        licence = dep5_licence(str(packaged.copyright_file), relative)
        audio = trim_silence(load(path, rate))
        if len(audio) < rate // 10:
            continue
        yield SourceClip(
            id=f"{packaged.package}/{path.stem}", source=packaged.package, group=f"{packaged.package}/{group_of(path.stem)}",
            category=category, caption=caption, licence=licence.licence, credit=f"{packaged.credit_prefix}: {licence.credit}",
        ), audio
