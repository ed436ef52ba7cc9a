import { describe, expect, it } from 'vitest';
import {
  barLength,
  barsAndBeats,
  beatsIn,
  nearestBeat,
  noteSeconds,
  projectGrid,
  tappedTempo,
  tempoProblem,
  trackGrid,
  withTempo,
} from './tempo';
import { newTrack, type Project } from './types';

const waltz = { bpm: 120, beatsPerBar: 3, beatUnit: 4, downbeat: 250 }; // at 1000 Hz: a beat every 500 samples

describe('the beat grid', () => {
  it('is the tempo set on the project, else the first analysed track’s in 4/4, else none', () => {
    const analysed = { ...newTrack(1), tempoBpm: 90, beatStart: 40 };
    const project: Project = { sampleRate: 1000, tracks: [newTrack(0), analysed] };
    expect(projectGrid({ ...project, tracks: [newTrack(0)] })).toBeNull();
    expect(projectGrid(project)).toEqual({ bpm: 90, beatsPerBar: 4, beatUnit: 4, downbeat: 40 });
    expect(projectGrid(withTempo(project, waltz))).toEqual(waltz);
    expect(withTempo(withTempo(project, waltz), undefined)).toEqual(project);
    expect(trackGrid(newTrack(0))).toBeNull();
  });

  it('lists the beats in a range, bars marked, before the downbeat too', () => {
    expect(beatsIn(waltz, 1000, 0, 1800)).toEqual([
      { at: 250, downbeat: true },
      { at: 750, downbeat: false },
      { at: 1250, downbeat: false },
      { at: 1750, downbeat: true },
    ]);
    expect(beatsIn(waltz, 1000, -1300, 250)).toEqual([
      { at: -1250, downbeat: true },
      { at: -750, downbeat: false },
      { at: -250, downbeat: false },
    ]);
    expect(beatsIn(waltz, 1000, 250, 250)).toEqual([]);
    expect(barLength(waltz, 1000)).toBe(1500);
  });

  it('finds the nearest beat, never before the start', () => {
    expect(nearestBeat(waltz, 1000, 700)).toBe(750);
    expect(nearestBeat(waltz, 1000, 990)).toBe(750);
    expect(nearestBeat(waltz, 1000, 1010)).toBe(1250);
    expect(nearestBeat(waltz, 1000, 0)).toBe(250); // the beat at -250 is before the start
  });

  it('times note values at the tempo, a beat being the signature’s lower note', () => {
    const fourFour = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 };
    expect(noteSeconds(fourFour, '1/4')).toBe(0.5);
    expect(noteSeconds(fourFour, '1/8 dotted')).toBe(0.375);
    expect(noteSeconds(fourFour, 'bar')).toBe(2);
    const sixEight = { bpm: 180, beatsPerBar: 6, beatUnit: 8, downbeat: 0 }; // an eighth every third of a second
    expect(noteSeconds(sixEight, '1/8')).toBeCloseTo(1 / 3, 12);
    expect(noteSeconds(sixEight, 'bar')).toBeCloseTo(2, 12);
  });

  it('counts bars and beats from 1 on the downbeat', () => {
    expect(barsAndBeats(waltz, 1000, 250)).toEqual({ bar: 1, beat: 1, into: 0 });
    expect(barsAndBeats(waltz, 1000, 250 + 4 * 500 + 250)).toEqual({ bar: 2, beat: 2, into: 0.5 });
    expect(barsAndBeats(waltz, 1000, 0)).toEqual({ bar: 0, beat: 3, into: 0.5 });
  });

  it('takes tempi from 20 to 300 BPM and says why not otherwise', () => {
    expect(tempoProblem(120)).toBeNull();
    for (const bad of [19, 301, Number.NaN]) expect(tempoProblem(bad)).toMatch(/20 to 300 BPM/);
  });
});

describe('tap tempo', () => {
  it('is the median gap of the last taps, one late tap not throwing it; a long pause starts anew', () => {
    expect(tappedTempo([])).toBeNull();
    expect(tappedTempo([1000])).toBeNull();
    expect(tappedTempo([0, 500, 1000, 1500])).toBe(120);
    expect(tappedTempo([0, 500, 1000, 1620, 2100])).toBe(120); // one late tap: gaps 500, 500, 620, 480
    expect(tappedTempo([0, 400, 800, 5000, 5600, 6200])).toBe(100); // the taps before the pause are forgotten
    const steady = Array.from({ length: 20 }, (_, i) => i * 600);
    expect(tappedTempo([...steady.slice(0, 12).map((t) => t * 0.5), ...steady.slice(12)])).toBe(100); // the last eight
  });
});
