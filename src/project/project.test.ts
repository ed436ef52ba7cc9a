import { describe, expect, it } from 'vitest';
import { AssetStore } from './asset-store';
import { mixdown, panGains, toStereo } from './mixdown';
import { processRange } from './process-ops';
import {
  extractRange,
  insertClips,
  insertGap,
  keepRange,
  moveClip,
  removeRange,
  repeatRange,
  splitClip,
  trimClipEdge,
} from './timeline-ops';
import type { Clip, Project, Track } from './types';
import { clipOverlap, newTrack, projectLength } from './types';
import { integratedLoudness } from '../dsp/loudness';

const counting = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

function setup(samples: Float32Array[] = [counting(100)], rate = 1000) {
  const assets = new AssetStore();
  const asset = assets.add(samples, rate);
  const clip: Clip = { id: 'c1', assetId: asset.id, name: 'a', start: 10, offset: 0, length: samples[0].length };
  const track: Track = { ...newTrack(0), clips: [clip] };
  const project: Project = { sampleRate: rate, tracks: [track] };
  return { assets, project, track };
}

/** What the track plays, sample by sample, over [0, n). */
const render = (p: Project, assets: AssetStore, n: number) =>
  Array.from(mixdown(p, assets, { range: { start: 0, end: n } })[0]);

describe('timeline ops', () => {
  it("trims a clip by its edges, its audio staying in place, no further than the asset's audio or 0", () => {
    const { assets, project } = setup(); // 100 samples at 10
    const shorter = trimClipEdge(trimClipEdge(project, 'c1', 'start', 30, 100), 'c1', 'end', 60, 100);
    expect(render(shorter, assets, 120).slice(28, 62)).toEqual([0, 0, ...counting(100).slice(20, 50), 0, 0]);
    const back = trimClipEdge(trimClipEdge(shorter, 'c1', 'start', -50, 100), 'c1', 'end', 500, 100);
    expect(back.tracks[0].clips[0]).toMatchObject({ start: 10, offset: 0, length: 100 }); // the whole asset again
    const one = trimClipEdge(project, 'c1', 'start', 1000, 100).tracks[0].clips[0];
    expect([one.start, one.length]).toEqual([109, 1]);
  });

  it('splits a clip into two windows that play the same samples', () => {
    const { track } = setup();
    const [a, b] = splitClip(track.clips[0], 40);
    expect([a.start, a.length, a.offset]).toEqual([10, 30, 0]);
    expect([b.start, b.length, b.offset]).toEqual([40, 70, 30]);
    expect(splitClip(track.clips[0], 10)).toHaveLength(1);
  });
  it('deletes a range and closes the gap (ripple)', () => {
    const { assets, project } = setup();
    const cut = { ...project, tracks: [removeRange(project.tracks[0], { start: 20, end: 30 }, true)] };
    expect(projectLength(cut)).toBe(100);
    const out = render(cut, assets, 100);
    expect(out.slice(18, 22)).toEqual([8, 9, 20, 21]);
  });
  it('repeats a range after itself, what followed moving right', () => {
    const { assets, project } = setup();
    const repeated = { ...project, tracks: [repeatRange(project.tracks[0], { start: 20, end: 30 }, 2)] };
    expect(projectLength(repeated)).toBe(130);
    const out = render(repeated, assets, 130);
    const once = Array.from({ length: 10 }, (_, i) => 10 + i); // the range: samples 10-19 of the clip
    expect(out.slice(18, 52)).toEqual([8, 9, ...once, ...once, ...once, 20, 21]);
  });
  it('copies a range as clips relative to its start and pastes them with a gap opened', () => {
    const { assets, project } = setup();
    const copied = extractRange(project.tracks[0], { start: 15, end: 20 });
    expect(copied.map((c) => [c.start, c.offset, c.length])).toEqual([[0, 5, 5]]);
    const pasted = { ...project, tracks: [insertClips(project.tracks[0], 12, copied, 5)] };
    expect(projectLength(pasted)).toBe(115);
    expect(render(pasted, assets, 20).slice(10, 20)).toEqual([0, 1, 5, 6, 7, 8, 9, 2, 3, 4]);
  });
  it('trims to the selection in place and inserts silence', () => {
    const { assets, project } = setup();
    const trimmed = { ...project, tracks: [keepRange(project.tracks[0], { start: 50, end: 60 })] };
    expect(render(trimmed, assets, 61).slice(48, 61)).toEqual([0, 0, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 0]);
    const gapped = { ...project, tracks: [insertGap(project.tracks[0], 12, 3)] };
    expect(render(gapped, assets, 20).slice(10, 18)).toEqual([0, 1, 0, 0, 0, 2, 3, 4]);
  });
  it('moves a clip to another track and never before zero', () => {
    const { project } = setup();
    const two = { ...project, tracks: [...project.tracks, newTrack(1)] };
    const moved = moveClip(two, 'c1', two.tracks[1].id, -50);
    expect(moved.tracks[0].clips).toHaveLength(0);
    expect(moved.tracks[1].clips[0].start).toBe(0);
  });
});

