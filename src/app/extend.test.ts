import { describe, expect, it } from 'vitest';
import { extendPlan, JOIN_FADE_SECONDS, keySource, regionPlan } from './extend';

const rate = 1000;
const fade = JOIN_FADE_SECONDS * rate;

describe('where new material goes', () => {
  it('extends forwards from the last beat before the clip’s end, seeing up to the context of the clip', () => {
    const clip = { start: 2000, length: 10_000 }; // 2 s to 12 s
    const grid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 2000 }; // beats every 500 samples from 2 s
    expect(extendPlan(clip, grid, 'forward', 5000, rate)).toEqual({
      range: { start: 11_500, end: 17_000 },
      before: 5000,
      after: 0,
      clamped: false,
    });
    // Without a beat grid, the crossfade simply ends at the clip's end.
    expect(extendPlan(clip, null, 'forward', 5000, rate)?.range).toEqual({ start: 12_000 - fade, end: 17_000 });
  });

  it('extends backwards up to the first beat after the clip’s start, and clamps at the project’s start', () => {
    const clip = { start: 3000, length: 10_000 };
    const plan = extendPlan(clip, { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 }, 'backward', 5000, rate);
    expect(plan).toEqual({ range: { start: 0, end: 3500 }, before: 0, after: 5000, clamped: true });
  });

  it('refuses a clip too short to hear', () => {
    expect(extendPlan({ start: 0, length: 300 }, null, 'forward', 5000, rate)).toBeNull();
  });

  it('regenerates a region seeing what is on either side, up to the context', () => {
    expect(regionPlan({ start: 1000, end: 4000 }, 20_000, rate)).toEqual({
      range: { start: 1000, end: 4000 },
      before: 1000,
      after: 5000,
      clamped: false,
    });
  });

  it('takes the key a new part joins from Analyze, else from the known audio on both sides', () => {
    const audio = Float32Array.from({ length: 10 }, (_, i) => i);
    expect(keySource({ musicKey: 'F# minor' }, { audio, from: 3, to: 8 })).toEqual({ key: 'F#', mode: 'minor' });
    expect(keySource({}, { audio, from: 3, to: 8 })).toEqual({ heardIn: Float32Array.from([0, 1, 2, 8, 9]) });
  });
});
