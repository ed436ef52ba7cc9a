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

  it("give the sync encoder RGB planes in 0..1 from a canvas's RGBA bytes (alpha dropped)", () => {
    const out = new Float32Array(6);
    rgbaToPlanes(Uint8ClampedArray.from([255, 0, 51, 9, 0, 255, 102, 9]), out);
    [1, 0, 0, 1, 0.2, 0.4].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });
});