describe('clipOverlap', () => {
  const clip: Clip = { id: 'c', assetId: 'a', name: 'c', start: 100, offset: 30, length: 50 };
  it('says which asset samples land where in a range, or that none do', () => {
    expect(clipOverlap(clip, { start: 0, end: 1000 })).toEqual({ read: 30, write: 100, count: 50 });
    expect(clipOverlap(clip, { start: 120, end: 130 })).toEqual({ read: 50, write: 0, count: 10 });
    expect(clipOverlap(clip, { start: 140, end: 400 })).toEqual({ read: 70, write: 0, count: 10 });
    expect(clipOverlap(clip, { start: 150, end: 400 })).toBeNull();
    expect(clipOverlap(clip, { start: 0, end: 100 })).toBeNull();
  });
});

describe('AssetStore', () => {
  it('copies a range gently, equal to a plain slice, and independent of the asset', async () => {
    const { assets, project } = setup([Float32Array.from({ length: 5_000_000 }, (_, i) => i % 1000)]);
    const id = project.tracks[0].clips[0].assetId;
    const copy = await assets.sliceGently(id, 123, 4_500_000);
    expect(copy[0].length).toBe(4_500_000);
    expect(copy[0].every((v, i) => v === (i + 123) % 1000)).toBe(true);
    copy[0][0] = -1;
    expect(assets.get(id).channels[0][123]).toBe(123);
  });
});

