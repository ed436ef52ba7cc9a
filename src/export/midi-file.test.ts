import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackPitch } from '../dsp/pitch-track';
import { midiFile, variableLength } from './midi-file';

describe('MIDI file', () => {
  it('writes variable-length quantities as the standard gives them', () => {
    expect(variableLength(0)).toEqual([0x00]);
    expect(variableLength(0x7f)).toEqual([0x7f]);
    expect(variableLength(0x80)).toEqual([0x81, 0x00]);
    expect(variableLength(0x3fff)).toEqual([0xff, 0x7f]);
    expect(variableLength(0x200000)).toEqual([0x81, 0x80, 0x80, 0x00]);
  });

  it('writes a header, the tempo and program, and the notes in time order with offs before ons', () => {
    const bytes = midiFile(
      [
        { startSeconds: 0.5, endSeconds: 1, note: 64, velocity: 90 },
        { startSeconds: 0, endSeconds: 0.5, note: 60, velocity: 200 },
      ],
      120,
    );
    const text = (from: number) => String.fromCharCode(...bytes.subarray(from, from + 4));
    expect(text(0)).toBe('MThd');
    expect([...bytes.subarray(8, 14)]).toEqual([0, 0, 0, 1, 0x01, 0xe0]); // format 0, one track, 480 a quarter
    expect(text(14)).toBe('MTrk');
    const track = [...bytes.subarray(22)];
    expect(track.slice(0, 7)).toEqual([0, 0xff, 0x51, 3, 0x07, 0xa1, 0x20]); // 500000 us a quarter: 120 BPM
    // C4 on at 0 (velocity held to 127), off at 480 ticks, E4 on at once after it, off 480 later, then the end.
    expect(track.slice(10)).toEqual([
      0, 0x90, 60, 127, 0x83, 0x60, 0x80, 60, 0, 0, 0x90, 64, 90, 0x83, 0x60, 0x80, 64, 0, 0, 0xff, 0x2f, 0,
    ]);
    expect(bytes.length).toBe(22 + track.length);
  });

  it('plays in a real MIDI synthesizer: fluidsynth renders its note at its time and pitch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'midi-'));
    const [mid, raw] = [join(dir, 'line.mid'), join(dir, 'line.f32')];
    writeFileSync(mid, midiFile([{ startSeconds: 1, endSeconds: 2, note: 69, velocity: 100 }], 90));
    const sf2 = '/usr/share/sounds/sf2/TimGM6mb.sf2';
    execFileSync('fluidsynth', ['-ni', '-F', raw, '-T', 'raw', '-O', 'float', '-r', '44100', sf2, mid]);
    const stereo = new Float32Array(readFileSync(raw).buffer.slice(0));
    const left = stereo.filter((_, i) => i % 2 === 0);
    const rms = (from: number, to: number) => {
      const part = left.subarray(from * 44100, to * 44100);
      return Math.sqrt(part.reduce((s, v) => s + v * v, 0) / part.length);
    };
    expect(rms(0.2, 0.8)).toBeLessThan(1e-4); // nothing before the note
    expect(rms(1.2, 1.8)).toBeGreaterThan(1e-3);
    const heard = [...trackPitch(left.subarray(1.2 * 44100, 1.8 * 44100), 44100).hz].filter((hz) => hz > 0);
    const median = heard.sort((a, b) => a - b)[Math.floor(heard.length / 2)];
    expect(Math.abs(1200 * Math.log2(median / 440))).toBeLessThan(30);
  });
});
