import { describe, expect, it } from 'vitest';
import { clipAt } from '../project/clip.fixture';
import { AssetStore } from '../project/asset-store';
import { audibleTracks, mixdown, needsStereo } from '../project/mixdown';
import { newTrack, type Project, type Track } from '../project/types';
import { groupTracks } from '../project/track-groups';
import { setOutput, setSend } from '../project/buses';
import { busStemsOf, stemNames, stemsOf } from './export-stems';

/** A mono track and a stereo track, panned and with gain, one muted mono track: the mix is stereo. */
function project(): { assets: AssetStore; project: Project } {
  const assets = new AssetStore();
  const mono = assets.add([Float32Array.from({ length: 50 }, (_, i) => Math.sin(i))], 1000);
  const stereo = assets.add([new Float32Array(30).fill(0.25), new Float32Array(30).fill(-0.5)], 1000);
  const tracks: Track[] = [
    { ...newTrack(0), name: 'Piano', gainDb: -3, clips: [clipAt('a', mono.id, 0, 50)] },
    { ...newTrack(1), name: 'Drums / kit', pan: -0.4, clips: [clipAt('b', stereo.id, 20, 30)] },
    { ...newTrack(2), name: 'Muted', mute: true, clips: [clipAt('c', mono.id, 5, 50)] },
  ];
  return { assets, project: { sampleRate: 1000, tracks } };
}

describe('stems', () => {
  it('sum to the mix when each is rendered in the mix’s layout', () => {
    const { assets, project: p } = project();
    const range = { start: 0, end: 60 };
    const heard = audibleTracks(p);
    expect(heard.map((t) => t.name)).toEqual(['Piano', 'Drums / kit']);
    const stereo = needsStereo(heard, assets);
    expect(stereo).toBe(true);
    const stems = heard.map((t) => mixdown(p, assets, { range, trackIds: [t.id], stereo }));
    const mix = mixdown(p, assets, { range });
    expect(stems.every((s) => s.length === 2)).toBe(true);
    for (const c of [0, 1])
      for (let i = 0; i < 60; i++) expect(stems[0][c][i] + stems[1][c][i]).toBeCloseTo(mix[c][i], 6);
  });

  it('a mono track rendered alone in its own layout would be louder than in the stereo mix', () => {
    const { assets, project: p } = project();
    const alone = mixdown(p, assets, { range: { start: 0, end: 60 }, trackIds: [p.tracks[0].id] });
    expect(alone).toHaveLength(1); // hence the forced layout above
  });

  it('are named by position and track name, safe for any file system', () => {
    expect(stemNames([{ name: 'Piano' }, { name: 'Drums / kit' }, { name: '«»' }])).toEqual([
      '01-piano',
      '02-drums-kit',
      '03-track',
    ]);
  });

  it("by group: a group's tracks in one stem named for it, where its first track comes; other tracks alone", () => {
    const { project: p } = project();
    const [piano, drums, muted] = p.tracks;
    const grouped = groupTracks(p, [piano.id, muted.id]).project;
    expect(stemsOf(grouped, [piano, drums, muted], true)).toEqual([
      { name: 'Group 1', trackIds: [piano.id, muted.id] },
      { name: 'Drums / kit', trackIds: [drums.id] },
    ]);
    expect(stemsOf(grouped, [piano, drums], false).map((s) => s.name)).toEqual(['Piano', 'Drums / kit']);
  });
});

describe('stems by bus', () => {
  it('each bus into the master with all it gathers, each track straight into the master alone: they sum to the mix before the master bus', () => {
    const assets = new AssetStore();
    const tone = (hz: number) =>
      assets.add([Float32Array.from({ length: 400 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / 8000))], 8000);
    const lowpass = { id: 'l', on: true, kind: 'filter' as const, type: 'lowpass' as const, hz: 1000 };
    const echo = { id: 'e', on: true, kind: 'echo' as const, delaySeconds: 0.005, decay: 0.5, wetOnly: true };
    const tracks: Track[] = ['Lead', 'Kick', 'Snare', 'Pad'].map((name, i) => ({
      ...newTrack(i),
      name,
      clips: [clipAt(`c${i}`, tone(220 * (i + 1)).id, 0, 400)],
    }));
    let p: Project = {
      sampleRate: 8000,
      tracks,
      buses: [
        { id: 'kit', name: 'Drums', gainDb: -3, effects: [lowpass], output: 'rhythm' },
        { id: 'rhythm', name: 'Rhythm', gainDb: 0, effects: [] },
        { id: 'verb', name: 'Echo', gainDb: 0, effects: [echo] },
        { id: 'unused', name: 'Unused', gainDb: 0, effects: [] },
      ],
      master: { gainDb: -6, effects: [lowpass] }, // left out of stems by bus
    };
    p = setOutput(setOutput(p, tracks[1].id, 'kit').project, tracks[2].id, 'kit').project;
    p = setSend(p, tracks[3].id, 'verb', -6).project;
    const stems = busStemsOf(p, audibleTracks(p));
    expect(stems).toEqual([
      { name: 'Lead', trackIds: [tracks[0].id] },
      { name: 'Pad', trackIds: [tracks[3].id] },
      { name: 'Rhythm', through: 'rhythm' },
      { name: 'Echo', through: 'verb' },
    ]);
    const range = { start: 0, end: 400 };
    const rendered = stems.map((s) =>
      mixdown(p, assets, { range, trackIds: s.trackIds, through: s.through, stereo: true }),
    );
    const premaster = mixdown({ ...p, master: undefined }, assets, { range, stereo: true });
    premaster.forEach((channel, c) =>
      channel.forEach((v, i) => expect(rendered.reduce((sum, stem) => sum + stem[c][i], 0)).toBeCloseTo(v, 6)),
    );
    // The Echo stem holds the pad's repeats: no stem is left empty.
    for (const stem of rendered) expect(Math.max(...stem[0].map(Math.abs))).toBeGreaterThan(0.01);
  });
});