describe('sample-changing ops', () => {
  const ones = () => setup([new Float32Array(100).fill(1)]);
  it('fades only the selection and leaves the source asset untouched', async () => {
    const { assets, project } = ones();
    const ids = [project.tracks[0].id];
    const faded = await processRange(project, ids, { start: 20, end: 25 }, assets, {
      kind: 'fade',
      direction: 'in',
      curve: 'linear',
    });
    expect(render(faded, assets, 30).slice(18, 27)).toEqual([1, 1, 0, 0.25, 0.5, 0.75, 1, 1, 1]);
    expect(render(project, assets, 30).slice(18, 27)).toEqual(Array(9).fill(1));
  });
  it('applies gain in dB and normalises the peak', async () => {
    const { assets, project } = setup([Float32Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.25 : -0.125))]);
    const ids = [project.tracks[0].id];
    const louder = await processRange(project, ids, { start: 10, end: 110 }, assets, { kind: 'gain', db: 6.0206 });
    expect(render(louder, assets, 12)[11]).toBeCloseTo(0.5, 4);
    const normal = await processRange(project, ids, { start: 10, end: 110 }, assets, { kind: 'normalizePeak', db: 0 });
    expect(Math.max(...render(normal, assets, 110).map(Math.abs))).toBeCloseTo(1, 6);
  });
  it('normalises loudness to the target LUFS', async () => {
    const sine = Float32Array.from({ length: 24000 }, (_, i) => 0.05 * Math.sin((2 * Math.PI * 440 * i) / 8000));
    const { assets, project } = setup([sine], 8000);
    expect(integratedLoudness([sine], 8000)).toBeLessThan(-25);
    const out = await processRange(project, [project.tracks[0].id], { start: 10, end: 24010 }, assets, {
      kind: 'normalizeLoudness',
      lufs: -16,
    });
    const mixed = mixdown(out, assets, { range: { start: 10, end: 24010 } });
    expect(integratedLoudness(mixed, 8000)).toBeCloseTo(-16, 1);
  });
  it('reverses a range that spans a gap, mirroring positions', async () => {
    const { assets, project } = setup([counting(4)]);
    // clip plays 0,1,2,3 at 10..13; reverse [8, 14) mirrors it to 8..11, playing 3,2,1,0
    const rev = await processRange(project, [project.tracks[0].id], { start: 8, end: 14 }, assets, { kind: 'reverse' });
    expect(render(rev, assets, 14).slice(8, 14)).toEqual([3, 2, 1, 0, 0, 0]);
  });
  it('changes the tempo of a range: it gets shorter, what follows moves with its end, its labels scale', async () => {
    const tone = Float32Array.from({ length: 8000 }, (_, i) => Math.sin((2 * Math.PI * 220 * i) / 8000));
    const { assets, project, track } = setup([tone, tone], 8000);
    const later: Clip = { ...track.clips[0], id: 'c2', start: 9000, length: 1000 };
    const label = { id: 'l', start: 2010, end: 4010, name: 'tone', description: 'a tone', confidence: 0.9 };
    const after = { ...label, id: 'm', start: 9000, end: 9500 };
    const analysed = { ...track, clips: [track.clips[0], later], labels: [label, after], tempoBpm: 120, beatStart: 10 };
    const out = await processRange({ ...project, tracks: [analysed] }, [track.id], { start: 10, end: 8010 }, assets, {
      kind: 'tempo',
      percent: 100,
    });
    const [faster] = out.tracks;
    expect(faster.clips.map((c) => [c.start, c.length])).toEqual([
      [10, 4000],
      [5000, 1000],
    ]);
    expect(faster.labels!.map((l) => [l.start, l.end])).toEqual([
      [1010, 2010],
      [5000, 5500],
    ]);
    // A part of the track changed tempo: its grid no longer holds and is dropped.
    expect([faster.tempoBpm, faster.beatStart]).toEqual([undefined, undefined]);
    expect(assets.get(faster.clips[0].assetId).channels).toHaveLength(2);
  });
  it("changes the pitch of a range and keeps its length; the whole track's key moves with it", async () => {
    const tone = Float32Array.from({ length: 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / 8000));
    const { assets, project, track } = setup([tone], 8000);
    const keyed = { ...project, tracks: [{ ...track, musicKey: 'A minor' }] };
    const up = await processRange(keyed, [track.id], { start: 10, end: 8010 }, assets, {
      kind: 'pitch',
      semitones: 12,
    });
    expect(up.tracks[0].clips[0].length).toBe(8000);
    expect(up.tracks[0].musicKey).toBe('A minor');
    const middle = assets.get(up.tracks[0].clips[0].assetId).channels[0].subarray(2000, 6000);
    const rising = middle.filter((v, i) => i > 0 && middle[i - 1] < 0 && v >= 0).length;
    expect(rising).toBeGreaterThanOrEqual(219); // 440 Hz over 0.5 s
    expect(rising).toBeLessThanOrEqual(221);
    const third = await processRange(keyed, [track.id], { start: 10, end: 8010 }, assets, {
      kind: 'pitch',
      semitones: 3,
    });
    expect(third.tracks[0].musicKey).toBe('C minor');
    const part = await processRange(keyed, [track.id], { start: 10, end: 4010 }, assets, {
      kind: 'pitch',
      semitones: 3,
    });
    expect(part.tracks[0].musicKey).toBeUndefined();
  });
  it('changes the speed as a tape does: shorter and higher together', async () => {
    const tone = Float32Array.from({ length: 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / 8000));
    const { assets, project, track } = setup([tone], 8000);
    const out = await processRange(project, [track.id], { start: 10, end: 8010 }, assets, {
      kind: 'speed',
      percent: 100,
    });
    const [clip] = out.tracks[0].clips;
    expect([clip.start, clip.length]).toEqual([10, 4000]);
    const middle = assets.get(clip.assetId).channels[0].subarray(1000, 3000);
    const rising = middle.filter((v, i) => i > 0 && middle[i - 1] < 0 && v >= 0).length;
    expect(rising).toBeGreaterThanOrEqual(109); // 440 Hz over 0.25 s
    expect(rising).toBeLessThanOrEqual(111);
  });
  it("refuses an effect's settings beyond what it offers, naming the setting", async () => {
    const { assets, project, track } = setup();
    const range = { start: 10, end: 110 };
    await expect(processRange(project, [track.id], range, assets, { kind: 'pitch', semitones: 30 })).rejects.toThrow(
      'semitones',
    );
    await expect(processRange(project, [track.id], range, assets, { kind: 'tempo', percent: -80 })).rejects.toThrow(
      'tempo change',
    );
    await expect(
      processRange(project, [track.id], range, assets, { kind: 'declick', sensitivity: 11 }),
    ).rejects.toThrow("De-click's sensitivity must be 1 to 10.");
    const correction = { kind: 'correctPitch', tonic: 0, mode: 'major', speedMs: 20, strength: 100 } as const;
    await expect(processRange(project, [track.id], range, assets, { ...correction, speedMs: 500 })).rejects.toThrow(
      "Pitch correction's retune speed must be 0 to 400 ms.",
    );
    await expect(processRange(project, [track.id], range, assets, { ...correction, tonic: 12 })).rejects.toThrow(
      "Pitch correction's key must be one of the twelve notes",
    );
    const note = { start: 10, end: 110, cents: 1300, midi: 60 };
    await expect(
      processRange(project, [track.id], range, assets, { kind: 'shiftNotes', shifts: [note] }),
    ).rejects.toThrow('A note can move at most 12 semitones.');
    await expect(
      processRange(project, [track.id], range, assets, {
        kind: 'shiftNotes',
        shifts: [{ ...note, cents: 0, straighten: 150 }],
      }),
    ).rejects.toThrow('A note is straightened by 0 to 100 %.');
    await expect(
      processRange(project, [track.id], range, assets, { kind: 'reverb', decaySeconds: 20, wetDb: -12 }),
    ).rejects.toThrow("A reverb's decay must be 0.2 to 10 s.");
    await expect(
      processRange(project, [track.id], range, assets, { kind: 'gate', thresholdDb: -40, reductionDb: 0 }),
    ).rejects.toThrow("A noise gate's reduction must be -60 to -1 dB.");
  });
});

