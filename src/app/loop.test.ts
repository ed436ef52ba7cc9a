import { describe, expect, it } from 'vitest';
import { loopLength, onBeat } from './loop';

const at = (bpm: number) => ({ bpm, beatsPerBar: 4, beatUnit: 4, downbeat: 0 });

describe('loop length', () => {
  it('is the selection less its crossfade, or whole bars (else beats) where the tempo is known', () => {
    const rate = 1000;
    expect(loopLength(4000, rate)).toBe(3500); // half a second of crossfade
    expect(loopLength(9000, rate, at(120))).toBe(8000); // 8.5 s free: four bars of 2 s
    expect(loopLength(2000, rate, at(120))).toBe(1500); // 1.5 s free: under a bar, so three beats
    expect(loopLength(600, rate, at(60))).toBe(450); // not even a beat: all of it
    expect(loopLength(9000, rate, { ...at(120), beatsPerBar: 3 })).toBe(7500); // five bars of 1.5 s in 3/4
  });
});

describe('loop start', () => {
  it('moves to the first beat in the selection where the beat grid is known', () => {
    const grid = { ...at(120), downbeat: 250 }; // beats every 500 samples at 1 kHz, from 250
    expect(onBeat(1000, 1000, grid)).toBe(1250);
    expect(onBeat(1250, 1000, grid)).toBe(1250);
    expect(onBeat(100, 1000, grid)).toBe(250); // before the first heard beat: the grid runs backwards too
    expect(onBeat(1000, 1000, null)).toBe(1000);
  });
});
