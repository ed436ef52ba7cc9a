"""Sound effects designed from their physics (procedural audio, after Farnell's "Designing Sound"): each category's
acoustic structure (an explosion's burst and falling rumble, an impact's transient and ringing modes, a drip's rising
resonance) drawn with new parameters for every clip. The game packages give a few dozen recordings per category, so
a model learns those files; these give as many distinct instances as asked, so what is common to a category is what
it can learn. Written by omni_data itself (CC0). Never shaped after the validation packages' sounds."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

import numpy as np
from scipy.signal import butter, sosfilt

from ..catalogue import SourceClip

PACKAGE = "omni-data-designed"
LICENCE = "CC0-1.0"
CREDIT = "Designed sound effects: procedural audio by omni_data (Omni Studio), CC0"
# Raised whenever a design changes what it draws, so that no catalogue cached from older designs is read back.
VERSION = 2

Rng = np.random.Generator


def _t(rate: int, seconds: float) -> np.ndarray:
    return np.arange(int(seconds * rate)) / rate


def _decay(rate: int, n: int, t60: float) -> np.ndarray:
    """n samples falling to -60 dB at t60 seconds."""
    return np.exp(-6.9 * np.arange(n) / rate / t60)


def _band(x: np.ndarray, rate: int, lo: float, hi: float, order: int = 2) -> np.ndarray:
    nyquist = rate / 2
    lo, hi = max(lo, 10.0), min(hi, 0.95 * nyquist)
    return sosfilt(butter(order, [lo / nyquist, hi / nyquist], btype="band", output="sos"), x)


def _low(x: np.ndarray, rate: int, hz: float) -> np.ndarray:
    return sosfilt(butter(2, min(hz, 0.95 * rate / 2) / (rate / 2), output="sos"), x)


def _modes(rate: int, seconds: float, freqs, t60s, amps, rng: Rng) -> np.ndarray:
    """Damped sinusoids: a struck object's ringing."""
    t = _t(rate, seconds)
    out = np.zeros_like(t)
    for f, d, a in zip(freqs, t60s, amps):
        if f < 0.45 * rate:
            out += a * np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi)) * np.exp(-6.9 * t / d)
    return out


def _place(out: np.ndarray, x: np.ndarray, at: int) -> None:
    n = min(len(x), len(out) - at)
    if n > 0:
        out[at : at + n] += x[:n]


def _strike(rate: int, rng: Rng, low: float, high: float, ring: float) -> np.ndarray:
    """An impact: a noise transient of a few ms and a few ringing modes between `low` and `high` Hz."""
    seconds = ring * 1.2 + 0.05
    burst = np.zeros(int(seconds * rate))
    length = int(rate * rng.uniform(0.003, 0.03))
    burst[:length] = rng.standard_normal(length) * np.linspace(1, 0, length)
    burst = _band(burst, rate, low * 0.5, high * 2)
    count = int(rng.integers(2, 7))
    freqs = np.exp(rng.uniform(np.log(low), np.log(high), count))
    ringing = _modes(rate, seconds, freqs, rng.uniform(0.3, 1.0, count) * ring, rng.uniform(0.2, 1.0, count), rng)
    return burst * rng.uniform(0.5, 2.0) + ringing * 0.3


def beep(rate: int, rng: Rng) -> np.ndarray:
    """One to four electronic tones (sine or square-ish), on and off sharply."""
    out, at = np.zeros(int(rate * 2.5)), 0
    f = rng.uniform(400, 3000)
    for _ in range(int(rng.integers(1, 5))):
        t = _t(rate, rng.uniform(0.05, 0.5))
        tone = np.sin(2 * np.pi * f * t)
        if rng.random() < 0.4:
            tone = np.tanh(4 * tone)
        ramp = np.minimum(1, np.minimum(t, t[-1] - t) / 0.004)
        _place(out, tone * ramp, at)
        at += len(t) + int(rate * rng.uniform(0.05, 0.3))
        if rng.random() < 0.3:
            f *= rng.choice([0.75, 1.25, 1.5])
    return out[:at]


