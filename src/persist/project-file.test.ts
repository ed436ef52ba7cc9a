import { saveMix } from '../project/mix-snapshots';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AssetStore } from '../project/asset-store';
import { newTrack, type Project, type TrackSend } from '../project/types';
import { readProjectFile, writeProjectFile } from './project-file';

function aProject() {
  const assets = new AssetStore();
  const stereo = assets.add([Float32Array.from([0.5, -0.25, 1e-7]), Float32Array.from([0, 0.125, -1])], 8000);
  const unused = assets.add([new Float32Array(4)], 8000);
  const clip = { id: 'c', assetId: stereo.id, name: 'take', start: 10, offset: 1, length: 2 };
  const project: Project = {
    sampleRate: 8000,
    tracks: [
      { ...newTrack(0), clips: [{ ...clip, fadeIn: { length: 1, curve: 'linear' } }], volume: [{ at: 0, gain: 0.5 }] },
    ],
  };
  return { assets, project, stereo, unused };
}

describe('project files', () => {
  it('carry the project and, bit for bit, the audio its clips play (nothing else)', () => {
    const { assets, project, stereo, unused } = aProject();
    const view = { playhead: 1234, trackHeights: { [project.tracks[0].id]: 220 }, loopRegion: { start: 10, end: 99 } };
    const opened = readProjectFile(writeProjectFile(project, view, assets), 'a.omni');
    expect(opened.project).toEqual(project);
    expect(opened.playhead).toBe(1234);
    expect(opened.trackHeights).toEqual(view.trackHeights);
    expect(opened.loopRegion).toEqual(view.loopRegion);
    expect(opened.assets.map((a) => a.id)).toEqual([stereo.id]);
    expect(opened.assets[0]).toEqual(stereo);
    expect(opened.assets.some((a) => a.id === unused.id)).toBe(false);
    expect(opened.video).toBeNull();
  });

  it("carry the impulse a convolution reverb plays as they carry a clip's audio", () => {
    const { assets, project, stereo } = aProject();
    const impulse = assets.add([Float32Array.from([0, 1, 0.5])], 8000);
    const reverb = {
      id: 'cv',
      on: true,
      kind: 'convolver' as const,
      impulse: { assetId: impulse.id, name: 'room', seconds: 3 / 8000 },
      wetDb: -12,
    };
    const withReverb = { ...project, master: { gainDb: 0, effects: [reverb] } };
    const opened = readProjectFile(
      writeProjectFile(withReverb, { playhead: 0, trackHeights: {}, loopRegion: null }, assets),
      'a.omni',
    );
    expect(opened.project.master).toEqual(withReverb.master);
    expect(opened.assets.map((a) => a.id).sort()).toEqual([stereo.id, impulse.id].sort());
    expect(opened.assets.find((a) => a.id === impulse.id)).toEqual(impulse);
  });

  it('say what is wrong with a file that is not one, or lacks audio, or is too new', () => {
    const { assets, project } = aProject();
    const text = new TextEncoder();
    expect(() => readProjectFile(text.encode('hello'), 'x.omni')).toThrow(
      '"x.omni" is not an Omni Studio project (not a zip).',
    );
    const other = zipSync({ 'readme.txt': text.encode('hi') });
    expect(() => readProjectFile(other, 'y.omni')).toThrow('(no project.json)');
    const doc = (version: number) =>
      text.encode(JSON.stringify({ format: 'omni-studio-project', version, savedAt: '', project, playhead: 0 }));
    expect(() => readProjectFile(zipSync({ 'project.json': doc(1) }), 'z.omni')).toThrow(
      /lacks the audio of one of its clips/,
    );
    expect(() => readProjectFile(zipSync({ 'project.json': doc(9) }), 'n.omni')).toThrow(
      /newer Omni Studio \(version 9\)/,
    );
    expect(
      readProjectFile(writeProjectFile(project, { playhead: 0, trackHeights: {}, loopRegion: null }, assets), 'ok.omni')
        .project.tracks,
    ).toHaveLength(1);
  });

  it("keep the tracks' realtime effects and refuse ones that cannot run, saying which track", () => {
    const { assets, project } = aProject();
    const effects = [{ id: 'f', on: false, kind: 'filter' as const, type: 'lowpass' as const, hz: 3000 }];
    const withEffects = { ...project, tracks: [{ ...project.tracks[0], effects }] };
    const view = { playhead: 0, trackHeights: {}, loopRegion: null };
    expect(readProjectFile(writeProjectFile(withEffects, view, assets), 'fx.omni').project).toEqual(withEffects);
    const broken = { ...project, tracks: [{ ...project.tracks[0], effects: [{ ...effects[0], hz: 1e6 }] }] };
    expect(() => readProjectFile(writeProjectFile(broken, view, assets), 'bad.omni')).toThrow(
      '"bad.omni" cannot be opened: on track "Track 1": A filter\'s frequency must be 20 to 20000 Hz.',
    );
    const mute = { ...project, buses: [{ id: 'b', name: 'Bus 1', gainDb: Number.NaN }] };
    expect(() => readProjectFile(writeProjectFile(mute, view, assets), 'bus.omni')).toThrow(
      '"bus.omni" cannot be opened: the fader on Bus 1 has no level.',
    );
    const faded = { ...project, master: { gainDb: 0, volume: [{ at: 100, gain: 0.5 }] } };
    expect(readProjectFile(writeProjectFile(faded, view, assets), 'fade.omni').project).toEqual(faded);
    const garbled = { ...project, master: { gainDb: 0, volume: [{ at: 'soon', gain: 1 }] as never } };
    expect(() => readProjectFile(writeProjectFile(garbled, view, assets), 'g.omni')).toThrow(
      '"g.omni" cannot be opened: the fader on the master has a volume automation that cannot be read.',
    );
    const bus = { id: 'b', name: 'Bus 1', gainDb: 0 };
    const sending = (send: TrackSend) => ({
      ...project,
      buses: [bus],
      tracks: [{ ...project.tracks[0], sends: [send] }],
    });
    const pre = sending({ busId: 'b', levelDb: -6, preFader: true });
    expect(readProjectFile(writeProjectFile(pre, view, assets), 'pre.omni').project).toEqual(pre);
    expect(() =>
      readProjectFile(writeProjectFile(sending({ busId: 'b', levelDb: 40 }), view, assets), 'loud.omni'),
    ).toThrow('"loud.omni" cannot be opened: a send on track "Track 1" is at 40 dB (-60 to +6).');
  });

  it('keep track groups and mixes, and refuse ones that cannot be read', () => {
    const { assets, project } = aProject();
    const view = { playhead: 0, trackHeights: {}, loopRegion: null };
    const grouped = { ...project, groups: [{ id: 'g', name: 'Group 1', suspended: true }] };
    const tracks = grouped.tracks.map((t) => ({ ...t, group: 'g' }));
    expect(readProjectFile(writeProjectFile({ ...grouped, tracks }, view, assets), 'g.omni').project.groups).toEqual(
      grouped.groups,
    );
    const garbled = { ...project, groups: { g: 'Group 1' } as never };
    expect(() => readProjectFile(writeProjectFile(garbled, view, assets), 'bad.omni')).toThrow(
      '"bad.omni" cannot be opened: its track groups are no list.',
    );
    const mixed = saveMix(project).project;
    expect(readProjectFile(writeProjectFile(mixed, view, assets), 'm.omni').project.mixes).toEqual(mixed.mixes);
    const garbledMix = { ...project, mixes: [{ id: 'm', name: 'Mix A', tracks: {}, faders: { x: 'loud' } }] as never };
    expect(() => readProjectFile(writeProjectFile(garbledMix, view, assets), 'bad.omni')).toThrow(
      'the mix "Mix A" cannot be read.',
    );
    const [kept] = mixed.mixes ?? [];
    const garbledRoute = { ...project, mixes: [{ ...kept, buses: { b: { output: 5, mute: false } } }] as never };
    expect(() => readProjectFile(writeProjectFile(garbledRoute, view, assets), 'bad.omni')).toThrow(
      'the mix "Mix A" cannot be read.',
    );
    const buses = [
      { id: 'b', name: 'Bus 1', gainDb: 0, output: 'c' },
      { id: 'c', name: 'Bus 2', gainDb: 0 },
    ];
    const routed = readProjectFile(writeProjectFile({ ...project, buses }, view, assets), 'r.omni').project;
    expect(routed.buses).toEqual(buses);
    const loud = { ...project, buses: [{ ...buses[0], sends: [{ busId: 'c', levelDb: 40 }] }, buses[1]] };
    expect(() => readProjectFile(writeProjectFile(loud, view, assets), 'bad.omni')).toThrow(
      '"bad.omni" cannot be opened: a send on Bus 1 is at 40 dB (-60 to +6).',
    );
    const wide = { ...project, buses: [{ ...buses[0], pan: 3 }, buses[1]] };
    expect(() => readProjectFile(writeProjectFile(wide, view, assets), 'bad.omni')).toThrow(
      '"bad.omni" cannot be opened: Bus 1 is panned past -1 to 1.',
    );
    const stray = { ...project, buses: [{ ...buses[0], output: 7 }] as never };
    expect(() => readProjectFile(writeProjectFile(stray, view, assets), 'bad.omni')).toThrow(
      '"bad.omni" cannot be opened: Bus 1 plays into no bus.',
    );
    const trackId = Object.keys(kept.tracks)[0];
    const badSend = {
      ...kept,
      tracks: { [trackId]: { ...kept.tracks[trackId], sends: [{ busId: 'b', levelDb: 40 }] } },
    };
    expect(() => readProjectFile(writeProjectFile({ ...project, mixes: [badSend] }, view, assets), 'bad.omni')).toThrow(
      'the mix "Mix A" keeps what cannot run: a send on a track is at 40 dB (-60 to +6).',
    );
    const nameless = { ...project, groups: [{ id: 7 }] as never };
    expect(() => readProjectFile(writeProjectFile(nameless, view, assets), 'bad.omni')).toThrow(
      'a track group has no id or name.',
    );
  });
});