describe('mixdown', () => {
  it('follows mute, solo and track gain', () => {
    const { assets, project } = setup([new Float32Array(10).fill(0.5)]);
    const second: Track = { ...newTrack(1), gainDb: -6.0206, clips: [{ ...project.tracks[0].clips[0], id: 'c2' }] };
    const both = { ...project, tracks: [project.tracks[0], second] };
    expect(render(both, assets, 11)[10]).toBeCloseTo(0.75, 4);
    expect(render({ ...both, tracks: [both.tracks[0], { ...second, solo: true }] }, assets, 11)[10]).toBeCloseTo(
      0.25,
      4,
    );
    expect(render({ ...both, tracks: [{ ...both.tracks[0], mute: true }, second] }, assets, 11)[10]).toBeCloseTo(
      0.25,
      4,
    );
  });
  it('pans like Web Audio: mono at centre is -3 dB each side, stereo at centre passes through', () => {
    expect(panGains(0, true).ll).toBeCloseTo(Math.SQRT1_2, 12);
    expect(panGains(-1, true)).toMatchObject({ ll: 1 });
    expect(panGains(0, false)).toMatchObject({ ll: 1, rr: 1 });
    expect(panGains(0, false).rl).toBeCloseTo(0, 12);
    const { assets, project } = setup([new Float32Array(4).fill(1)]);
    const panned = { ...project, tracks: [{ ...project.tracks[0], pan: 1 }] };
    const [l, r] = mixdown(panned, assets, { range: { start: 10, end: 14 } });
    expect(l[0]).toBeCloseTo(0, 6);
    expect(r[0]).toBeCloseTo(1, 6);
  });
  it('folds 5.1 to stereo', () => {
    const six = [1, 2, 3, 4, 5, 6].map((v) => new Float32Array([v]));
    const [l, r] = toStereo(six);
    expect(l[0]).toBeCloseTo(1 + Math.SQRT1_2 * (3 + 5), 5);
    expect(r[0]).toBeCloseTo(2 + Math.SQRT1_2 * (3 + 6), 5);
  });
});