def bell(rate: int, rng: Rng) -> np.ndarray:
    """A struck bell: inharmonic partials (hum, prime, tierce, quint, nominal...) with long decays, struck 1-3 times."""
    f0, seconds = rng.uniform(200, 1500), rng.uniform(1.0, 3.0)
    ratios = np.array([0.5, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.2]) * rng.uniform(0.97, 1.03, 8)
    out = np.zeros(int(seconds * rate))
    for k in range(int(rng.integers(1, 4))):
        ring = _modes(rate, seconds, f0 * ratios, rng.uniform(0.3, 2.5, 8) / ratios**0.5, rng.uniform(0.2, 1.0, 8), rng)
        _place(out, ring, int(k * rate * rng.uniform(0.3, 0.8)))
    return out


def explosion(rate: int, rng: Rng) -> np.ndarray:
    """A blast: a broadband burst whose brightness falls fast, a low thump, a rumbling tail and scattered debris."""
    seconds = rng.uniform(1.0, 3.0)
    t = _t(rate, seconds)
    noise = rng.standard_normal(len(t))
    cutoff = rng.uniform(2000, 6000)
    bright = _low(noise, rate, cutoff) * _decay(rate, len(t), rng.uniform(0.1, 0.4))
    rumble = _low(noise, rate, rng.uniform(150, 500)) * _decay(rate, len(t), rng.uniform(0.8, seconds)) * 3
    thump = np.sin(2 * np.pi * rng.uniform(35, 80) * t * np.exp(-t * rng.uniform(1, 4))) * _decay(rate, len(t), 0.4)
    attack = np.minimum(1, t / rng.uniform(0.001, 0.02))
    out = (bright + rumble + thump * rng.uniform(0.5, 2)) * attack
    for _ in range(int(rng.integers(0, 30))):  # debris
        _place(out, _strike(rate, rng, 300, 4000, 0.05) * rng.uniform(0.02, 0.2), int(rng.uniform(0.1, 0.9) * len(t)))
    return out


def impact(rate: int, rng: Rng) -> np.ndarray:
    """A hit: a thud (low modes, short ring) or a crack (bright, very short), once or twice."""
    heavy = rng.random() < 0.5
    low, high, ring = (50, 400, rng.uniform(0.05, 0.4)) if heavy else (300, 5000, rng.uniform(0.02, 0.2))
    out = np.zeros(int(rate * 1.2))
    for k in range(1 if rng.random() < 0.7 else 2):
        _place(out, _strike(rate, rng, low, high, ring), int(k * rate * rng.uniform(0.1, 0.4)))
    return out


def footsteps(rate: int, rng: Rng) -> np.ndarray:
    """Two to eight steps at walking or running pace, each heel then toe, on a surface of its own (resonant or gritty)."""
    interval, gritty = rng.uniform(0.28, 0.7), rng.random() < 0.5
    low, high = (200, 3000) if gritty else (80, 1200)
    steps = int(rng.integers(2, 9))
    out = np.zeros(int(rate * (interval * steps + 0.5)))
    for k in range(steps):
        at = int(rate * (k * interval + rng.uniform(-0.03, 0.03)) + rate * 0.03)
        for part, gain in ((0.0, 1.0), (rng.uniform(0.03, 0.09), rng.uniform(0.3, 0.8))):
            hit = _strike(rate, rng, low, high, rng.uniform(0.03, 0.1))
            if gritty:
                hit = hit + _band(rng.standard_normal(len(hit)), rate, 1000, 6000) * _decay(rate, len(hit), 0.06) * 0.5
            _place(out, hit * gain * rng.uniform(0.6, 1.0), max(0, at + int(part * rate)))
    return out


def weapon(rate: int, rng: Rng) -> np.ndarray:
    """Gunfire: a sharp crack, a noise burst and its echo; one shot, a few, or an automatic burst."""
    shots = 1 if rng.random() < 0.4 else int(rng.integers(3, 20))
    period = rng.uniform(0.06, 0.14) if shots > 2 else rng.uniform(0.3, 0.8)
    tail = rng.uniform(0.1, 0.5)
    out = np.zeros(int(rate * (period * shots + tail + 0.2)))
    for k in range(shots):
        n = int(rate * (tail + 0.1))
        shot = rng.standard_normal(n) * _decay(rate, n, rng.uniform(0.04, 0.2))
        shot = _low(shot, rate, rng.uniform(2500, 7000))
        shot[: int(rate * 0.002)] *= 4
        echo = _low(rng.standard_normal(n), rate, 800) * _decay(rate, n, tail) * 0.3
        _place(out, shot + echo, int(rate * k * period * rng.uniform(0.95, 1.05)))
    return out


