"""Where someone speaks, as the studio hears it (src/engine/speech.ts, tied to this by src/engine/speech.parity.json):
the Silero VAD v5 (MIT) from the @ricky0123/vad-web npm package the studio serves, over 32 ms frames at 16 kHz, each
frame with the previous frame's last 64 samples and the recurrent state; spans with hysteresis, short pauses joined,
short blips dropped. The evaluation uses it where the studio does (Analyze's speech)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from omni_model.paths import REPO_DIR

SILERO_PATH = REPO_DIR / "node_modules" / "@ricky0123" / "vad-web" / "dist" / "silero_vad_v5.onnx"
RATE, FRAME, CONTEXT = 16000, 512, 64
FRAME_SECONDS = FRAME / RATE
# Chosen on the validation split by speech's event F1 (tune_detector_regions --keep-regions), as src/engine/speech.ts.
SETTINGS = {"on": 0.5, "off": 0.5, "bridge_seconds": 0.3, "min_seconds": 0.5}


class VoiceActivity:
    def __init__(self, path: Path = SILERO_PATH) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def probabilities(self, audio: np.ndarray) -> np.ndarray:
        """Per-frame speech probabilities of mono audio at 16 kHz (a partial last frame padded with zeros)."""
        frames = -(-len(audio) // FRAME)
        out = np.zeros(frames, np.float32)
        state = np.zeros((2, 1, 128), np.float32)
        rate = np.array(RATE, np.int64)
        context = np.zeros(CONTEXT, np.float32)
        for f in range(frames):
            frame = np.zeros(FRAME, np.float32)
            piece = audio[f * FRAME : (f + 1) * FRAME]
            frame[: len(piece)] = piece
            p, state = self.session.run(None, {"input": np.concatenate([context, frame])[None], "state": state, "sr": rate})
            out[f], context = p[0, 0], frame[-CONTEXT:]
        return out


def speech_spans(probabilities: np.ndarray, settings: dict = SETTINGS) -> list[tuple[float, float, float]]:
    """(start, end, peak probability) in seconds: on over `on`, kept while over `off`, joined over short pauses."""
    spans: list[list[float]] = []
    current: list[float] | None = None
    for f, p in enumerate(probabilities):
        if current is not None and p >= settings["off"]:
            current[1], current[2] = f + 1, max(current[2], float(p))
        elif current is not None:
            spans.append(current)
            current = None
        if current is None and p >= settings["on"]:
            current = [f, f + 1, float(p)]
    if current is not None:
        spans.append(current)
    joined: list[list[float]] = []
    for s in spans:
        if joined and s[0] - joined[-1][1] <= settings["bridge_seconds"] / FRAME_SECONDS:
            joined[-1][1], joined[-1][2] = s[1], max(joined[-1][2], s[2])
        else:
            joined.append(list(s))
    return [(a * FRAME_SECONDS, b * FRAME_SECONDS, peak) for a, b, peak in joined if (b - a) * FRAME_SECONDS >= settings["min_seconds"] - 1e-9]
