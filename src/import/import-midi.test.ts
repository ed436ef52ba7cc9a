import { describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { midiFile } from '../export/midi-file';
import { renderNotes } from '../dsp/instruments';
import { AssetStore } from '../project/asset-store';
import { createStudioStore } from '../store/studio-store';
import { importMidiFile, isMidiFile } from './import-midi';

const studio = () => {
  const store = createStudioStore();
  const assets = new AssetStore();
  return { store, assets, services: { store, assets } as unknown as Services };
};
const notes = [
  { startSeconds: 1, endSeconds: 1.5, note: 45, velocity: 100 },
  { startSeconds: 1.5, endSeconds: 2, note: 47, velocity: 90 },
];

describe('importMidiFile', () => {
  it('adds a track whose clip is its part played from the bar of its first note, and takes the tempo', async () => {
    const { store, assets, services } = studio();
    const file = new File([midiFile(notes, 100, 33)], 'line.mid');
    expect(isMidiFile(file)).toBe(true);
    expect(await importMidiFile(services, file)).toBe(true);
    const { project, history } = store.getState();
    expect(history.past.map((e) => e.label)).toEqual(['Import "line.mid"']);
    expect(project.tempo).toEqual({ bpm: 100, beatsPerBar: 4, beatUnit: 4, downbeat: 0 });
    const [track] = project.tracks;
    expect(track.name).toBe('Bass');
    const [clip] = track.clips;
    expect(clip.start).toBe(0); // the first note falls in the first bar (2.4 s at 100 BPM)
    expect(clip.part?.instrument).toBe('bass');
    expect(clip.part?.notes.map((n) => [n.startSeconds, n.note])).toEqual([
      [1, 45],
      [1.5, 47],
    ]);
    const audio = assets.get(clip.assetId).channels[0];
    expect(audio).toEqual(renderNotes(clip.part!.notes, 'bass', 48000));
    expect(clip.length).toBe(audio.length);
    expect(store.getState().notices.at(-1)?.text).toBe(
      '"line.mid" plays on the built-in instruments: Bass. The project\'s tempo is now the file\'s, 100 BPM in 4/4.',
    );
  });

  it('keeps a project tempo of its own', async () => {
    const { store, services } = studio();
    const tempo = { bpm: 90, beatsPerBar: 3, beatUnit: 4, downbeat: 0 };
    store.getState().commit('Tempo', { ...store.getState().project, tempo });
    await importMidiFile(services, new File([midiFile(notes)], 'line.mid'), 4800);
    expect(store.getState().project.tempo).toEqual(tempo);
    expect(store.getState().project.tracks[0].clips[0].start).toBe(4800);
  });

  it('keeps no silence before the bar a late part starts in', async () => {
    const { store, services } = studio();
    const late = notes.map((n) => ({ ...n, startSeconds: n.startSeconds + 4.5, endSeconds: n.endSeconds + 4.5 }));
    await importMidiFile(services, new File([midiFile(late, 120)], 'late.mid'));
    const [clip] = store.getState().project.tracks[0].clips;
    expect(clip.start).toBe(4 * 48000); // 5.5 s falls in the bar from 4 s (bars of 2 s)
    expect(clip.part?.notes[0].startSeconds).toBeCloseTo(1.5, 9);
  });

  it('refuses a file whose parts would fill more than 1 GB of audio, before playing any', async () => {
    const { store, services } = studio();
    const drone = [{ startSeconds: 0, endSeconds: 6000, note: 48, velocity: 100 }]; // 100 minutes
    expect(await importMidiFile(services, new File([midiFile(drone)], 'drone.mid'))).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(
      '"drone.mid" could not be imported: its one part over 100 minutes would play into 1.1 GB of audio at 48 kHz,' +
        ' over the 1 GB played. The project is unchanged.',
    );
  });

  it('says why a file is refused and changes nothing', async () => {
    const { store, services } = studio();
    expect(await importMidiFile(services, new File(['MThd'], 'broken.mid'))).toBe(false);
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().notices.at(-1)).toMatchObject({
      kind: 'error',
      text: '"broken.mid" could not be imported: it is cut short (inside a chunk header). The project is unchanged.',
    });
  });
});
