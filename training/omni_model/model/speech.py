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
# Long audio runs as lanes side by side, one batch a step, as src/engine/speech.ts SPEECH_LANES: each at least 30 s
# (so shorter clips run as one lane, frame after frame), at most 16, each warmed up on the 64 frames before its part.
LANES = {"min_frames": round(30 / FRAME_SECONDS), "max": 16, "warm": 64}


class VoiceActivity:
    def __init__(self, path: Path = SILERO_PATH) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def probabilities(self, audio: np.ndarray, lanes: dict = LANES) -> np.ndarray:
        """Per-frame speech probabilities of mono audio at 16 kHz (a partial last frame padded with zeros); long audio
        in lanes side by side, each warmed up on the frames before its part (LANES)."""
        frames = -(-len(audio) // FRAME)
        count = max(1, min(lanes["max"], frames // lanes["min_frames"]))
        per = -(-frames // count)
        own = [lane * per for lane in range(count)]
        begin = [max(0, f - lanes["warm"]) for f in own]
        end = [min(frames, f + per) for f in own]
        padded = np.zeros(frames * FRAME, np.float32)
        padded[: len(audio)] = audio
        out = np.zeros(frames, np.float32)
        state = np.zeros((2, count, 128), np.float32)
        rate = np.array(RATE, np.int64)
        rows = np.zeros((count, CONTEXT + FRAME), np.float32)
        for k in range(max(e - b for b, e in zip(begin, end))):
            rows[:, :CONTEXT] = rows[:, -CONTEXT:]  # the previous frame's tail becomes this frame's context
            rows[:, CONTEXT:] = 0.0
            for lane in range(count):
                f = begin[lane] + k
                if f < end[lane]:
                    rows[lane, CONTEXT:] = padded[f * FRAME : (f + 1) * FRAME]
            p, state = self.session.run(None, {"input": rows.copy(), "state": state, "sr": rate})
            for lane in range(count):
                f = begin[lane] + k
                if own[lane] <= f < end[lane]:
                    out[f] = p[lane, 0]
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
