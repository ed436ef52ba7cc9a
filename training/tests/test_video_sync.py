"""The video-to-audio measure: procedural renders whose picture causes their sound, and onset synchronisation."""

from __future__ import annotations

import random

import numpy as np

from omni_data.video_renders import FPS, SECONDS, SIZE, event_times, frames_for, onset_of
from omni_model.evaluation.evaluate_sync import onsets, sync

RATE = 16000


def test_events_sit_on_frames_apart_and_the_picture_flashes_there():
    times = event_times(random.Random(3))
    assert 2 <= len(times) <= 5 and all(b - a >= 0.6 for a, b in zip(times, times[1:]))
    assert all(abs(t * FPS - round(t * FPS)) < 1e-9 for t in times)
    video = frames_for(times, random.Random(4))
    assert video.shape == (int(SECONDS * FPS), SIZE, SIZE, 3)
    brightness = video.reshape(len(video), -1).max(axis=1)
    flashes = {round(t * FPS) for t in times}
    assert all(brightness[f] == 255 for f in flashes)
    assert brightness[[f for f in range(len(video)) if all(abs(f - e) > 1 for e in flashes)]].max() < 255


def test_onsets_are_heard_where_hits_are_placed_and_scored_against_the_events():
    audio = 0.001 * np.random.default_rng(0).standard_normal(4 * RATE).astype(np.float32)
    hits = [0.5, 1.7, 3.1]
    for t in hits:
        at = int(t * RATE)
        audio[at : at + 1600] += np.exp(-np.arange(1600) / 300) * np.sin(np.arange(1600) * 0.7)
    found = onsets(audio, RATE)
    assert len(found) == 3 and np.max(np.abs(found - hits)) < 0.03
    scored = sync(found, hits)
    assert scored["onsets_near_event"] == 1.0 and scored["events_met"] == 1.0 and scored["offset_ms"] < 30
    assert sync(found, [1.0, 2.4])["events_met"] == 0.0
    assert onset_of(audio[int(1.6 * RATE) :], RATE) == int(0.1 * RATE)
