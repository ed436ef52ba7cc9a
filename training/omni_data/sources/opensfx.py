"""OpenTTD's OpenSFX: 71 real recordings packed in opensfx.cat, each with a caption and licence in its name string."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

from ..audio import load_bytes, trim_silence
from ..catalogue import SourceClip
from ..licences import spdx
from ..taxonomy import classify

CAT_FILE = Path("/usr/share/games/openttd/baseset/opensfx/opensfx.cat")
PACKAGE = "openttd-opensfx"


def parse_entry(name: str) -> tuple[str, str, str]:
    """Splits '"Caption". Original ... by X. License: Y.' into caption, credit and an SPDX-style licence."""
    caption = re.match(r'\s*"([^"]+)"', name)
    licence = re.search(r"License:\s*([^.]+(?:\.\d[^.]*)?)", name)
    text = licence.group(1).strip() if licence else ""
    credit = name[caption.end() :].split("License:")[0].strip(" .") if caption else ""
    return (caption.group(1) if caption else name.strip()), credit, spdx(text) if text else "unknown"


def read(rate: int, cat_file: Path = CAT_FILE) -> Iterator[tuple[SourceClip, object]]:
    data = cat_file.read_bytes()
    count = (struct.unpack_from("<I", data, 0)[0] & 0x7FFFFFFF) // 8
    for index in range(count):
        offset, size = struct.unpack_from("<II", data, index * 8)
        offset &= 0x7FFFFFFF
        name_len = data[offset]
        name = data[offset + 1 : offset + 1 + name_len].rstrip(b"\0").decode("latin-1")
        caption, credit, licence = parse_entry(name)
        category = classify(caption)
        if category is None:
            continue
        wav = data[offset + 1 + name_len : offset + size]
        audio = trim_silence(load_bytes(wav, rate))
        if len(audio) < rate // 10:
            continue
        clip_caption = re.sub(r"^(Toyland|Lumber mill|Tropic|Arctic):\s*", "", caption).split("(")[0].strip().lower()
        yield (
            SourceClip(
                id=f"opensfx/{index:02d}",
                source=PACKAGE,
                group=f"opensfx/{index:02d}",
                category=category,
                caption=clip_caption,
                licence=licence,
                credit=f"OpenSFX (OpenTTD): {credit}".strip(": "),
            ),
            audio,
        )
