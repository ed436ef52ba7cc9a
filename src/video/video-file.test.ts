import { describe, expect, it } from 'vitest';
import { codecName, looksLikeVideo, rgbaToPlanes } from './video-file';

const file = (name: string, type: string) => new File([new Uint8Array(4)], name, { type });

describe('video files', () => {
  it('are told from audio by their type first, by their name when they have no type', () => {
    expect(looksLikeVideo(file('clip.mp4', 'video/mp4'))).toBe(true);
    expect(looksLikeVideo(file('Recording.webm', 'audio/webm'))).toBe(false); // the recorder's own files
    expect(looksLikeVideo(file('clip.MOV', ''))).toBe(true);
    expect(looksLikeVideo(file('song.mp3', ''))).toBe(false);
  });

  it('name their codecs as people know them', () => {
    expect(codecName('avc')).toBe('H.264');
    expect(codecName('hevc')).toBe('HEVC (H.265)');
    expect(codecName('prores')).toBe('prores');
  });

  it("give the sync encoder RGB planes in 0..1 from a canvas's RGBA bytes, averaged 4 x 4 (alpha dropped)", () => {
    // 8 x 8 pixels -> 2 x 2: the top left block red, the top right blue, the bottom half grey (51).
    const rgba = new Uint8ClampedArray(8 * 8 * 4);
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) {
        const colour = y >= 4 ? [51, 51, 51] : x < 4 ? [255, 0, 0] : [0, 0, 255];
        rgba.set([...colour, 9], 4 * (y * 8 + x));
      }
    const out = new Float32Array(12);
    rgbaToPlanes(rgba, 8, out);
    const planes = [1, 0, 0.2, 0.2, 0, 0, 0.2, 0.2, 0, 1, 0.2, 0.2];
    planes.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });
});