def _drip(rate: int, rng: Rng) -> np.ndarray:
    """A drop into water: a resonance whose pitch rises as the bubble shrinks."""
    seconds = rng.uniform(0.02, 0.08)
    t = _t(rate, seconds)
    f0, rise = rng.uniform(400, 1500), rng.uniform(1.5, 4.0)
    freq = f0 * rise ** (t / seconds)
    return np.sin(2 * np.pi * np.cumsum(freq) / rate) * np.exp(-t / (seconds / 3))


def water(rate: int, rng: Rng) -> np.ndarray:
    """Drips, a splash (a noise burst full of bubbles) or a trickle."""
    kind = rng.integers(3)
    seconds = rng.uniform(0.6, 2.5)
    out = np.zeros(int(rate * seconds))
    if kind == 1:
        n = int(rate * rng.uniform(0.3, 0.8))
        _place(out, _band(rng.standard_normal(n), rate, 300, 5000) * _decay(rate, n, n / rate) * 0.6, 0)
    drops = {0: int(rng.integers(2, 8)), 1: int(rng.integers(10, 40)), 2: int(seconds * rng.uniform(20, 60))}[int(kind)]
    for _ in range(drops):
        _place(out, _drip(rate, rng) * rng.uniform(0.2, 1.0), int(rng.uniform(0, 0.9) * len(out)))
    if kind == 2:
        out += _band(rng.standard_normal(len(out)), rate, 500, 4000) * 0.05
    return out


def _harmonics(rate: int, seconds: float, f0: np.ndarray | float, count: int, tilt: float, rng: Rng) -> np.ndarray:
    """A buzz: `count` harmonics of a (possibly gliding) fundamental, falling by `tilt` per harmonic."""
    t = _t(rate, seconds)
    f = np.broadcast_to(np.asarray(f0, float), t.shape)
    phase = 2 * np.pi * np.cumsum(f) / rate
    out = np.zeros_like(t)
    for h in range(1, count + 1):
        out += np.where(f * h < 0.45 * rate, np.sin(h * phase + rng.uniform(0, 2 * np.pi)), 0) * tilt ** (h - 1)
    return out


def _fade(x: np.ndarray, rate: int, rng: Rng) -> np.ndarray:
    t = np.arange(len(x)) / rate
    return x * np.minimum(1, np.minimum(t, t[-1] - t) / rng.uniform(0.02, 0.3))


def machine(rate: int, rng: Rng) -> np.ndarray:
    """A running motor or hum: a steady harmonic drone with slow wobble and mechanical noise."""
    seconds = rng.uniform(1.5, 3.0)
    t = _t(rate, seconds)
    f0 = rng.uniform(40, 200) * (1 + 0.01 * np.sin(2 * np.pi * rng.uniform(0.2, 2) * t))
    hum = _harmonics(rate, seconds, f0, int(rng.integers(4, 20)), rng.uniform(0.5, 0.9), rng)
    noise = _band(rng.standard_normal(len(t)), rate, 200, 3000) * rng.uniform(0.05, 0.4)
    return _fade(hum + noise, rate, rng)


def power_tool(rate: int, rng: Rng) -> np.ndarray:
    """A drill or grinder (a whine spinning up, grinding noise beating with it) or a jackhammer (fast metal blows)."""
    seconds = rng.uniform(1.0, 2.5)
    t = _t(rate, seconds)
    if rng.random() < 0.6:
        top = rng.uniform(150, 500)
        f0 = top * (1 - 0.6 * np.exp(-t / rng.uniform(0.05, 0.4)))
        whine = _harmonics(rate, seconds, f0, 12, rng.uniform(0.6, 0.9), rng)
        grind = _band(rng.standard_normal(len(t)), rate, 1000, 7000) * (1 + np.sin(2 * np.pi * np.cumsum(f0) / rate))
        return _fade(whine + grind * rng.uniform(0.2, 1.0), rate, rng)
    out, rate_hz = np.zeros(len(t)), rng.uniform(12, 30)
    for k in range(int(seconds * rate_hz)):
        _place(out, _strike(rate, rng, 400, 4000, 0.04), int(rate * k / rate_hz))
    return out + _band(rng.standard_normal(len(t)), rate, 100, 800) * 0.1


