"""Fixtures that tie the studio to the evaluation: the spectral edit (src/dsp/spectral-edit.ts against preserve.py),
the separator's windows (src/engine/separate.ts against evaluate_edits.StudioSeparator, on the test pack) and the
sampler (src/sampler/ against sampler.py: noise, shifted timesteps, the guided Euler loop). Both
sides run the same closed-form signals and must give the same result, segment by segment. `python -m
omni_model.packing.parity` rewrites the fixtures; pytest checks they are current, Vitest that TypeScript agrees with them."""

from __future__ import annotations

import json

import numpy as np

from omni_model.model.preserve import apply_separation, preserve, timbre
from omni_model.paths import REPO_DIR

FIXTURE = REPO_DIR / "src" / "dsp" / "spectral-edit.parity.json"
SEPARATE_FIXTURE = REPO_DIR / "src" / "engine" / "separate.parity.json"
SAMPLER_FIXTURE = REPO_DIR / "src" / "sampler" / "sampler.parity.json"
DETECT_FIXTURE = REPO_DIR / "src" / "understanding" / "sound-events.parity.json"
SPEECH_FIXTURE = REPO_DIR / "src" / "engine" / "speech.parity.json"
SEPARATE_SECONDS, SEPARATE_DESCRIPTION = 23.0, "a dog barking"
RATE, SECONDS, SEGMENTS = 16000, 2.0, 20


def signals() -> dict[str, np.ndarray]:
    """The same formulas as in spectral-edit.test.ts: a bed of two tones, a beep from 0.8 to 1.2 s."""
    t = np.arange(int(RATE * SECONDS)) / RATE
    bed = 0.05 * np.sin(2 * np.pi * 3000 * t + 0.5) + 0.03 * np.sin(2 * np.pi * 440 * t)
    beep = np.where((t >= 0.8) & (t < 1.2), 0.3 * np.sin(2 * np.pi * 1000 * t), 0.0)
    quiet_bed = 0.5 * bed + 0.01 * np.sin(2 * np.pi * 5000 * t)
    return {
        k: v.astype(np.float32)
        for k, v in {"bed": bed, "beep": beep, "mix": bed + beep, "quiet_bed": quiet_bed, "quiet_mix": quiet_bed + beep}.items()
    }


SEPARATION_RATE = 44100  # the separator's mask is applied at the project's rate, not the model's


