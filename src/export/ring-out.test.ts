import { describe, expect, it } from 'vitest';
import type { TrackEffect } from '../dsp/effect-chain';
import { newTrackEffect } from '../project/track-effects';
import { emptyProject, newTrack } from '../project/types';
import { exportTail, heardEnd } from './ring-out';

const RATE = 1000;
const reverb = (decaySeconds: number): TrackEffect => ({ ...newTrackEffect('reverb'), decaySeconds }) as TrackEffect;

describe('ring out', () => {
  it("is the longest track's tail, then a bus's and the master's after it; none without effects", () => {
    const [a, b] = [newTrack(0), newTrack(1)];
    const project = {
      ...emptyProject(RATE),
      tracks: [
        { ...a, effects: [reverb(2)] },
        { ...b, effects: [reverb(1)] },
      ],
      buses: [{ id: 'bus', name: 'Bus 1', gainDb: 0, effects: [reverb(4)] }],
      master: { gainDb: 0, effects: [newTrackEffect('limiter')] },
    };
    // Each chain: 0.25 s and a reverb's decay half again (ringOutSeconds).
    expect(exportTail(project)).toBe((3.25 + 6.25 + 0.25) * RATE);
    expect(exportTail(project, [b.id])).toBe(1.75 * RATE); // a track alone: its own chain
    const off = {
      ...project,
      tracks: project.tracks.map((t) => ({ ...t, effects: [{ ...t.effects[0], on: false }] })),
    };
    expect(exportTail({ ...off, buses: [], master: undefined })).toBe(0);
    const muted = { ...project, tracks: [{ ...project.tracks[0], mute: true }, project.tracks[1]] };
    expect(exportTail(muted, undefined)).toBe((1.75 + 6.25 + 0.25) * RATE); // the muted track is not heard
  });

  it('the sound ends after its last sample over -100 dBFS, never before the range it was asked for', () => {
    const left = Float32Array.from([0.5, 0, 0, 2e-5, 0, 0]);
    const right = Float32Array.from([0, 0, 0, 0, -3e-5, 1e-6]);
    expect(heardEnd([left, right], 2)).toBe(5);
    expect(heardEnd([left], 2)).toBe(4);
    expect(heardEnd([new Float32Array(6)], 2)).toBe(2);
    expect(heardEnd([left, right], 6)).toBe(6);
  });
});
