import { describe, expect, it } from 'vitest';
import { AssetStore } from './asset-store';
import {
  addGainPoint,
  carryEnvelope,
  ENVELOPE_MAX_GAIN,
  envelopeGainAt,
  envelopeGains,
  envelopeRamps,
  type GainPoint,
  moveGainPoint,
  removeGainPoint,
  rampsOver,
  setTrackVolume,
} from './envelope';
import { placeAsset } from './generated-ops';
import { mixdown } from './mixdown';
import { processRange } from './process-ops';
import { extractRange, insertClips, splitTrackAt } from './timeline-ops';
import type { Clip, Project } from './types';
import { newTrack } from './types';

const ones = (n: number) => new Float32Array(n).fill(1);

/** One clip of 100 ones at 10, its asset read from 20 (so asset sample a plays at timeline a - 10). */
function setup(envelope: GainPoint[]) {
  const assets = new AssetStore();
  const asset = assets.add([ones(200)], 1000);
  const clip: Clip = { id: 'c', assetId: asset.id, name: 'a', start: 10, offset: 20, length: 100, envelope };
  const project: Project = { sampleRate: 1000, tracks: [{ ...newTrack(0), clips: [clip] }] };
  return { assets, project, trackId: project.tracks[0].id };
}

const render = (p: Project, assets: AssetStore, n = 120) =>
  Array.from(mixdown(p, assets, { range: { start: 0, end: n } })[0]);

/** A fall from 1 to 0 between asset samples 40 and 80 (timeline 30 to 70). */
const FALL: GainPoint[] = [
  { at: 40, gain: 1 },
  { at: 80, gain: 0 },
];

describe('volume envelope', () => {
  it('is a straight line in amplitude between points, held before the first and after the last', () => {
    expect(envelopeGainAt(undefined, 5)).toBe(1);
    expect(envelopeGainAt(FALL, 0)).toBe(1);
    expect(envelopeGainAt(FALL, 60)).toBeCloseTo(0.5, 12);
    expect(envelopeGainAt(FALL, 70)).toBeCloseTo(0.25, 12);
    expect(envelopeGainAt(FALL, 500)).toBe(0);
    const gains = envelopeGains([{ at: 5, gain: 2 }, ...FALL, { at: 90, gain: 0.5 }], 0, 120);
    for (let i = 0; i < 120; i++) {
      const want = envelopeGainAt([{ at: 5, gain: 2 }, ...FALL, { at: 90, gain: 0.5 }], i);
      expect(gains[i]).toBeCloseTo(want, 6);
    }
  });

  it('adds, moves and removes points, keeping them in order and within bounds', () => {
    let points = addGainPoint(FALL, 60.4, 9);
    expect(points).toEqual([FALL[0], { at: 60, gain: ENVELOPE_MAX_GAIN }, FALL[1]]);
    points = moveGainPoint(points, 1, 500, -1); // not past its right neighbour, not under silence
    expect(points[1]).toEqual({ at: 79, gain: 0 });
    expect(addGainPoint(points, 40, 0.5)[0]).toEqual({ at: 40, gain: 0.5 }); // the same sample: replaced
    expect(removeGainPoint(points, 1)).toEqual(FALL);
  });

  it('shapes the mix, the clip read from its offset', () => {
    const { assets, project } = setup(FALL);
    const out = render(project, assets);
    expect(out.slice(8, 12)).toEqual([0, 0, 1, 1]);
    expect(out[50]).toBeCloseTo(0.5, 6); // timeline 50 = asset 60
    expect(out[69]).toBeCloseTo(0.025, 6);
    expect(out.slice(70, 110).every((v) => v === 0)).toBe(true);
  });

  it('keeps every sample’s gain through split, copy and paste, since its points sit on the asset', () => {
    const { assets, project } = setup(FALL);
    const before = render(project, assets);
    const split = { ...project, tracks: [splitTrackAt(project.tracks[0], 50)] };
    expect(split.tracks[0].clips).toHaveLength(2);
    expect(render(split, assets)).toEqual(before);
    const copied = extractRange(project.tracks[0], { start: 40, end: 60 });
    const pasted = insertClips({ ...newTrack(1), id: 'other' }, 0, copied, 20);
    const alone = render({ ...project, tracks: [pasted] }, assets, 20);
    expect(alone).toEqual(before.slice(40, 60));
  });

  it('stays on the timeline through an effect, also one that moves time', async () => {
    const { assets, project, trackId } = setup(FALL);
    const before = render(project, assets);
    const louder = await processRange(project, [trackId], { start: 20, end: 60 }, assets, { kind: 'gain', db: 0 });
    expect(louder.tracks[0].clips.map((c) => c.assetId)).not.toContain(undefined);
    render(louder, assets).forEach((v, i) => expect(v).toBeCloseTo(before[i], 6));
    const clip = louder.tracks[0].clips.find((c) => c.start === 20)!;
    expect(clip.offset).toBe(0);
    expect(carryEnvelope(project.tracks[0].clips[0], clip)).toEqual(clip.envelope);
    const shifted = carryEnvelope(project.tracks[0].clips[0], { start: 0, offset: 0 }, (t) => t * 2);
    expect(shifted).toEqual([
      { at: 60, gain: 1 },
      { at: 140, gain: 0 },
    ]);
  });

  it('stays with an edit in place, not with a new generation over the clip', () => {
    const { assets, project, trackId } = setup(FALL);
    const result = assets.add([ones(40)], 1000);
    const edited = placeAsset(project, trackId, 40, result.id, 40, 'edit', true);
    const generated = placeAsset(project, trackId, 40, result.id, 40, 'new');
    expect(render(edited, assets)).toEqual(render(project, assets));
    expect(render(generated, assets)[60]).toBe(1);
  });

  it('plays as Web Audio ramps that meet the export at every event', () => {
    const { project } = setup([{ at: 30, gain: 2 }, ...FALL]);
    const clip = project.tracks[0].clips[0];
    const ramps = envelopeRamps(clip, 25, 60)!;
    expect(ramps.map((r) => r.at)).toEqual([25, 30, 60]);
    expect(ramps[0].gain).toBeCloseTo(envelopeGainAt(clip.envelope, 35), 12);
    expect(ramps[2].gain).toBeCloseTo(0.25, 12);
    expect(envelopeRamps({ ...clip, envelope: undefined }, 0, 10)).toBeNull();
  });
});

describe('track volume automation', () => {
  it('scales the track in the mixdown along its line, on top of its gain, and plays as the same ramps', () => {
    const assets = new AssetStore();
    const asset = assets.add([new Float32Array(1000).fill(0.5)], 1000);
    const clip: Clip = { id: 'c', assetId: asset.id, name: 'c', start: 0, offset: 0, length: 1000 };
    const volume: GainPoint[] = [
      { at: 200, gain: 1 },
      { at: 600, gain: 0 },
    ];
    const project: Project = { sampleRate: 1000, tracks: [{ ...newTrack(0), gainDb: -6.0206, clips: [clip], volume }] };
    const [out] = mixdown(project, assets, { range: { start: 0, end: 1000 } });
    expect(out[100]).toBeCloseTo(0.25, 4); // held at the first point, times the track's -6 dB
    expect(out[400]).toBeCloseTo(0.125, 4); // halfway down the line
    expect(out[800]).toBe(0);
    expect(rampsOver(volume, 100, 500)).toEqual([
      { at: 100, gain: 1 },
      { at: 200, gain: 1 },
      { at: 500, gain: 0.25 },
    ]);
    expect(setTrackVolume(project, project.tracks[0].id, []).tracks[0].volume).toBeUndefined();
  });
});