def separation_signals() -> tuple[np.ndarray, np.ndarray]:
    """The bed and beep at 44.1 kHz, and a mask on the model's grid: 1 below 2.5 kHz (bin 80) from 0.8 to 1.2 s, else 0.1."""
    t = np.arange(int(SEPARATION_RATE * SECONDS)) / SEPARATION_RATE
    mix = (
        0.05 * np.sin(2 * np.pi * 3000 * t + 0.5)
        + 0.03 * np.sin(2 * np.pi * 440 * t)
        + np.where((t >= 0.8) & (t < 1.2), 0.3 * np.sin(2 * np.pi * 1000 * t), 0.0)
    )
    seconds = np.arange(int(RATE * SECONDS) // 128 + 1)[:, None] * 128 / RATE
    mask = np.where((seconds >= 0.8) & (seconds < 1.2) & (np.arange(257)[None] < 80), 1.0, 0.1)
    return mix.astype(np.float32), mask.astype(np.float32)


def segment_rms(x: np.ndarray) -> list[float]:
    return [round(float(np.sqrt(np.mean(s.astype(np.float64) ** 2))), 6) for s in np.array_split(x, SEGMENTS)]


def compute() -> dict:
    s = signals()
    return {
        "rate": RATE,
        "segments": SEGMENTS,
        "remove": segment_rms(preserve("remove", s["mix"], s["quiet_bed"], s["mix"])),
        "add": segment_rms(preserve("add", s["bed"], s["quiet_mix"], s["bed"])),
        "add_level": segment_rms(preserve("add", s["bed"], s["quiet_mix"], s["bed"], add_level_db=3.0, rate=RATE)),
        "timbre": segment_rms(timbre(s["mix"], s["quiet_mix"], s["mix"])),
        **{
            f"separation_{kind}": segment_rms(apply_separation(kind, mix, mask, RATE, SEPARATION_RATE))
            for kind in ("extract", "remove")
            for mix, mask in [separation_signals()]
        },
    }


def separate_signal() -> np.ndarray:
    """23 s (three windows of the test pack's 10 s): two tones under a slow swell, as in separate.test.ts."""
    t = np.arange(int(RATE * SEPARATE_SECONDS)) / RATE
    return (0.2 * np.sin(2 * np.pi * 350 * t) + 0.05 * np.sin(2 * np.pi * 2000 * t) * np.sin(2 * np.pi * 0.3 * t)).astype(np.float32)


def compute_separate() -> dict:
    from omni_model.cli import TEST_PACK_DIR
    from omni_model.evaluation.evaluate import OnnxPack
    from omni_model.evaluation.evaluate_edits import StudioSeparator

    mask, found, present = StudioSeparator(OnnxPack(TEST_PACK_DIR, "fp32", threads=1))(SEPARATE_DESCRIPTION, separate_signal())
    rows = np.array_split(mask.astype(np.float64), SEGMENTS)
    return {
        "seconds": SEPARATE_SECONDS,
        "description": SEPARATE_DESCRIPTION,
        "frames": int(mask.shape[0]),
        "segments": SEGMENTS,
        "segment_means": [round(float(r.mean()), 6) for r in rows],
        "present_seconds": round(present, 6),
        "found": bool(found),
    }


def toy_probabilities() -> np.ndarray:
    """[50 frames, 3 labels] with runs, short pauses and blips (the same formula in sound-events.test.ts)."""
    f = np.arange(50)[:, None]
    k = np.arange(3)[None, :]
    return (0.5 + 0.5 * np.sin(f * (0.3 + 0.2 * k) + k)).astype(np.float32)


def compute_detect() -> dict:
    """The regions routine on a closed-form input, and the studio's detector path (windows, gain) on the test pack."""
    from omni_model.cli import TEST_PACK_DIR
    from omni_model.evaluation.evaluate import OnnxPack
    from omni_model.evaluation.evaluate_detector import StudioDetector
    from omni_model.model.sound_events import clip_tags, sound_events

    settings = {"threshold": 0.7, "bridge_seconds": 0.08, "min_seconds": 0.1}
    toy = sound_events(toy_probabilities(), ["a", "b", "c"], 0.04, settings)
    smoothed_settings = {**settings, "threshold": 0.85, "release": 0.5, "smooth_seconds": 0.2}
    smoothed = sound_events(toy_probabilities(), ["a", "b", "c"], 0.04, smoothed_settings)
    detector = StudioDetector(OnnxPack(TEST_PACK_DIR, "fp32", threads=1))
    probabilities = detector.probabilities(separate_signal())
    rows = np.array_split(probabilities.astype(np.float64), SEGMENTS)
    return {
        "toy": {
            "settings": settings,
            "frame_seconds": 0.04,
            "events": [[e.label, round(e.start, 6), round(e.end, 6), round(e.confidence, 6)] for e in toy],
        },
        "toy_smoothed": {
            "settings": smoothed_settings,
            "frame_seconds": 0.04,
            "events": [[e.label, round(e.start, 6), round(e.end, 6), round(e.confidence, 6)] for e in smoothed],
        },
        "seconds": SEPARATE_SECONDS,
        "frames": int(probabilities.shape[0]),
        "segments": SEGMENTS,
        # Six significant digits: random weights give probabilities far under 1e-3.
        "segment_means": [float(f"{r.mean():.6e}") for r in rows],
        "top_tags": [[label, float(f"{p:.6e}")] for label, p in clip_tags(probabilities, detector.labels)[:5]],
    }


def compute_speech() -> dict:
    """The VAD's spans on closed-form probabilities, and its probabilities on the tones of separate_signal (5 s), frame
    after frame and in lanes."""
    from omni_model.model.speech import VoiceActivity, speech_spans

    toy = (0.5 + 0.5 * np.sin(np.arange(120) * 0.11) * np.sin(np.arange(120) * 0.023)).astype(np.float32)
    settings = {"on": 0.5, "off": 0.35, "bridge_seconds": 0.1, "min_seconds": 0.1}
    vad, signal = VoiceActivity(), separate_signal()[: 5 * RATE]
    lanes = {"min_frames": 48, "max": 4, "warm": 16}  # 157 frames in three lanes, as an hour runs in sixteen
    return {
        "toy": {"settings": settings, "spans": [[round(a, 6), round(b, 6), round(c, 6)] for a, b, c in speech_spans(toy, settings)]},
        "seconds": 5.0,
        "probabilities": [float(f"{v:.6e}") for v in vad.probabilities(signal)],
        "lanes": lanes,
        "probabilities_in_lanes": [float(f"{v:.6e}") for v in vad.probabilities(signal, lanes)],
    }


def toy_velocities(x: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
    """A stand-in DiT with a closed form (the same in sampler.test.ts): cond = x / 2 + t, uncond = x / 4 - t."""
    return (0.5 * x + np.float32(t)).astype(np.float32), (0.25 * x - np.float32(t)).astype(np.float32)


KNOWN = (
    np.array([0.5, -1.0, 0.25, 2.0, 0.0, -0.5], np.float32).reshape(2, 3),
    np.array([1.0, 0.0, 0.5, 1.0, 0.0, 0.0], np.float32).reshape(2, 3),
)


def compute_sampler() -> dict:
    from omni_model.model.sampler import gaussian_noise, sample_flow, timesteps

    rounded = lambda x: [round(float(v), 6) for v in np.ravel(x)]  # noqa: E731
    return {
        "noise": [{"seed": seed, "values": rounded(gaussian_noise(count, seed))} for seed, count in ((5, 7), (123456789, 16), (4294967295, 3))],
        "timesteps": [{"steps": n, "shift": shift, "values": rounded(timesteps(n, shift))} for n, shift in ((8, 3.0), (5, 1.0))],
        "flow": {
            "size": 6,
            "steps": 4,
            "shift": 2.0,
            "guidance": 3.0,
            "seed": 11,
            "x": rounded(sample_flow((2, 3), 4, 2.0, 3.0, 11, toy_velocities)),
        },
        # The same flow holding a known latent where the mask is 1 (and half of it where 0.5).
        "known": {
            "latent": [0.5, -1.0, 0.25, 2.0, 0.0, -0.5],
            "mask": [1.0, 0.0, 0.5, 1.0, 0.0, 0.0],
            "x": rounded(sample_flow((2, 3), 4, 2.0, 3.0, 11, toy_velocities, known=KNOWN)),
        },
    }


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(compute(), indent=1) + "\n")
    SEPARATE_FIXTURE.write_text(json.dumps(compute_separate(), indent=1) + "\n")
    SAMPLER_FIXTURE.write_text(json.dumps(compute_sampler(), indent=1) + "\n")
    DETECT_FIXTURE.write_text(json.dumps(compute_detect(), indent=1) + "\n")
    SPEECH_FIXTURE.write_text(json.dumps(compute_speech(), indent=1) + "\n")
    print(FIXTURE, SEPARATE_FIXTURE, SAMPLER_FIXTURE, DETECT_FIXTURE, SPEECH_FIXTURE)
