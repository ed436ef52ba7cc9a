import { describe, expect, it } from 'vitest';
import { clipAt } from '../project/clip.fixture';
import { AssetStore } from '../project/asset-store';
import { audibleTracks, mixdown, needsStereo } from '../project/mixdown';
import { newTrack, type Project, type Track } from '../project/types';
import { groupTracks } from '../project/track-groups';
import { stemNames, stemsOf } from './export-stems';

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
