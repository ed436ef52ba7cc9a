import { describe, expect, it } from 'vitest';
import { labelSounds } from './label-sounds';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 8000;

/** Three 0.5 s tones at 0.5, 2 and 3.5 s in 5 s of silence. */
function threeSounds(): Float32Array {
  const x = new Float32Array(5 * RATE);
  for (const at of [0.5, 2, 3.5]) for (let i = 0; i < RATE / 2; i++) x[at * RATE + i] = 0.3 * Math.sin(i / 3);
  return x;
}

describe('Label sounds', () => {
  it('labels each sound in the selection on its first track, as one undoable step', () => {
    const { store, services } = oneTrackStudio([threeSounds()], RATE, { start: RATE, end: 5 * RATE });
    labelSounds(services);
    const labels = store.getState().project.tracks[0].labels!;
    expect(labels.map((l) => l.name)).toEqual(['Sound 1', 'Sound 2']); // the first sound is outside the selection
    expect(labels.map((l) => [l.start / RATE, l.end / RATE])).toEqual([
      [2, 2.5],
      [3.5, 4],
    ]);
    expect(labels.every((l) => l.written)).toBe(true);
    expect(store.getState().history.past.at(-1)?.label).toBe('Label sounds (2 sounds)');
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Labelled 2 sounds on Track 1/);
  });

  it('says when nothing rises over the silence level, and makes no label', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    labelSounds(services);
    expect(store.getState().project.tracks[0].labels ?? []).toEqual([]);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Nothing in the selection rises over -40 dBFS: no label was made.',
    );
  });
});
