import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { clipTags, gateSilence, labelRuns, type RegionSettings, runningMedian, soundEvents } from './sound-events';

interface ToyCase {
  settings: RegionSettings;
  frame_seconds: number;
  events: [string, number, number, number][];
}

interface Fixture {
  toy: ToyCase;
  toy_smoothed: ToyCase;
}

/** The same formula as training/omni_model/packing/parity.py toy_probabilities: [50 frames, 3 labels]. */
const toy = Float32Array.from({ length: 150 }, (_, i) => {
  const f = Math.floor(i / 3),
    k = i % 3;
  return 0.5 + 0.5 * Math.sin(f * (0.3 + 0.2 * k) + k);
});

describe('sound events from frame probabilities', () => {
  it('holds nothing in frames quieter than the silence level, before the input gain', () => {
    // Three frames of 4 samples: digital silence, -80 dBFS, -20 dBFS; two labels each at 0.9.
    const source = Float32Array.from([0, 0, 0, 0, 1e-4, -1e-4, 1e-4, -1e-4, 0.1, -0.1, 0.1, -0.1]);
    const gated = gateSilence(new Float32Array(6).fill(0.9), 2, source, 4, -70);
    expect(Array.from(gated)).toEqual([0, 0, 0, 0, 0.9, 0.9].map(Math.fround));
    expect(Array.from(gateSilence(new Float32Array(6).fill(0.9), 2, source, 4, undefined))).toEqual(
      new Array(6).fill(Math.fround(0.9)),
    );
  });
  it('joins runs over short pauses and keeps long ones apart', () => {
    const on = [1, 1, 0, 1, 0, 0, 0, 1];
    expect(labelRuns((f) => on[f] === 1, on.length, 1)).toEqual([
      [0, 4],
      [7, 8],
    ]);
    expect(labelRuns((f) => on[f] === 1, on.length, 3)).toEqual([[0, 8]]);
  });

  it('drops regions shorter than the minimum and gives each its highest probability', () => {
    const p = Float32Array.from([0.9, 0.6, 0, 0, 0.8, 0, 0, 0]); // 8 frames, 1 label
    const events = soundEvents(p, ['dog'], 0.1, { threshold: 0.5, bridge_seconds: 0, min_seconds: 0.15 });
    expect(events).toHaveLength(1);
    expect(events[0].label).toBe('dog');
    expect(events[0].start).toBeCloseTo(0, 9);
    expect(events[0].end).toBeCloseTo(0.2, 9);
    expect(events[0].confidence).toBeCloseTo(0.9, 6);
  });

  it('keeps a region while it stays over the release, once it has reached the threshold', () => {
    const p = Float32Array.from([0.5, 0.9, 0.6, 0.55, 0.2, 0.6, 0.6, 0]); // the second bump never reaches 0.8
    const events = soundEvents(p, ['dog'], 0.1, { threshold: 0.8, release: 0.5, bridge_seconds: 0, min_seconds: 0 });
    expect(events.map((e) => [e.start, e.end].map((t) => Math.round(t * 10)))).toEqual([[0, 4]]);
  });

  it('smooths each label by a running median with the edges repeated', () => {
    const p = Float32Array.from([0, 1, 0, 0, 1, 1, 1, 0]);
    expect(Array.from(runningMedian(p, 1, 0, 3))).toEqual([0, 0, 0, 0, 1, 1, 1, 0]);
  });

  it.each(['toy', 'toy_smoothed'] as const)(
    "gives the evaluation's regions (training/omni_model/model/sound_events.py) on the shared %s fixture",
    async (name) => {
      const fixture = JSON.parse(await readFile('src/understanding/sound-events.parity.json', 'utf8')) as Fixture;
      const { settings, frame_seconds, events: expected } = fixture[name];
      const events = soundEvents(toy, ['a', 'b', 'c'], frame_seconds, settings);
      expect(events.length).toBe(expected.length);
      events.forEach((e, i) => {
        const [label, start, end, confidence] = expected[i];
        expect(e.label).toBe(label);
        expect(e.start).toBeCloseTo(start, 5);
        expect(e.end).toBeCloseTo(end, 5);
        expect(e.confidence).toBeCloseTo(confidence, 5);
      });
    },
  );

  it('tags a clip by each label’s highest probability, most likely first', () => {
    const p = Float32Array.from([0.1, 0.7, 0.3, 0.2, 0.4, 0.9]); // 2 frames x 3 labels
    expect(clipTags(p, ['a', 'b', 'c']).map((t) => t.label)).toEqual(['c', 'b', 'a']);
  });
});
