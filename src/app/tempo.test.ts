import { describe, expect, it } from 'vitest';
import { renderNotes } from '../dsp/instruments';
import { newTrack } from '../project/types';
import { oneTrackStudio } from './one-track.fixture';
import { clearTempo, downbeatAtPlayhead, setTempo, tapTempo, tempoFromSelection, toggleClick } from './tempo';

const RATE = 1000;

describe('the project’s tempo', () => {
  it('is set in one undo step from 120 BPM 4/4, part by part; a tempo out of range changes nothing', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    setTempo(services, { bpm: 96 });
    expect(store.getState().project.tempo).toEqual({ bpm: 96, beatsPerBar: 4, beatUnit: 4, downbeat: 0 });
    setTempo(services, { beatsPerBar: 6, beatUnit: 8 });
    expect(store.getState().project.tempo).toEqual({ bpm: 96, beatsPerBar: 6, beatUnit: 8, downbeat: 0 });
    setTempo(services, { bpm: 400 });
    expect(store.getState().notices.at(-1)?.text).toBe('A tempo is 20 to 300 BPM.');
    setTempo(services, { bpm: 96 }); // no change: no step
    expect(
      store
        .getState()
        .history.past.map((h) => h.label)
        .slice(1),
    ).toEqual(['Tempo 96 BPM, 4/4', 'Tempo 96 BPM, 6/8']);
    store.getState().undo();
    expect(store.getState().project.tempo?.beatsPerBar).toBe(4);
  });

  it('starts from the grid Analyze heard where there is one', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    const [track] = store.getState().project.tracks;
    store
      .getState()
      .commit('Analyze', { ...store.getState().project, tracks: [{ ...track, tempoBpm: 90, beatStart: 123 }] });
    setTempo(services, { beatsPerBar: 3 });
    expect(store.getState().project.tempo).toEqual({ bpm: 90, beatsPerBar: 3, beatUnit: 4, downbeat: 123 });
    clearTempo(services); // back to what Analyze heard
    expect(store.getState().project.tempo).toBeUndefined();
    expect(store.getState().history.past.at(-1)?.label).toBe('Clear tempo');
  });

  it('is tapped: a run of taps is one undo step, a pause starts a new run', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    const before = store.getState().history.past.length;
    for (const t of [0, 500, 1000, 1500]) tapTempo(services, 10_000 + t);
    expect(store.getState().project.tempo?.bpm).toBe(120);
    expect(store.getState().history.past.length).toBe(before + 1);
    for (const t of [0, 600, 1200]) tapTempo(services, 20_000 + t);
    expect(store.getState().project.tempo?.bpm).toBe(100);
    expect(store.getState().history.past.length).toBe(before + 2);
    store.getState().undo();
    expect(store.getState().project.tempo?.bpm).toBe(120);
  });
});

describe('the tempo from the music', () => {
  it('makes the selection one bar, bar 1 at its start; a bar too long or short for a tempo is said', () => {
    const { store, services } = oneTrackStudio([new Float32Array(20 * RATE)], RATE, { start: 500, end: 2500 });
    tempoFromSelection(services); // 2 s for four beats
    expect(store.getState().project.tempo).toEqual({ bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 500 });
    setTempo(services, { beatsPerBar: 3 });
    store.getState().selectRange({ start: 0, end: 1500, trackIds: store.getState().selection!.trackIds });
    tempoFromSelection(services); // 1.5 s for three beats
    expect(store.getState().project.tempo).toMatchObject({ bpm: 120, beatsPerBar: 3, downbeat: 0 });
    store.getState().selectRange({ start: 0, end: 12_000, trackIds: store.getState().selection!.trackIds });
    tempoFromSelection(services);
    expect(store.getState().notices.at(-1)?.text).toBe('One bar of 3/4 that long is 15 BPM. A tempo is 20 to 300 BPM.');
    expect(store.getState().project.tempo?.bpm).toBe(120);
  });

  it('moves bar 1 to the playhead, the tempo kept', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    setTempo(services, { bpm: 96 });
    store.getState().seek(730);
    downbeatAtPlayhead(services);
    expect(store.getState().project.tempo).toEqual({ bpm: 96, beatsPerBar: 4, beatUnit: 4, downbeat: 730 });
  });
});

describe('the metronome switch', () => {
  it('turns the click on and off, saying where a project has no tempo to click on', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    toggleClick(services);
    expect(store.getState().click.on).toBe(true);
    expect(store.getState().notices.at(-1)?.text).toMatch(/set one in the transport bar/);
    toggleClick(services);
    expect(store.getState().click.on).toBe(false);
  });
});

describe('instrument tracks at a new tempo', () => {
  it('keep their beats and are played again; audio keeps its time', () => {
    const { store, assets, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    const notes = [{ startSeconds: 0.5, endSeconds: 1, note: 60, velocity: 100 }];
    const samples = renderNotes(notes, 'organ', RATE);
    const asset = assets.add([samples], RATE);
    const part = { instrument: 'organ' as const, notes };
    const clip = { id: 'n', assetId: asset.id, name: 'organ', start: 2000, offset: 0, length: samples.length, part };
    const { project } = store.getState();
    store.getState().commit('Organ', { ...project, tracks: [...project.tracks, { ...newTrack(1), clips: [clip] }] });
    setTempo(services, { bpm: 60 }); // from 120 BPM 4/4 at 0 s: every beat twice as long
    const [audio, organ] = store.getState().project.tracks;
    expect(audio).toEqual(project.tracks[0]);
    const [moved] = organ.clips;
    expect(moved).toMatchObject({ start: 4000, offset: 0, length: 2 * samples.length });
    expect(moved.part?.notes[0]).toMatchObject({ startSeconds: 1, endSeconds: 2 });
    expect(assets.get(moved.assetId).channels[0]).toEqual(renderNotes(moved.part!.notes, 'organ', RATE, moved.length));
    store.getState().undo();
    expect(store.getState().project.tracks[1].clips[0]).toEqual(clip);
  });
});
