import { describe, expect, it } from 'vitest';
import { momentarySeries } from '../dsp/loudness';
import { noise } from '../dsp/signals';
import type { AssetStore } from '../project/asset-store';
import { mixdown } from '../project/mixdown';
import type { Project } from '../project/types';
import { rideVocal } from './ride';
import { tracksStudio } from './tracks.fixture';

const RATE = 16000;
const SECONDS = 9;

/** A voice-like line (a 300 Hz tone swelling five times a second) in three phrases of 3 s, at -28, -20 and -24 dBFS
 * peaks, over steady noise (the music). */
function session() {
  const levels = [-28, -20, -24];
  const voice = Float32Array.from({ length: SECONDS * RATE }, (_, i) => {
    const t = i / RATE;
    const peak = 10 ** (levels[Math.floor(t / 3)] / 20);
    return peak * Math.sin(2 * Math.PI * 300 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 5 * t));
  });
  const { store, assets, services, ids } = tracksStudio(
    { Vocal: [voice], Music: [noise('pink', 0.08, SECONDS * RATE)] },
    RATE,
  );
  return { store, assets, services, vocal: ids[0], music: ids[1] };
}

/** The median momentary loudness of one track as heard (its fader and lane), phrase by phrase, LUFS. */
function phrases(project: Project, assets: AssetStore, trackId: string): number[] {
  const heard = mixdown(project, assets, {
    range: { start: 0, end: SECONDS * RATE },
    trackIds: [trackId],
    stereo: true,
  });
  const { loudness } = momentarySeries(heard, RATE);
  return [0, 1, 2].map((p) => {
    const inside = [...loudness.slice(p * 30 + 8, p * 30 + 26)].sort((a, b) => a - b); // 0.8-2.6 s into each
    return inside[Math.floor(inside.length / 2)];
  });
}

describe('Ride vocal', () => {
  it("writes the voice's volume lane so each phrase sits 3 LU over the music, in one undo step", () => {
    const { store, assets, services, vocal, music } = session();
    store.getState().selectRange({ start: 0, end: SECONDS * RATE, trackIds: [vocal] });
    const before = store.getState().project;
    const bed = phrases(before, assets, music);
    const over = (p: Project) => phrases(p, assets, vocal).map((l, k) => l - bed[k]);
    expect(Math.max(...over(before)) - Math.min(...over(before))).toBeGreaterThan(7);
    expect(rideVocal(services)).toBe(true);
    const after = store.getState().project;
    expect(store.getState().history.past.at(-1)?.label).toBe('Ride vocal');
    const ridden = over(after);
    for (const lu of ridden) expect(Math.abs(lu - 3)).toBeLessThan(1);
    expect(after.tracks[0].volume?.length).toBeGreaterThan(3);
    expect(after.tracks[0].clips).toBe(before.tracks[0].clips); // the audio is not changed
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Rode "Vocal" 3 LU over the rest of the mix/);
  });

  it('says there is nothing to ride against where the voice is the only track heard', () => {
    const { store, services, vocal, music } = session();
    const tracks = store.getState().project.tracks.map((t) => (t.id === music ? { ...t, mute: true } : t));
    store.getState().commit('Mute', { ...store.getState().project, tracks });
    store.getState().selectRange({ start: 0, end: SECONDS * RATE, trackIds: [vocal] });
    expect(rideVocal(services)).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toContain('Nothing to ride against');
  });
});