def hand_tool(rate: int, rng: Rng) -> np.ndarray:
    """Hammering (a few blows ringing like metal or thudding like wood) or sawing (strokes of filtered noise)."""
    if rng.random() < 0.6:
        metal = rng.random() < 0.5
        blows, interval = int(rng.integers(2, 7)), rng.uniform(0.25, 0.7)
        out = np.zeros(int(rate * (blows * interval + 0.5)))
        for k in range(blows):
            hit = _strike(rate, rng, *((800, 5000, 0.3) if metal else (150, 1500, 0.08)))
            _place(out, hit, int(rate * k * interval * rng.uniform(0.9, 1.1)))
        return out
    seconds, stroke = rng.uniform(1.5, 3.0), rng.uniform(0.25, 0.6)
    t = _t(rate, seconds)
    envelope = np.abs(np.sin(np.pi * t / stroke)) ** 0.5
    return _band(rng.standard_normal(len(t)), rate, rng.uniform(800, 2000), rng.uniform(3000, 7000)) * envelope


def aircraft(rate: int, rng: Rng) -> np.ndarray:
    """A plane passing: an engine's drone and its roar swelling and falling, its pitch dropping as it goes by."""
    seconds = rng.uniform(2.0, 3.0)
    t = _t(rate, seconds)
    middle = rng.uniform(0.3, 0.7) * seconds
    doppler = 1 + 0.08 * np.tanh((middle - t) / rng.uniform(0.2, 0.6))
    drone = _harmonics(rate, seconds, rng.uniform(40, 120) * doppler, 15, 0.8, rng)
    roar = _band(rng.standard_normal(len(t)), rate, 200, rng.uniform(2000, 6000)) * rng.uniform(0.3, 2.0)
    swell = np.exp(-(((t - middle) / rng.uniform(0.6, 1.5)) ** 2))
    return (drone + roar) * swell


def fire(rate: int, rng: Rng) -> np.ndarray:
    """Burning: crackles and pops over a low roar, or a flamethrower's steady rushing blast."""
    seconds = rng.uniform(1.5, 3.0)
    t = _t(rate, seconds)
    flicker = 1 + 0.4 * _low(rng.standard_normal(len(t)), rate, 4)
    roar = _low(rng.standard_normal(len(t)), rate, rng.uniform(300, 1500)) * flicker * rng.uniform(0.2, 1.0)
    if rng.random() < 0.3:  # a jet of flame
        return _fade(roar * 2 + _band(rng.standard_normal(len(t)), rate, 500, 6000) * flicker, rate, rng)
    out = roar
    for _ in range(int(seconds * rng.uniform(5, 40))):
        n = int(rate * rng.uniform(0.001, 0.008))
        pop = _band(rng.standard_normal(n), rate, 1000, 7000) * rng.uniform(0.3, 3.0)
        _place(out, pop, int(rng.uniform(0, 1) * len(t)))
    return out


def wind(rate: int, rng: Rng) -> np.ndarray:
    """Wind: noise through a resonance that wanders in pitch, in gusts."""
    seconds = rng.uniform(2.0, 3.0)
    t = _t(rate, seconds)
    noise = rng.standard_normal(len(t))
    gust = 0.5 + 0.5 * np.sin(2 * np.pi * rng.uniform(0.1, 0.5) * t + rng.uniform(0, 6))
    out = np.zeros_like(t)
    for lo, hi in ((200, 500), (400, 900), (800, 1600)):
        out += _band(noise, rate, lo * rng.uniform(0.7, 1.3), hi * rng.uniform(0.7, 1.3), order=1) * rng.uniform(0.2, 1)
    return _fade(out * gust, rate, rng)


def rain(rate: int, rng: Rng) -> np.ndarray:
    """Rain: a hiss of countless tiny drops with larger ones among them."""
    seconds = rng.uniform(2.0, 3.0)
    t = _t(rate, seconds)
    out = _band(rng.standard_normal(len(t)), rate, rng.uniform(800, 3000), 7500) * rng.uniform(0.1, 0.4)
    for _ in range(int(seconds * rng.uniform(30, 120))):
        _place(out, _drip(rate, rng) * rng.uniform(0.05, 0.4), int(rng.uniform(0, 1) * len(t)))
    return _fade(out, rate, rng)


def glass(rate: int, rng: Rng) -> np.ndarray:
    """Glass: a bright ringing strike, then (breaking) a shower of small tinkling shards."""
    out = np.zeros(int(rate * rng.uniform(0.8, 2.0)))
    _place(out, _strike(rate, rng, 2000, 7000, rng.uniform(0.2, 0.8)), 0)
    if rng.random() < 0.7:
        for _ in range(int(rng.integers(5, 40))):
            shard = _strike(rate, rng, 2500, 7500, rng.uniform(0.03, 0.15)) * rng.uniform(0.05, 0.5)
            _place(out, shard, int(rng.uniform(0.02, 0.8) * len(out)))
    return out


