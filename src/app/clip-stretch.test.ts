import { describe, expect, it } from 'vitest';
import { runHere } from '../project/process-ops';
import { STRETCH_FACTOR, stretchedLength } from '../project/clip-stretch';
import { clipEnd } from '../project/types';
import { fitToBars, stretchClip } from './clip-stretch';
import { tracksStudio } from './tracks.fixture';

const RATE = 16000;

/** A second of a 440 Hz tone that fades over its second half (so where its audio went can be told). */
const tone = () =>
  Float32Array.from(
    { length: RATE },
    (_, i) => Math.min(1, 2 - (2 * i) / RATE) * 0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE),
  );

/** Upward zero crossings a second. */
function hz(x: Float32Array): number {
  let crossings = 0;
  for (let i = 1; i < x.length; i++) if (x[i - 1] < 0 && x[i] >= 0) crossings++;
  return (crossings * RATE) / x.length;
}

describe('stretchClip', () => {
  it("stretches a clip's audio to where its end is dragged, at its pitch, the start where it was; one undo step", async () => {
    const { store, assets, services } = tracksStudio({ Tone: [tone()] }, RATE);
    const clip = store.getState().project.tracks[0].clips[0];
    expect(await stretchClip(services, clip.id, 'end', Math.round(1.5 * RATE), runHere)).toBe(true);
    const [stretched] = store.getState().project.tracks[0].clips;
    expect(stretched.start).toBe(0);
    expect(Math.abs(stretched.length - 1.5 * RATE)).toBeLessThanOrEqual(1);
    const audio = assets.get(stretched.assetId).channels[0];
    expect(hz(audio.subarray(0, RATE))).toBeCloseTo(440, -1);
    // The fade that took the second half now takes the last 0.75 s.
    const level = (from: number, to: number) => Math.max(...audio.subarray(from * RATE, to * RATE).map(Math.abs));
    expect(level(0.1, 0.6)).toBeGreaterThan(0.45);
    expect(level(1.3, 1.45)).toBeLessThan(0.15);
    expect(store.getState().history.past.at(-1)?.label).toBe('Stretch clip ×1.50');
    store.getState().undo();
    expect(store.getState().project.tracks[0].clips[0]).toEqual(clip);
  });

  it('dragged by its start, keeps its end; bounded to half or twice its length; the same length changes nothing', async () => {
    const { store, services } = tracksStudio({ Tone: [tone()] }, RATE);
    const clip = { ...store.getState().project.tracks[0].clips[0] };
    expect(stretchedLength(clip, 'end', 10 * RATE)).toBe(STRETCH_FACTOR.max * RATE);
    expect(stretchedLength(clip, 'start', 0.9 * RATE)).toBe(STRETCH_FACTOR.min * RATE);
    expect(await stretchClip(services, clip.id, 'end', RATE, runHere)).toBe(false);
    expect(await stretchClip(services, clip.id, 'start', Math.round(0.25 * RATE), runHere)).toBe(true);
    const [shorter] = store.getState().project.tracks[0].clips;
    expect(clipEnd(shorter)).toBe(RATE);
    expect(Math.abs(shorter.start - 0.25 * RATE)).toBeLessThanOrEqual(1);
  });

  it('fits the selected clip to the nearest whole bars of the project, or says why not', async () => {
    const { store, services } = tracksStudio({ Tone: [tone()] }, RATE);
    const said = () => store.getState().notices.at(-1)?.text;
    await fitToBars(services, runHere);
    expect(said()).toMatch(/set a tempo first/);
    const project = store.getState().project;
    store.getState().commit('Tempo', { ...project, tempo: { bpm: 135, beatsPerBar: 4, beatUnit: 4, downbeat: 0 } });
    await fitToBars(services, runHere);
    expect(said()).toMatch(/select one clip/);
    store.getState().set({ selectedClipIds: [project.tracks[0].clips[0].id] });
    // A second at 135 BPM is 2.25 beats, under three quarters of a bar: fitted to 2 beats.
    await fitToBars(services, runHere);
    expect(said()).toBe('Fitted the clip to 2 beats (×0.89).');
    const [fitted] = store.getState().project.tracks[0].clips;
    expect(Math.abs(fitted.length - 2 * (60 / 135) * RATE)).toBeLessThanOrEqual(1);
    expect(store.getState().selectedClipIds).toEqual([fitted.id]);
    await fitToBars(services, runHere);
    expect(said()).toBe('Fit to bars: the clip is 2 beats already.');
  });
});
