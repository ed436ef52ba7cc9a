/** The encoder's files read back by xiph.org's own `flac` (which checks every frame's CRC and the MD5 of the whole)
 * and by ffmpeg's decoder: every sample must come back exactly. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './dither';
import { codedNumber, encodeFlac, type FlacDepth } from './flac';
import { encodeWav, quantize } from './wav';

const dir = mkdtempSync(join(tmpdir(), 'flac-'));
let files = 0;

function written(channels: Float32Array[], rate: number, depth: FlacDepth): string {
  const path = join(dir, `${files++}.flac`);
  writeFileSync(path, encodeFlac(channels, rate, depth));
  return path;
}

/** `flac -t` passes the file (frame CRCs, the MD5 of the samples), and its decoded samples, interleaved. */
function flacDecoded(path: string, depth: FlacDepth): Int32Array {
  execFileSync('flac', ['-t', '-s', path]);
  const raw = execFileSync('flac', ['-d', '-c', '-s', '--force-raw-format', '--endian=little', '--sign=signed', path], {
    maxBuffer: 1 << 28,
  });
  return fromBytes(raw, depth);
}

function ffmpegDecoded(path: string, depth: FlacDepth): Int32Array {
  const format = depth === 16 ? 's16le' : 's32le'; // ffmpeg puts 24 bits in the top of 32
  const raw = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', path, '-f', format, '-'], { maxBuffer: 1 << 28 });
  const wide = fromBytes(raw, depth === 16 ? 16 : 32);
  return depth === 16 ? wide : wide.map((v) => v >> 8);
}

function fromBytes(raw: Buffer, depth: number): Int32Array {
  const width = depth / 8;
  return Int32Array.from({ length: raw.length / width }, (_, i) =>
    width === 2 ? raw.readInt16LE(i * 2) : width === 3 ? raw.readIntLE(i * 3, 3) : raw.readInt32LE(i * 4),
  );
}

/** What the file should hold: the floats rounded to the depth, interleaved. */
function expected(channels: Float32Array[], depth: FlacDepth): Int32Array {
  const n = channels[0].length;
  const out = new Int32Array(n * channels.length);
  for (let i = 0; i < n; i++)
    channels.forEach((c, ch) => {
      out[i * channels.length + ch] = quantize(c[i], 2 ** (depth - 1));
    });
  return out;
}

function music(frames: number, channels: number, seed = 3): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: channels }, (_, ch) =>
    Float32Array.from(
      { length: frames },
      (_, i) =>
        0.4 * Math.sin((2 * Math.PI * (220 + 110 * ch) * i) / 44100) +
        0.2 * Math.sin((2 * Math.PI * 331 * i) / 44100) +
        0.01 * (random() - 0.5),
    ),
  );
}

function expectExact(channels: Float32Array[], rate: number, depth: FlacDepth) {
  const path = written(channels, rate, depth);
  const want = expected(channels, depth);
  expect(flacDecoded(path, depth)).toEqual(want);
  expect(ffmpegDecoded(path, depth)).toEqual(want);
  return path;
}

describe('encodeFlac', () => {
  it('writes stereo music that flac and ffmpeg decode sample for sample, no larger than flac -5 makes it', () => {
    const channels = music(4096 * 5 + 123, 2);
    const path = expectExact(channels, 44100, 16);
    const info = execFileSync('soxi', [path]).toString();
    expect(info).toMatch(/Channels\s+: 2/);
    expect(info).toMatch(/Sample Rate\s+: 44100/);
    const wav = join(dir, 'music.wav');
    writeFileSync(wav, new Uint8Array(encodeWav(channels, 44100, 'pcm16')));
    const size = (level: string) => execFileSync('flac', [level, '-c', '-s', wav]).length;
    const ours = encodeFlac(channels, 44100, 16).length;
    expect(ours).toBeLessThan(size('-5') * 1.02);
  });

  it('keeps 24-bit samples, mono and 5.1, at rates a frame header names and ones it leaves to STREAMINFO', () => {
    expectExact(music(10000, 1), 48000, 24);
    expectExact(music(9000, 6), 11025, 16);
    expectExact(music(5000, 2, 9), 96000, 24);
  });

  it('keeps what no predictor helps (full-scale noise) and what needs none (silence, a constant)', () => {
    const random = seededRandom(5);
    const noise = [0, 1].map(() => Float32Array.from({ length: 7000 }, () => 2 * random() - 1));
    expectExact(noise, 44100, 24);
    expectExact([new Float32Array(5000), new Float32Array(5000).fill(-0.25)], 44100, 16);
  });

  it('keeps full scale and past it (rounded to the extremes, as a WAV of the depth is), and very short files', () => {
    const square = Float32Array.from({ length: 4500 }, (_, i) => ((i >> 5) & 1 ? 1.5 : -1.5));
    expectExact([square, square.map((v) => -v)], 44100, 16);
    expectExact([square, square.map((v) => v / 3)], 44100, 24);
    expectExact([Float32Array.of(0.1, -0.2, 0.3)], 8000, 16);
  });

  it('shifts out low bits that are zero in every sample: a 16-bit recording as 24 bits costs what it does as 16', () => {
    const on16 = music(20000, 2).map((c) => c.map((x) => Math.round(x * 32768) / 32768));
    expectExact(on16, 44100, 24);
    expect(encodeFlac(on16, 44100, 24).length).toBeLessThan(encodeFlac(on16, 44100, 16).length * 1.01);
  });

  it('numbers frames in UTF-8 coding', () => {
    expect([...codedNumber(0x7f)]).toEqual([0x7f]);
    expect([...codedNumber(0x80)]).toEqual([0xc2, 0x80]);
    expect([...codedNumber(0x20ac)]).toEqual([0xe2, 0x82, 0xac]);
    expect([...codedNumber(0x1f600)]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});