def car_horn(rate: int, rng: Rng) -> np.ndarray:
    """A horn: two reedy tones a third or so apart, honked once or a few times."""
    f0, out, at = rng.uniform(280, 520), np.zeros(int(rate * 2.5)), 0
    for _ in range(int(rng.integers(1, 4))):
        seconds = rng.uniform(0.15, 0.9)
        tone = sum(np.tanh(3 * _harmonics(rate, seconds, f0 * r, 6, 0.7, rng)) for r in (1.0, rng.uniform(1.19, 1.27)))
        tone = _band(tone, rate, 250, 4000)
        _place(out, _fade(tone, rate, rng), at)
        at += len(tone) + int(rate * rng.uniform(0.08, 0.3))
    return out[:at]


def bird(rate: int, rng: Rng) -> np.ndarray:
    """Birdsong: phrases of fast chirps (frequency sweeps of a near-pure whistle), trills and warbles, 2-8 kHz."""
    out, at = np.zeros(int(rate * 3.0)), int(rate * rng.uniform(0, 0.2))
    while at < len(out) - rate // 4:
        seconds = rng.uniform(0.03, 0.15)
        t = _t(rate, seconds)
        lo, hi = sorted(rng.uniform(1800, 0.45 * min(rate, 16000), 2))
        sweep = lo + (hi - lo) * (t / seconds if rng.random() < 0.5 else 1 - t / seconds)
        warble = 1 + rng.uniform(0, 0.05) * np.sin(2 * np.pi * rng.uniform(20, 80) * t)
        chirp = np.sin(2 * np.pi * np.cumsum(sweep * warble) / rate) * np.sin(np.pi * t / seconds) ** 2
        for _ in range(int(rng.integers(1, 6))):  # a trill repeats its note
            _place(out, chirp * rng.uniform(0.4, 1.0), at)
            at += len(chirp) + int(rate * rng.uniform(0.01, 0.06))
        at += int(rate * rng.uniform(0.05, 0.6))
    return out[:at]


def helicopter(rate: int, rng: Rng) -> np.ndarray:
    """A helicopter: the rotor's blade slaps (a low thump 10-25 times a second) over a turbine's whine and roar."""
    seconds = rng.uniform(2.0, 3.0)
    t = _t(rate, seconds)
    slap_rate = rng.uniform(10, 25)
    slaps = np.maximum(0, np.sin(2 * np.pi * slap_rate * t)) ** rng.uniform(4, 12)
    rotor = _low(rng.standard_normal(len(t)), rate, rng.uniform(300, 1200)) * slaps * 3
    whine = _harmonics(rate, seconds, rng.uniform(800, 2500), 3, 0.4, rng) * rng.uniform(0.02, 0.15)
    roar = _band(rng.standard_normal(len(t)), rate, 100, 3000) * 0.2
    return _fade(rotor + whine + roar, rate, rng)


def train(rate: int, rng: Rng) -> np.ndarray:
    """A train: wheels clacking over rail joints in pairs, a rumbling body, now and then a horn's chord."""
    seconds = rng.uniform(2.0, 3.0)
    t = _t(rate, seconds)
    out = _low(rng.standard_normal(len(t)), rate, rng.uniform(200, 600)) * rng.uniform(0.3, 1.0)
    period, pair = rng.uniform(0.4, 1.0), rng.uniform(0.08, 0.2)
    for k in range(int(seconds / period) + 1):
        for lag in (0.0, pair):
            _place(out, _strike(rate, rng, 150, 2000, 0.08) * rng.uniform(0.5, 1.0), int(rate * (k * period + lag)))
    if rng.random() < 0.3:
        f0 = rng.uniform(200, 400)
        horn = sum(_harmonics(rate, seconds * 0.6, f0 * r, 8, 0.7, rng) for r in (1.0, 1.26, 1.5))
        _place(out, _fade(horn, rate, rng) * 0.3, int(rate * rng.uniform(0, seconds * 0.4)))
    return out


