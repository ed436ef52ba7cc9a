import { describe, expect, it } from 'vitest';
import { estimateKey } from '../dsp/key';
import { estimateTempo } from '../dsp/tempo';
import { conformMusic, keyShift, matchKey, stretchFactor } from './conform';
import { NO_MUSIC_FIELDS } from './music-prompt';
import { tune } from './tune.fixture';

const RATE = 16000;

describe('conform music', () => {
  it('stretches and shifts a take to the asked tempo and key, and says what it heard', () => {
    const take = tune(100, 14);
    expect(estimateTempo(take, RATE)?.bpm).toBeCloseTo(100, -1);
    expect(estimateKey(take, RATE)).toMatchObject({ tonic: 'C', mode: 'major' });
    const length = 10 * RATE;
    const { audio, notes, key } = conformMusic(take, RATE, { bpm: 112, key: 'D', mode: 'major', meter: '4/4' }, length);
    expect(key).toBe('D major');
    expect(audio.length).toBe(length);
    expect(Math.abs(estimateTempo(audio, RATE)!.bpm / 112 - 1)).toBeLessThan(0.04);
    expect(estimateKey(audio, RATE)).toMatchObject({ tonic: 'D', mode: 'major' });
    expect(notes).toEqual([
      'heard C major, moved up 2 semitones',
      expect.stringMatching(/^heard (99|10\d) BPM, stretched to 112$/),
    ]);
  });

  it('leaves a take alone without fields, and one whose tempo is too far to stretch', () => {
    const take = tune(100, 12);
    const same = (x: Float32Array) => x.length === take.length && x.every((v, i) => v === take[i]);
    const plain = conformMusic(take, RATE, NO_MUSIC_FIELDS, take.length);
    expect(same(plain.audio) && plain.notes.length === 0).toBe(true);
    // 140 BPM is more than 35 % from 100 and from its half, 70.
    const far = conformMusic(take, RATE, { ...NO_MUSIC_FIELDS, bpm: 140 }, take.length);
    expect(same(far.audio)).toBe(true);
    expect(far.notes[0]).toMatch(/too far from 140 to stretch/);
    const silence = conformMusic(new Float32Array(take.length), RATE, { ...NO_MUSIC_FIELDS, bpm: 90, key: 'A' }, 100);
    expect(silence.notes).toEqual(['no key heard, left in its own', 'no beat heard, tempo left as it is']);
    expect(silence.key).toBeUndefined();
  });

  it('takes the nearer of the asked tempo, its half and its double; and the nearest way to the key', () => {
    expect(stretchFactor(120, 60)).toBeCloseTo(1); // heard at double the ask: already right
    expect(stretchFactor(100, 110)).toBeCloseTo(100 / 110);
    expect(stretchFactor(100, 140)).toBeNull();
    expect(stretchFactor(100, 150)).toBeCloseTo(100 / 75); // the half of 150 is near enough
    expect(keyShift('C', 'major', 'D', 'major')).toBe(2);
    expect(keyShift('C', 'major', 'A', 'major')).toBe(-3);
    expect(keyShift('C', 'major', 'A', 'minor')).toBe(0); // the relative minor: the same notes
    expect(keyShift('A', 'minor', 'F', 'major')).toBe(5); // to D minor, F major's relative
    expect(keyShift('C', 'major', 'H', 'major')).toBeNull();
  });

  it('moves a new part into the key of the music around it, or of the track, its tempo kept', () => {
    const around = tune(100, 8);
    const part = tune(100, 6, 2); // D major
    const matched = matchKey(part, RATE, { heardIn: around });
    expect(matched.audio.length).toBe(part.length);
    expect(estimateKey(matched.audio, RATE)).toMatchObject({ tonic: 'C', mode: 'major' });
    expect(Math.abs(estimateTempo(matched.audio, RATE)!.bpm / 100 - 1)).toBeLessThan(0.04);
    expect(matched.notes).toEqual([
      'the music around it is in C major',
      'the new part: heard D major, moved down 2 semitones',
    ]);
    const toTrack = matchKey(part, RATE, { key: 'E', mode: 'major' });
    expect(estimateKey(toTrack.audio, RATE)).toMatchObject({ tonic: 'E', mode: 'major' });
    expect(toTrack.notes[0]).toBe('the track is in E major');
    // Nothing tonal around it: the part is left as the model made it, and the user is told.
    const unheard = matchKey(part, RATE, { heardIn: new Float32Array(4 * RATE) });
    expect(unheard.audio).toBe(part);
    expect(unheard.notes).toEqual(['no key heard in the music around it; the new part is left in its own']);
  });
});
