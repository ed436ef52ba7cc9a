import { describe, expect, it } from 'vitest';
import { newTrack } from '../project/types';
import { musicPrompt, NO_MUSIC_FIELDS, parseKey, projectMusic, tempoWord } from './music-prompt';

describe('music prompt', () => {
  it('writes the fields the way the training captions read', () => {
    // The caption SongPlan("s", 70, 9, True, 4, "melody", 1).caption(0) gives in training.
    expect(musicPrompt('piano melody', { bpm: 70, key: 'A', mode: 'minor', meter: '4/4' })).toBe(
      'slow piano melody in A minor, 70 bpm',
    );
    expect(musicPrompt('drum groove with bass', { bpm: 130, key: 'C', mode: 'major', meter: '4/4' })).toBe(
      'upbeat drum groove with bass in C major, 130 bpm',
    );
    expect(musicPrompt('piano melody', { bpm: 100, key: 'D', mode: 'major', meter: '3/4' })).toBe(
      'moderate piano waltz melody in D major, 100 bpm',
    );
  });

  it('leaves the prompt alone without fields, and lets the fields win over what the prompt said', () => {
    expect(musicPrompt('  sad cello  ', NO_MUSIC_FIELDS)).toBe('sad cello');
    expect(musicPrompt('fast guitar chords in E minor, 150 bpm', { ...NO_MUSIC_FIELDS, bpm: 90, key: 'G' })).toBe(
      'moderate guitar chords in G major, 90 bpm',
    );
    expect(musicPrompt('', { ...NO_MUSIC_FIELDS, bpm: 120 })).toBe('moderate, 120 bpm');
  });

  it('names tempi as the captions do', () => {
    expect([60, 84, 85, 120, 121].map(tempoWord)).toEqual(['slow', 'slow', 'moderate', 'moderate', 'upbeat']);
  });

  it('reads keys as Analyze stores them, enharmonics included', () => {
    expect(parseKey('A minor')).toEqual({ key: 'A', mode: 'minor' });
    expect(parseKey('G# major')).toEqual({ key: 'Ab', mode: 'major' });
    expect(parseKey('H major')).toBeNull();
    expect(parseKey(undefined)).toBeNull();
  });

  it('matches the project from the tempo and key Analyze heard, or says there is none', () => {
    const plain = newTrack(0);
    expect(projectMusic([plain])).toBeNull();
    const drums = { ...newTrack(1), tempoBpm: 127.6 };
    const keys = { ...newTrack(2), musicKey: 'F# minor' };
    expect(projectMusic([plain, drums, keys])).toEqual({ bpm: 128, key: 'F#', mode: 'minor' });
    expect(projectMusic([keys])).toEqual({ bpm: null, key: 'F#', mode: 'minor' });
  });

  it('matches the tempo set on the project first, with its meter where the model knows it', () => {
    const drums = { ...newTrack(1), tempoBpm: 127.6 };
    const waltz = { bpm: 90, beatsPerBar: 3, beatUnit: 4, downbeat: 0 };
    expect(projectMusic([drums], waltz)).toEqual({ bpm: 90, key: null, mode: 'major', meter: '3/4' });
    expect(projectMusic([], { ...waltz, beatsPerBar: 6, beatUnit: 8 })).toEqual({ bpm: 90, key: null, mode: 'major' });
  });
});
