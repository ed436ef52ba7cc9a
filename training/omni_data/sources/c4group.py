"""OpenClonk's group files (.ocg, .ocd, .ocf: "C4Group"): a gzip stream whose magic bytes are altered, holding a
204-byte header, scrambled (each byte XOR 237, then bytes swapped in threes), one 316-byte entry per file (its name,
whether it is a group, its size and offset) and the files' data; an entry may itself be a group, stored the same way
but not compressed."""

from __future__ import annotations

import gzip
import struct
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

MAGIC = b"RedWolf Design GrpFolder"
HEADER_BYTES = 204
ENTRY_BYTES = 316
NAME_BYTES = 260


def unscramble(block: bytes) -> bytes:
    out = bytearray(b ^ 237 for b in block)
    for i in range(0, len(out) - 2, 3):
        out[i], out[i + 2] = out[i + 2], out[i]
    return bytes(out)


def scramble(block: bytes) -> bytes:
    """The inverse of `unscramble` (for writing test groups)."""
    out = bytearray(block)
    for i in range(0, len(out) - 2, 3):
        out[i], out[i + 2] = out[i + 2], out[i]
    return bytes(b ^ 237 for b in out)


def decompress(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    if data[:2] != b"\x1e\x8c":
        raise ValueError(f"{path} is not an OpenClonk group (magic {bytes(data[:2]).hex()})")
    data[:2] = b"\x1f\x8b"
    return gzip.decompress(bytes(data))


def files(path: Path) -> Iterator[tuple[PurePosixPath, bytes]]:
    """Every file in the group and its subgroups: its path with the groups' extensions dropped ('Fire/Blast1.wav')."""
    yield from _entries(decompress(path), 0, PurePosixPath())


def _entries(buf: bytes, base: int, folder: PurePosixPath) -> Iterator[tuple[PurePosixPath, bytes]]:
    header = unscramble(buf[base : base + HEADER_BYTES])
    if not header.startswith(MAGIC):
        raise ValueError(f"no group header at byte {base}")
    count = struct.unpack_from("<i", header, 36)[0]
    data = base + HEADER_BYTES + count * ENTRY_BYTES
    for k in range(count):
        start = base + HEADER_BYTES + k * ENTRY_BYTES
        entry = buf[start : start + ENTRY_BYTES]
        name = entry[:NAME_BYTES].split(b"\0")[0].decode("latin-1")
        _packed, child, size, _reserved, offset = struct.unpack_from("<5i", entry, NAME_BYTES)
        if child:
            yield from _entries(buf, data + offset, folder / PurePosixPath(name).stem)
        else:
            yield folder / name, buf[data + offset : data + offset + size]


def pack(members: dict[str, bytes | dict]) -> bytes:
    """An uncompressed group of `members` (a dict value is a subgroup), as `_entries` reads it: for tests."""
    blobs = [pack(v) if isinstance(v, dict) else v for v in members.values()]
    header = MAGIC + b"\0" * 4 + struct.pack("<3i", 1, 2, len(blobs))
    cores, offset = b"", 0
    for name, value, blob in zip(members, members.values(), blobs, strict=True):
        cores += name.encode("latin-1").ljust(NAME_BYTES, b"\0") + struct.pack("<5i", 0, isinstance(value, dict), len(blob), 0, offset) + b"\0" * 36
        offset += len(blob)
    return scramble(header.ljust(HEADER_BYTES, b"\0")) + cores + b"".join(blobs)


def write(path: Path, members: dict[str, bytes | dict]) -> None:
    """A compressed group file with OpenClonk's magic bytes (for tests)."""
    data = bytearray(gzip.compress(pack(members)))
    data[:2] = b"\x1e\x8c"
    path.write_bytes(bytes(data))