def applause(rate: int, rng: Rng) -> np.ndarray:
    """Applause: many hands clapping at their own pace, each clap a short bright noise burst."""
    seconds = rng.uniform(2.0, 3.0)
    out = np.zeros(int(rate * seconds))
    for _ in range(int(rng.integers(3, 40))):  # clappers
        pace, at = rng.uniform(2.5, 6.0), rng.uniform(0, 0.3)
        tone = (rng.uniform(500, 1500), rng.uniform(2000, 6000))
        while at < seconds:
            n = int(rate * rng.uniform(0.005, 0.02))
            clap = _band(rng.standard_normal(n), rate, *tone) * np.linspace(1, 0, n)
            _place(out, clap * rng.uniform(0.3, 1.0), int(rate * at))
            at += rng.normal(1 / pace, 0.02 / pace)
    return _fade(out, rate, rng)


def door(rate: int, rng: Rng) -> np.ndarray:
    """A door: a creaking hinge (stick-slip pulses whose rate wanders) and/or its slam (a heavy wooden hit)."""
    out = np.zeros(int(rate * 3.0))
    at = 0
    if rng.random() < 0.6:
        seconds = rng.uniform(0.4, 1.5)
        t = _t(rate, seconds)
        pulse_rate = rng.uniform(30, 300) * (1 + 0.5 * np.sin(2 * np.pi * rng.uniform(0.5, 2) * t))
        phase = np.cumsum(pulse_rate) / rate
        pulses = (np.diff(np.floor(phase), prepend=0) > 0).astype(float)
        creak = _band(pulses, rate, rng.uniform(300, 800), rng.uniform(1500, 4000)) * np.sin(np.pi * t / seconds)
        _place(out, creak * 4, 0)
        at = len(t)
    if at == 0 or rng.random() < 0.6:
        _place(out, _strike(rate, rng, 60, 600, rng.uniform(0.1, 0.3)) * 2, at)
        at += int(rate * 0.6)
    return out[:at]


def road_vehicle(rate: int, rng: Rng) -> np.ndarray:
    """A car or truck driving by: an engine's firing harmonics rising and falling with the revs, tyre noise, a pass."""
    seconds = rng.uniform(2.0, 3.0)
    t = _t(rate, seconds)
    revs = rng.uniform(20, 60) * (1 + rng.uniform(0, 0.6) * np.sin(np.pi * t / seconds))
    engine = np.tanh(2 * _harmonics(rate, seconds, revs, 20, 0.8, rng))
    tyres = _band(rng.standard_normal(len(t)), rate, 300, 3000) * rng.uniform(0.1, 0.6)
    middle = rng.uniform(0.3, 0.7) * seconds
    swell = 0.2 + np.exp(-(((t - middle) / rng.uniform(0.5, 1.5)) ** 2))
    return (engine + tyres) * swell


DESIGNS: dict[str, Callable[[int, Rng], np.ndarray]] = {
    "beep": beep,
    "bell": bell,
    "explosion": explosion,
    "impact": impact,
    "footsteps": footsteps,
    "weapon": weapon,
    "water": water,
    "machine": machine,
    "power_tool": power_tool,
    "hand_tool": hand_tool,
    "aircraft": aircraft,
    "fire": fire,
    "wind": wind,
    "rain": rain,
    "glass": glass,
    "car_horn": car_horn,
    "bird": bird,
    "helicopter": helicopter,
    "train": train,
    "applause": applause,
    "door": door,
    "road_vehicle": road_vehicle,
}


def design(category: str, index: int, rate: int, seed: int) -> np.ndarray:
    """Clip `index` of `category`: the same every time for one seed, at a peak of 0.5 (the mixing sets the level)."""
    rng = np.random.default_rng([seed, index, zlib.crc32(category.encode())])  # a category's clips stay as others come
    audio = np.asarray(DESIGNS[category](rate, rng), np.float64)
    peak = float(np.max(np.abs(audio))) if len(audio) else 0.0
    return (0.5 * audio / peak if peak > 0 else audio).astype(np.float32)


def read(rate: int, per_category: int, seed: int) -> Iterator[tuple[SourceClip, np.ndarray]]:
    for category in sorted(DESIGNS):
        for index in range(per_category):
            name = f"designed/{category}/{index:03d}"
            clip = SourceClip(
                id=name,
                source=PACKAGE,
                group=name,
                category=category,
                caption=category.replace("_", " "),
                licence=LICENCE,
                credit=CREDIT,
            )
            yield clip, design(category, index, rate, seed)
