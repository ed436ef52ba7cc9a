import { describe, expect, it } from 'vitest';
import { findSimilar } from '../dsp/find-similar';
import { knock, RATE, scene, whistle } from '../dsp/similar.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { attenuateSimilar, findSimilarSounds, type SimilarSearch } from './find-similar';
import { oneTrackStudio } from './one-track.fixture';

const searchHere: SimilarSearch = async (mono, rate, start, end, threshold, band) =>
  findSimilar([mono], rate, start, end, threshold, band);

/** A project of one stereo track: whistles at 1, 5 and 9.5 s, knocks at 3 and 7 s; the first whistle selected. */
function withWhistles(copies = true) {
  const w = whistle();
  const k = knock();
  const sounds: [Float32Array, number, number][] = [
    [w, 1, 0],
    [k, 3, 0],
    [k, 7, 6],
  ];
  if (copies) sounds.push([w, 5, -6], [w, 9.5, 6]);
  return oneTrackStudio(scene(sounds), RATE, { start: 1 * RATE, end: 1.3 * RATE });
}

const levelDb = (x: Float32Array[], from: number, to: number) => {
  let e = 0;
  for (const c of x) for (let i = Math.round(from * RATE); i < to * RATE; i++) e += c[i] * c[i];
  return 10 * Math.log10(e);
};

describe('Find similar in the studio', () => {
  it('labels the marked sound and those like it in one step, then attenuates them all in one more', async () => {
    const { services, assets } = withWhistles();
    await findSimilarSounds(services, searchHere);
    const state = services.store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Find similar: 2 like 1.0 s-1.3 s');
    const labels = state.project.tracks[0].labels ?? [];
    expect(labels.map((l) => l.name)).toEqual(['marked', 'like 1.0 s', 'like 1.0 s']);
    expect(labels.every((l) => l.similar)).toBe(true);
    expect(state.notices.at(-1)?.text).toMatch(/Found 2 sounds like the one at 1\.0 s-1\.3 s/);

    const before = trackAudio(state.project.tracks[0], assets, { start: 0, end: 12 * RATE });
    await attenuateSimilar(services, runHere);
    const after = services.store.getState();
    expect(after.history.past.at(-1)?.label).toBe('Attenuate to surroundings (-3 dB): 3 similar sounds');
    const heard = trackAudio(after.project.tracks[0], assets, { start: 0, end: 12 * RATE });
    for (const at of [1, 5, 9.5]) expect(levelDb(heard, at, at + 0.3)).toBeLessThan(levelDb(before, at, at + 0.3) - 3);
    for (const at of [3, 7]) expect(levelDb(heard, at, at + 0.12)).toBeCloseTo(levelDb(before, at, at + 0.12), 3);
  });

  it('says so and leaves the project as it was where nothing is like the marked sound', async () => {
    const { services } = withWhistles(false);
    await findSimilarSounds(services, searchHere);
    const state = services.store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Import');
    expect(state.notices.at(-1)?.text).toMatch(/No other sound like the one at 1\.0 s-1\.3 s was found/);
  });

  it("carries the words of the detector's label under the mark, keeps the detector's labels, and replaces its own", async () => {
    const { services } = withWhistles();
    const { store } = services;
    const project = store.getState().project;
    const heard = {
      id: 'd',
      start: 0.95 * RATE,
      end: 1.35 * RATE,
      name: 'whistle',
      description: 'a whistle',
      confidence: 0.9,
    };
    store.getState().commit('Analyze: whistle', { ...project, tracks: [{ ...project.tracks[0], labels: [heard] }] });
    await findSimilarSounds(services, searchHere);
    await findSimilarSounds(services, searchHere);
    const labels = store.getState().project.tracks[0].labels ?? [];
    expect(labels.map((l) => l.name)).toEqual([
      'whistle',
      'whistle (marked)',
      'whistle like 1.0 s',
      'whistle like 1.0 s',
    ]);
    expect(labels.filter((l) => l.similar).every((l) => l.description === 'a whistle')).toBe(true);
  });

  it('keeps to the band of a box drawn on the spectrogram, in the labels and in the attenuation', async () => {
    const { services } = withWhistles();
    const { store } = services;
    store.getState().selectRange({ ...store.getState().selection!, band: { lowHz: 900, highHz: 2800 } });
    await findSimilarSounds(services, searchHere);
    const labels = store.getState().project.tracks[0].labels ?? [];
    expect(labels).toHaveLength(3);
    expect(labels.every((l) => l.band?.lowHz === 900 && l.band.highHz === 2800)).toBe(true);
    await attenuateSimilar(services, runHere);
    expect(store.getState().history.past.at(-1)?.label).toBe(
      'Attenuate to surroundings (-3 dB, 900 Hz–2.8 kHz): 3 similar sounds',
    );
  });

  it('answers a mark with no sound in it in words', async () => {
    const { services } = withWhistles();
    services.store
      .getState()
      .selectRange({ ...services.store.getState().selection!, start: 5.6 * RATE, end: 6.5 * RATE });
    await findSimilarSounds(services, searchHere);
    expect(services.store.getState().notices.at(-1)?.text).toMatch(/^Find similar: the marked stretch holds nothing/);
  });
});
