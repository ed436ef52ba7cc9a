"""The paper's mixing parameters, measured on rendered audio."""

import numpy as np
import pytest

from omni_data.audio import rms
from omni_data.effects import pitch_shift, time_stretch
from omni_data.mixing import EventPlacement, MixRecipe, headroom_scale, quantize_pair, render_layers

RATE = 16000


def tone(freq: float, seconds: float, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * RATE / len(x))


@pytest.mark.parametrize("semitones", [-3.0, -1.5, 2.0, 3.0])
def test_pitch_shift_moves_the_frequency_and_keeps_the_length(semitones):
    x = tone(440, 2.0)
    y = pitch_shift(x, semitones, RATE)
    assert len(y) == len(x)
    assert dominant_hz(y) == pytest.approx(440 * 2 ** (semitones / 12), rel=0.01)


@pytest.mark.parametrize("factor", [0.8, 0.9, 1.1, 1.2])
def test_time_stretch_changes_the_length_and_keeps_the_pitch(factor):
    x = tone(440, 2.0)
    y = time_stretch(x, factor)
    assert len(y) == round(len(x) * factor)
    assert dominant_hz(y) == pytest.approx(440, rel=0.01)
    assert rms(y[2000:-2000]) == pytest.approx(rms(x), rel=0.1)


def noise(seconds: float, seed: int, amp: float = 0.1) -> np.ndarray:
    return (amp * np.random.default_rng(seed).standard_normal(int(RATE * seconds))).astype(np.float32)


def render(snr: float, onset: int, pitch: float = 0.0, stretch: float = 1.0):
    sources = {"bg": noise(3.0, 1), "ev": tone(700, 1.0, 0.3)}
    event = EventPlacement("ev", 0, RATE // 2, pitch, stretch, onset, snr)
    recipe = MixRecipe("bg", 123, RATE * 4, -20.0, (event,))
    layers, background = render_layers(recipe, sources, RATE)
    target = np.sum(layers, axis=0)
    return quantize_pair(target, background, headroom_scale(target + background)), event


@pytest.mark.parametrize("snr", [0.0, 1.3, 3.0])
def test_snr_is_within_a_tenth_of_a_db_of_the_request(snr):
    (t, r, _), event = render(snr, onset=RATE, pitch=2.0, stretch=1.1)
    span = slice(event.onset, event.onset + round(event.crop_length * event.stretch))
    measured = 20 * np.log10(rms(t[span].astype(np.float64)) / rms(r[span].astype(np.float64)))
    assert measured == pytest.approx(snr, abs=0.1)


def test_the_event_starts_at_its_onset():
    (t, _, _), _ = render(1.0, onset=RATE + 321)
    nonzero = np.flatnonzero(t)
    assert nonzero[0] >= RATE + 321
    assert nonzero[0] <= RATE + 321 + RATE // 100  # within 10 ms: the stretched attack may start quietly


def test_mixture_is_target_plus_residual_to_the_sample():
    (t, r, m), _ = render(2.0, onset=5000)
    assert m.dtype == np.int16
    assert np.array_equal(m.astype(np.int32), t.astype(np.int32) + r.astype(np.int32))


def test_loud_mixes_are_scaled_under_the_ceiling_instead_of_clipping():
    loud = np.ones(100, np.float32) * 0.9
    t, r, m = quantize_pair(loud, loud, headroom_scale(loud + loud))
    assert np.abs(m.astype(np.int32)).max() < 32767
    assert np.array_equal(m.astype(np.int32), t.astype(np.int32) + r.astype(np.int32))
