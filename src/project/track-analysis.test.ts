import { describe, expect, it } from 'vitest';
import { analysisAfterEffect, transposeKey } from './track-analysis';
import { newTrack } from './types';

describe('what Analyze heard, after an effect', () => {
  it('moves a key by whole semitones, and gives none for a fraction', () => {
    expect(transposeKey('Bb major', -1)).toBe('A major');
    expect(transposeKey('F# minor', -7)).toBe('B minor');
    expect(transposeKey('C minor', 12)).toBe('C minor');
    expect(transposeKey('C minor', 0.5)).toBeUndefined();
    expect(transposeKey(undefined, 2)).toBeUndefined();
  });

  it("rescales a whole track's beat grid with its tempo, anchored on its first beat in the range", () => {
    const track = { ...newTrack(0), tempoBpm: 120, beatStart: -1990 }; // beats every 4,000 samples at 8 kHz
    const faster = analysisAfterEffect(track, { kind: 'tempo', percent: 100 }, { start: 10, end: 8010 }, true, 8000);
    expect(faster.tempoBpm).toBe(240);
    expect(faster.beatStart).toBe(1010); // the beat at 2,010 lands halfway to the range's start
    const slower = analysisAfterEffect(track, { kind: 'tempo', percent: -50 }, { start: 10, end: 8010 }, true, 8000);
    expect([slower.tempoBpm, slower.beatStart]).toEqual([60, 4010]);
  });

  it('moves the key with a speed change only where that is whole semitones, and the tempo always', () => {
    const track = { ...newTrack(0), tempoBpm: 100, musicKey: 'A minor' };
    const range = { start: 0, end: 8000 };
    const octave = analysisAfterEffect(track, { kind: 'speed', percent: 100 }, range, true, 8000);
    expect([octave.tempoBpm, octave.musicKey]).toEqual([200, 'A minor']);
    const tenth = analysisAfterEffect(track, { kind: 'speed', percent: 10 }, range, true, 8000);
    expect([tenth.tempoBpm, tenth.musicKey]).toEqual([110, undefined]);
  });

  it('slows the beat grid with a Paulstretch of the whole track and keeps its key', () => {
    const track = { ...newTrack(0), tempoBpm: 120, musicKey: 'A minor' };
    const spec = { kind: 'paulstretch', factor: 4, windowSeconds: 0.25 } as const;
    const stretched = analysisAfterEffect(track, spec, { start: 0, end: 8000 }, true, 8000);
    expect([stretched.tempoBpm, stretched.musicKey]).toEqual([30, 'A minor']);
  });

  it('leaves what an effect does not change as it was', () => {
    const track = { ...newTrack(0), tempoBpm: 120, beatStart: 10, musicKey: 'A minor' };
    expect(analysisAfterEffect(track, { kind: 'gain', db: -3 }, { start: 0, end: 100 }, false, 8000)).toBe(track);
    const shifted = analysisAfterEffect(track, { kind: 'pitch', semitones: 2 }, { start: 0, end: 100 }, true, 8000);
    expect([shifted.tempoBpm, shifted.beatStart, shifted.musicKey]).toEqual([120, 10, 'B minor']);
  });
});
