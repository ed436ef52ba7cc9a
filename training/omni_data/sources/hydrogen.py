"""Hydrogen's drum kits: one clip per instrument (its loudest layer), licence and author from each kit's drumkit.xml."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ..audio import load, trim_silence
from ..catalogue import SourceClip
from ..licences import spdx

ROOT = Path("/usr/share/hydrogen/data/drumkits")
PACKAGE = "hydrogen-drumkits"


def _text(node: ET.Element, tag: str) -> str:
    found = node.find(f"{{*}}{tag}")
    if found is None:
        found = node.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _children(node: ET.Element, tag: str) -> list[ET.Element]:
    return node.findall(f".//{{*}}{tag}") or node.findall(f".//{tag}")


def read(rate: int, root: Path = ROOT) -> Iterator[tuple[SourceClip, object]]:
    for xml in sorted(root.glob("*/drumkit.xml")):
        kit = ET.parse(xml).getroot()
        name, author, licence = _text(kit, "name"), _text(kit, "author"), _text(kit, "license")
        if not licence or licence.lower() in ("undefined license", "unknown"):
            continue
        for instrument in _children(kit, "instrument"):
            label = _text(instrument, "name")
            files = [f.text.strip() for f in _children(instrument, "filename") if f.text]
            if not label or not files or not (xml.parent / files[0]).exists():
                continue
            try:
                audio = trim_silence(load(xml.parent / files[0], rate))
            except RuntimeError:
                continue  # a sample format libsndfile cannot read
            if len(audio) < rate // 20:
                continue
            caption = label.lower().replace("_", " ")
            yield (
                SourceClip(
                    id=f"hydrogen/{name}/{label}",
                    source=PACKAGE,
                    group=f"hydrogen/{name}/{label}",
                    category="drums",
                    caption=caption,
                    licence=spdx(licence),
                    credit=f"Hydrogen drum kit '{name}' by {author}",
                ),
                audio,
            )
