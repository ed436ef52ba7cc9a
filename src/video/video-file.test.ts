import { describe, expect, it } from 'vitest';
import { codecName, looksLikeVideo } from './video-file';

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
});
