"""Licence and credit of a packaged file, read from its Debian machine-readable copyright file (DEP-5)."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Licence:
    licence: str
    credit: str


# Spellings met in the sources -> SPDX identifiers, so the card counts each licence once.
_SPDX = (
    ("share alike 3.0 united states", "CC-BY-SA-3.0-US"),
    ("attribution-share alike 3.0", "CC-BY-SA-3.0"),
    ("cc-by ==>", "CC-BY-3.0"),
    ("creative commons 0", "CC0-1.0"),
    ("gpl version 2", "GPL-2.0-only"),
    ("attribution-sharealike 3.0", "CC-BY-SA-3.0"),
    ("cc-by-sa-3.0", "CC-BY-SA-3.0"),
    ("cc-by-sa-3", "CC-BY-SA-3.0"),  # Scorched 3D's DEP-5 file
    ("attribution-sharealike 4.0", "CC-BY-SA-4.0"),
    ("attribution 3.0", "CC-BY-3.0"),
    ("cc-by-3.0", "CC-BY-3.0"),
    ("zero 1.0", "CC0-1.0"),
    ("cc0", "CC0-1.0"),
    ("expat", "MIT"),
    ("mit", "MIT"),
    ("lgpl-3", "LGPL-3.0-or-later"),
    ("lgpl-2", "LGPL-2.1-or-later"),
    ("gpl-3", "GPL-3.0-or-later"),
    ("gpl", "GPL-2.0-or-later"),
)


def spdx(licence: str) -> str:
    """The SPDX identifier of a licence name as a source spells it; unknown names pass through unchanged."""
    lowered = licence.lower()
    return next((identifier for spelling, identifier in _SPDX if spelling in lowered), licence.strip())


@dataclass(frozen=True)
class _Stanza:
    patterns: tuple[str, ...]
    licence: str
    credit: str


def _fields(paragraph: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in paragraph.splitlines():
        if line.startswith((" ", "\t")) and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


@cache
def _stanzas(copyright_file: str) -> tuple[_Stanza, ...]:
    text = Path(copyright_file).read_text(encoding="utf-8", errors="replace")
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        f = _fields(paragraph)
        if "Files" not in f or "License" not in f:
            continue
        credit = " ".join(part.strip().rstrip(",") for part in f.get("Copyright", "").splitlines() if part.strip())
        out.append(_Stanza(tuple(f["Files"].split()), f["License"].splitlines()[0].strip(), credit))
    return tuple(out)


def dep5_licence(copyright_file: str, relative_path: str) -> Licence:
    """The last stanza whose Files pattern matches wins, as DEP-5 says."""
    found: Licence | None = None
    for stanza in _stanzas(copyright_file):
        if any(fnmatch.fnmatchcase(relative_path, p) for p in stanza.patterns):
            found = Licence(spdx(stanza.licence), stanza.credit)
    if found is None:
        raise LookupError(f"{copyright_file} names no licence for {relative_path}")
    return found
