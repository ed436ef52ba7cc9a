import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav, parseWavLayout, quantize, WavError } from './wav';

const ramp = (n: number, scale = 1) => Float32Array.from({ length: n }, (_, i) => scale * ((2 * i) / (n - 1) - 1));

/** Builds a WAV by hand, independent of encodeWav, so the decoder is checked against known bytes. */
function handMadeWav(bits: number, format: number, channels: number, rate: number, data: number[]): ArrayBuffer {
  const bytes = new Uint8Array(44 + data.length);
  const v = new DataView(bytes.buffer);
  bytes.set([82, 73, 70, 70], 0);
  v.setUint32(4, 36 + data.length, true);
  bytes.set([87, 65, 86, 69], 8);
  bytes.set([102, 109, 116, 32], 12);
  v.setUint32(16, 16, true);
  v.setUint16(20, format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, (rate * channels * bits) / 8, true);
  v.setUint16(32, (channels * bits) / 8, true);
  v.setUint16(34, bits, true);
  bytes.set([100, 97, 116, 97], 36);
  v.setUint32(40, data.length, true);
  bytes.set(data, 44);
  return bytes.buffer;
}

describe('decodeWav', () => {
  it('reads 8-bit unsigned PCM', () => {
    const d = decodeWav(handMadeWav(8, 1, 1, 8000, [0, 128, 255]));
    expect(Array.from(d.channels[0])).toEqual([-1, 0, 127 / 128]);
    expect(d.sampleRate).toBe(8000);
  });
  it('reads 16-bit stereo interleaved', () => {
    // L = 0x4000 (0.5), R = 0x8000 (-1)
    const d = decodeWav(handMadeWav(16, 1, 2, 44100, [0x00, 0x40, 0x00, 0x80]));
    expect(d.channels[0][0]).toBe(0.5);
    expect(d.channels[1][0]).toBe(-1);
  });
  it('reads 24-bit negative values with sign extension', () => {
    const d = decodeWav(handMadeWav(24, 1, 1, 96000, [0x00, 0x00, 0xc0])); // -0x400000
    expect(d.channels[0][0]).toBe(-0.5);
  });
  it('reads 32-bit integer and float', () => {
    expect(decodeWav(handMadeWav(32, 1, 1, 48000, [0, 0, 0, 0x40])).channels[0][0]).toBe(0.5);
    const f = new Uint8Array(new Float32Array([0.25]).buffer);
    expect(decodeWav(handMadeWav(32, 3, 1, 48000, Array.from(f))).channels[0][0]).toBe(0.25);
  });

  it('decodes NaN and infinite float samples as silence and counts them', () => {
    const f = new Uint8Array(
      new Float32Array([0.5, Number.NaN, Number.POSITIVE_INFINITY, -0.25, Number.NEGATIVE_INFINITY]).buffer,
    );
    const d = decodeWav(handMadeWav(32, 3, 1, 48000, Array.from(f)));
    expect(Array.from(d.channels[0])).toEqual([0.5, 0, 0, -0.25, 0]);
    expect(d.nonFinite).toBe(3);
  });
  it('imports what a truncated file holds and says so', () => {
    const whole = new Uint8Array(handMadeWav(16, 1, 1, 8000, [1, 0, 2, 0, 3, 0]));
    const d = decodeWav(whole.slice(0, 44 + 3).buffer);
    expect(d.truncated).toBe(true);
    expect(d.channels[0].length).toBe(1);
  });
  it('rejects empty, foreign and unsupported files with a clear message', () => {
    expect(() => parseWavLayout(new ArrayBuffer(0))).toThrow(/empty/);
    expect(() => decodeWav(new TextEncoder().encode('hello, this is not audio at all').buffer)).toThrow(WavError);
    expect(() => decodeWav(handMadeWav(16, 2, 1, 8000, [0, 0]))).toThrow(/format tag 2/);
    expect(() => decodeWav(handMadeWav(12, 1, 1, 8000, [0, 0]))).toThrow(/12-bit/);
  });
});

describe('encodeWav', () => {
  it('writes a canonical 44-byte header for 16-bit stereo', () => {
    const out = encodeWav([new Float32Array(10), new Float32Array(10)], 44100, 'pcm16');
    const v = new DataView(out);
    expect(out.byteLength).toBe(44 + 40);
    expect(v.getUint32(4, true)).toBe(out.byteLength - 8);
    expect(v.getUint16(20, true)).toBe(1);
    expect(v.getUint32(28, true)).toBe(44100 * 4);
    expect(v.getUint32(40, true)).toBe(40);
  });
  it('round-trips each format within its quantisation step', () => {
    const src = [ramp(101, 0.9), ramp(101, -0.5)];
    for (const [format, step] of [
      ['pcm16', 1 / 32768],
      ['pcm24', 1 / 8388608],
      ['float32', 0],
    ] as const) {
      const back = decodeWav(encodeWav(src, 22050, format));
      expect(back.sampleRate).toBe(22050);
      back.channels.forEach((ch, c) =>
        ch.forEach((x, i) => expect(Math.abs(x - src[c][i])).toBeLessThanOrEqual(step / 2 + 1e-9)),
      );
    }
  });
  it('uses WAVE_FORMAT_EXTENSIBLE for more than two channels and reads it back', () => {
    const six = Array.from({ length: 6 }, (_, c) => new Float32Array([c / 10]));
    const out = encodeWav(six, 48000, 'pcm24');
    expect(new DataView(out).getUint16(20, true)).toBe(0xfffe);
    const back = decodeWav(out);
    expect(back.channels.map((c) => Math.round(c[0] * 10))).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('clips out-of-range samples instead of wrapping', () => {
    expect(quantize(1.5, 32768)).toBe(32767);
    expect(quantize(-1.5, 32768)).toBe(-32768);
    expect(quantize(1, 32768)).toBe(32767);
  });
});
