import { describe, expect, it } from 'vitest';
import { renderNotes, TAIL_SECONDS } from '../dsp/instruments';
import { AssetStore } from '../project/asset-store';
import { processRange } from '../project/process-ops';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import {
  auditionAudio,
  editClipNotes,
  newInstrumentTrack,
  notesToInstrumentTrack,
  setTrackInstrument,
  transposeTrack,
} from './instrument';
import type { Services } from './services';

const RATE = 8000;
const notes = [{ startSeconds: 0, endSeconds: 0.25, note: 60, velocity: 100 }];

function studio() {
  const store = createStudioStore();
  const assets = new AssetStore();
  const audio = renderNotes(notes, 'piano', RATE);
  const asset = assets.add([audio], RATE);
  const clip = { id: 'c', assetId: asset.id, name: 'melody', start: 800, offset: 100, length: 4000 };
  const track = {
    ...newTrack(0),
    clips: [
      { ...clip, part: { instrument: 'piano' as const, notes } },
      { ...clip, id: 'a' },
    ],
  };
  const project: Project = { sampleRate: RATE, tracks: [track] };
  store.getState().commit('Import', project);
  return { store, assets, track, services: { store, assets } as unknown as Services };
}

describe('setTrackInstrument', () => {
  it('plays the note clips on the instrument, each keeping its place and trim, in one undo step', () => {
    const { store, assets, track, services } = studio();
    setTrackInstrument(services, track.id, 'organ');
    const [played, plain] = store.getState().project.tracks[0].clips;
    expect(store.getState().history.past.at(-1)?.label).toBe('Instrument: Organ');
    expect(played).toMatchObject({ start: 800, offset: 100, length: 4000, part: { instrument: 'organ', notes } });
    expect(assets.get(played.assetId).channels[0]).toEqual(renderNotes(notes, 'organ', RATE));
    expect(plain).toEqual(track.clips[1]); // audio without notes is left as it is
    store.getState().undo();
    expect(store.getState().project.tracks[0].clips[0].part?.instrument).toBe('piano');
  });
});

describe('transposeTrack', () => {
  it('moves the notes by semitones and renders them again', () => {
    const { store, assets, track, services } = studio();
    transposeTrack(services, track.id, 7);
    const [played] = store.getState().project.tracks[0].clips;
    expect(played.part?.notes[0].note).toBe(67);
    expect(store.getState().history.past.at(-1)?.label).toBe('Transpose +7');
    expect(assets.get(played.assetId).channels[0]).toEqual(renderNotes(played.part!.notes, 'piano', RATE));
  });

  it('refuses notes out of range and drums, in words, changing nothing', () => {
    const { store, track, services } = studio();
    transposeTrack(services, track.id, 70);
    expect(store.getState().notices.at(-1)?.text).toMatch(/leave MIDI's range/);
    setTrackInstrument(services, track.id, 'drums');
    transposeTrack(services, track.id, -2);
    expect(store.getState().notices.at(-1)?.text).toBe('Drums are not transposed: their notes are drums, not pitches.');
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['Import', 'Instrument: Drums']);
  });
});

describe('a note clip edited as audio', () => {
  it('becomes plain audio: an effect replaces its samples, which its notes would no longer play', async () => {
    const { store, assets, track, services } = studio();
    const { project } = store.getState();
    const louder = await processRange(project, [track.id], { start: 0, end: 8000 }, assets, { kind: 'gain', db: 6 });
    const clips = louder.tracks[0].clips;
    expect(clips.some((c) => c.part)).toBe(false);
    store.getState().commit('Gain', louder);
    setTrackInstrument(services, track.id, 'organ'); // nothing left to play again: no step
    expect(store.getState().history.past.at(-1)?.label).toBe('Gain');
  });
});

describe('newInstrumentTrack', () => {
  it('adds an empty part four bars long at the playhead and opens the piano roll on it', () => {
    const store = createStudioStore();
    const assets = new AssetStore();
    const tempo = { bpm: 120, beatsPerBar: 3, beatUnit: 4, downbeat: 0 };
    store.getState().commit('Tempo', { sampleRate: RATE, tracks: [], tempo });
    store.getState().set({ playhead: 4000 });
    const services = { store, assets } as unknown as Services;
    newInstrumentTrack(services);
    const { project, notesClip, panel } = store.getState();
    const [clip] = project.tracks[0].clips;
    expect(project.tracks[0].name).toBe('Instrument 1');
    expect(clip).toMatchObject({ start: 4000, offset: 0, length: 12 * 4000, part: { instrument: 'piano', notes: [] } });
    expect(assets.get(clip.assetId).channels[0].length).toBe(12 * 4000);
    expect([notesClip, panel]).toEqual([clip.id, 'pianoRoll']);

    // A note written past its end lengthens it; deleting it leaves the four bars.
    const late = [{ startSeconds: 6, endSeconds: 7, note: 60, velocity: 100 }];
    editClipNotes(services, clip.id, late, 'Add note C4');
    expect(store.getState().project.tracks[0].clips[0].length).toBe((7 + TAIL_SECONDS) * RATE);
    editClipNotes(services, clip.id, [], 'Delete note');
    expect(store.getState().project.tracks[0].clips[0].length).toBe((7 + TAIL_SECONDS) * RATE);
  });
});

describe('auditionAudio', () => {
  it('is the note alone on its track, at most a second of it, heard whatever the mute', () => {
    const { store, track } = studio();
    const { project } = store.getState();
    const muted = { ...project, tracks: [{ ...project.tracks[0], mute: true }] };
    const long = { startSeconds: 3, endSeconds: 9, note: 72, velocity: 100 };
    const audio = auditionAudio(muted, 'c', long)!;
    expect(audio.project.tracks).toHaveLength(1);
    const [heard] = audio.project.tracks;
    expect([heard.id, heard.mute, heard.clips.length]).toEqual([track.id, false, 1]);
    const samples = audio.assets.get(heard.clips[0].assetId).channels[0];
    expect(samples).toEqual(renderNotes([{ ...long, startSeconds: 0, endSeconds: 1 }], 'piano', RATE));
    expect(audio.heard).toEqual({ start: 0, end: samples.length });
    expect(auditionAudio(muted, 'a', long)).toBeNull(); // plain audio: no notes to hear
  });
});

describe('notesToInstrumentTrack', () => {
  it('puts notes heard in audio on a new piano track from the bar line before the first', () => {
    const store = createStudioStore();
    const assets = new AssetStore();
    store
      .getState()
      .commit('Tempo', { sampleRate: RATE, tracks: [], tempo: { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 } });
    const sung = [
      { startSeconds: 2.3, endSeconds: 2.8, note: 62, velocity: 96 },
      { startSeconds: 2.8, endSeconds: 3.2, note: 64, velocity: 96 },
    ];
    notesToInstrumentTrack({ store, assets } as unknown as Services, 'voice notes', sung);
    const { project, history, panel } = store.getState();
    const [clip] = project.tracks[0].clips;
    expect([project.tracks[0].name, history.past.at(-1)?.label, panel]).toEqual([
      'voice notes',
      'Notes to instrument track',
      'pianoRoll',
    ]);
    expect(clip.start).toBe(2 * RATE); // bars of 2 s
    expect(clip.part?.notes.map((n) => [n.note, Math.round(n.startSeconds * 1000)])).toEqual([
      [62, 300],
      [64, 800],
    ]);
  });
});
