import { describe, expect, it } from 'vitest';
import { formatClock, formatTime } from './format';

describe('the clock', () => {
  it('reads a position as time, samples, or bars and beats on a grid', () => {
    expect(formatTime(61.5)).toBe('1:01.500');
    expect(formatClock(88200, 44100, 'time', null)).toBe('0:02.000');
    expect(formatClock(1234567, 44100, 'samples', null)).toBe('1 234 567');
    const grid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 22050 }; // beats every half second from 0.5 s
    expect(formatClock(22050, 44100, 'beats', grid)).toBe('1.1.00');
    expect(formatClock(22050 + 5 * 22050 + 11025, 44100, 'beats', grid)).toBe('2.2.50'); // beat 5.5
    expect(formatClock(0, 44100, 'beats', grid)).toBe('0.4.00'); // the beat before the grid's first
    expect(formatClock(44100, 44100, 'beats', null)).toBe('0:01.000'); // no grid: time
  });
});
