import { describe, expect, it } from 'vitest';
import { AssetStore } from './asset-store';
import { setBusOutput } from './bus-routing';
import { setBusSolo, setOutput, setSend, soloBusOnly } from './buses';
import { soloOnly } from './track-ops';
import { clipAt } from './clip.fixture';
import { audibleTracks, mixdown } from './mixdown';
import { heardOf } from './solo';
import { type EffectBus, emptyProject, newTrack, type Project } from './types';

const RATE = 8000;
const range = { range: { start: 0, end: 800 } };
const lowpass = { id: 'l', on: true, kind: 'filter' as const, type: 'lowpass' as const, hz: 1000 };
const bus = (id: string, effects = [lowpass]): EffectBus => ({ id, name: `Bus ${id}`, gainDb: 0, effects });

/** Three tones: the lead straight to the master, the drums into group bus `g`, the pad sending to bus `r`. */
function session(): { project: Project; assets: AssetStore; ids: string[] } {
  const assets = new AssetStore();
  const tone = (hz: number) =>
    assets.add([Float32Array.from({ length: 800 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / RATE))], RATE);
  const tracks = [220, 330, 550].map((hz, i) => ({ ...newTrack(i), clips: [clipAt(`c${i}`, tone(hz).id, 0, 800)] }));
  const ids = tracks.map((t) => t.id);
  let project: Project = { ...emptyProject(RATE), tracks, buses: [bus('g', []), bus('r')] };
  project = setOutput(project, ids[1], 'g').project;
  project = setSend(project, ids[2], 'r', 0).project;
  return { project, assets, ids };
}

/** The session's mix, `keep` made to its project first. */
const parts = (s: ReturnType<typeof session>, keep: (p: Project) => Project) =>
  mixdown(keep(s.project), s.assets, range);

describe('solo in place', () => {
  it('with nothing soloed, lets every unmuted track and every way through', () => {
    const { project, ids } = session();
    expect(audibleTracks(project).map((t) => t.id)).toEqual(ids);
    expect(heardOf(project).passes(ids[0], undefined)).toBe(true);
  });

  it('a soloed group bus brings the tracks that play into it, and nothing else', () => {
    const s = session();
    const soloed = setBusSolo(s.project, 'g', true);
    expect(soloed.label).toBe('Solo Bus g');
    expect(audibleTracks(soloed.project).map((t) => t.id)).toEqual([s.ids[1]]);
    const drumsAlone = parts(s, (p) => ({ ...p, tracks: p.tracks.map((t, i) => ({ ...t, mute: i !== 1 })) }));
    expect(mixdown(soloed.project, s.assets, range)).toEqual(drumsAlone);
    // A muted track stays muted.
    const muted = { ...soloed.project, tracks: soloed.project.tracks.map((t, i) => ({ ...t, mute: i === 1 })) };
    expect(audibleTracks(muted)).toEqual([]);
    // Exclusive: the bus alone soloed, a track's solo and another bus's off; again, every solo off.
    const others = setBusSolo(
      { ...s.project, tracks: s.project.tracks.map((t, i) => ({ ...t, solo: i === 0 })) },
      'r',
      true,
    );
    const only = soloBusOnly(others.project, 'g');
    expect(only.label).toBe('Solo only');
    expect(only.project.tracks.map((t) => t.solo)).toEqual([false, false, false]);
    expect(only.project.buses?.map((b) => b.solo ?? false)).toEqual([true, false]);
    const none = soloBusOnly(only.project, 'g');
    expect(none.label).toBe('Unsolo all');
    expect(none.project.buses?.map((b) => b.solo ?? false)).toEqual([false, false]);
    // A track's exclusive solo takes the buses' solos off too.
    expect(soloOnly(only.project, s.ids[0]).project.buses?.map((b) => b.solo ?? false)).toEqual([false, false]);
  });

  it('a soloed reverb bus is heard alone, wet: the tracks sending to it feed it, their own sound left out', () => {
    const s = session();
    const soloed = setBusSolo(s.project, 'r', true).project;
    expect(audibleTracks(soloed).map((t) => t.id)).toEqual([s.ids[2]]);
    const heard = heardOf(soloed);
    expect(heard.passes(s.ids[2], 'r')).toBe(true);
    expect(heard.passes(s.ids[2], undefined)).toBe(false);
    // The pad alone, less its dry sound: its reverb's return.
    const padOnly = (p: Project) => ({ ...p, tracks: p.tracks.map((t, i) => ({ ...t, mute: i !== 2 })) });
    const withDry = parts(s, padOnly);
    const dry = mixdown(padOnly({ ...s.project, buses: [] }), s.assets, { ...range, stereo: true });
    mixdown(soloed, s.assets, range).forEach((channel, c) =>
      channel.forEach((v, i) => expect(v).toBeCloseTo(withDry[c][i] - dry[c][i], 6)),
    );
  });

  it('a soloed track keeps its sends and the buses they reach; a bus after a soloed one passes it on', () => {
    const s = session();
    const pad = s.project.tracks[2];
    const soloed = { ...s.project, tracks: s.project.tracks.map((t) => ({ ...t, solo: t.id === pad.id })) };
    const heard = heardOf(soloed);
    expect(heard.passes(pad.id, 'r')).toBe(true);
    expect(heard.passes('r', undefined)).toBe(true);
    expect(heard.passes(s.ids[1], 'g')).toBe(false);
    // The drum bus played into a soloed bus `m`: the drums, through `g` and `m`, and `m` on to the master.
    const master = { ...s.project, buses: [...(s.project.buses ?? []), bus('m', [])] };
    const chained = setBusSolo(setBusOutput(master, 'g', 'm').project, 'g', true).project;
    const chainHeard = heardOf(chained);
    expect(chainHeard.passes('g', 'm')).toBe(true);
    expect(chainHeard.passes('m', undefined)).toBe(true);
    expect(chainHeard.passes(s.ids[0], undefined)).toBe(false);
  });
});
