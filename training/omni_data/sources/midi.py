"""A minimal Standard MIDI File writer (format 0), enough for the procedural songs. Standard library only."""

from __future__ import annotations

import struct
from dataclasses import dataclass

PPQ = 480


@dataclass(frozen=True)
class Note:
    beat: float  # start, in beats from the song's start
    length: float  # in beats
    pitch: int
    velocity: int
    channel: int


def _varlen(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


@dataclass
class Segment:
    """One song in the file: its tempo, program changes and notes; followed by a silent gap."""

    bpm: float
    programs: dict[int, int]  # channel -> GM program
    notes: list[Note]
    beats: float


def write_midi(segments: list[Segment], gap_seconds: float) -> tuple[bytes, list[tuple[float, float]]]:
    """All segments one after another in one file (the synth loads its soundfont once). Returns the bytes and each
    segment's (start, end) in seconds, so the rendering can be cut back into songs."""
    events: list[tuple[int, int, bytes]] = []  # (tick, order, data)
    tick = 0
    seconds = 0.0
    spans = []
    for seg in segments:
        tempo = int(round(60_000_000 / seg.bpm))
        events.append((tick, 0, b"\xff\x51\x03" + tempo.to_bytes(3, "big")))
        for channel, program in seg.programs.items():
            events.append((tick, 1, bytes([0xC0 | channel, program])))
        for n in seg.notes:
            on = tick + int(round(n.beat * PPQ))
            off = tick + int(round((n.beat + n.length) * PPQ))
            events.append((on, 3, bytes([0x90 | n.channel, n.pitch, n.velocity])))
            events.append((off, 2, bytes([0x80 | n.channel, n.pitch, 0])))
        song_seconds = seg.beats * 60 / seg.bpm
        spans.append((seconds, seconds + song_seconds))
        tick += int(round(seg.beats * PPQ))
        # The gap runs at 60 bpm (one beat per second), so its length in seconds is exact.
        events.append((tick, 0, b"\xff\x51\x03" + (1_000_000).to_bytes(3, "big")))
        tick += int(round(gap_seconds * PPQ))
        seconds += song_seconds + gap_seconds
    events.append((tick, 9, b"\xff\x2f\x00"))
    events.sort(key=lambda e: (e[0], e[1]))
    body = bytearray()
    last = 0
    for t, _, data in events:
        body += _varlen(t - last) + data
        last = t
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, PPQ)
    return header + b"MTrk" + struct.pack(">I", len(body)) + bytes(body), spans
