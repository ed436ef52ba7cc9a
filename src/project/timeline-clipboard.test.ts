import { describe, expect, it } from 'vitest';
import { envelopeGainAt } from './envelope';
import { copyTimeline, lanesFollowClips, liftTimeline, pasteTimeline } from './timeline-clipboard';
import { insertGap, moveClips } from './timeline-ops';
import { emptyProject, newTrack, type SoundLabel } from './types';

const label = (start: number, end: number): SoundLabel => ({
  id: `l${start}`,
  start,
  end,
  name: 'knock',
  description: 'a knock',
  confidence: 1,
});
const at = (points: { at: number; gain: number }[] | undefined, t: number) => envelopeGainAt(points!, t);

describe('copy and paste of a track stretch', () => {
  const ride = [
    { at: 0, gain: 1 },
    { at: 1000, gain: 0 },
  ];
  const track = { ...newTrack(0), volume: ride, labels: [label(300, 400), label(900, 1100)] };

  it('copies the lanes over the stretch and the labels wholly within it, from its start', () => {
    const copied = copyTimeline(track, { start: 200, end: 1000 });
    expect(at(copied.volume, 0)).toBeCloseTo(0.8, 9);
    expect(at(copied.volume, 400)).toBeCloseTo(0.4, 9);
    expect(copied.pan).toBeUndefined();
    expect(copied.labels?.map((l) => [l.start, l.end])).toEqual([[100, 200]]);
  });

  it('pastes them onto the gap the paste opened, the lane outside it as it was', () => {
    const copied = copyTimeline(track, { start: 200, end: 600 });
    const opened = insertGap(track, 500, 400);
    const pasted = pasteTimeline(opened, 500, 400, copied);
    for (const t of [0, 250, 499]) expect(at(pasted.volume, t)).toBeCloseTo(at(ride, t), 9);
    for (const t of [0, 200, 399]) expect(at(pasted.volume, 500 + t)).toBeCloseTo(at(ride, 200 + t), 9);
    for (const t of [900, 1100, 1400]) expect(at(pasted.volume, t)).toBeCloseTo(at(ride, t - 400), 9);
    expect(pasted.labels?.map((l) => [l.start, l.end])).toEqual([
      [300, 400],
      [600, 700],
      [1300, 1500],
    ]);
    expect(new Set(pasted.labels?.map((l) => l.id)).size).toBe(3);
  });

  it('pastes a pan lane onto a track without one, its own pan kept around it', () => {
    const panned = { ...newTrack(0), panPoints: [{ at: 0, pan: -1 }] };
    const copied = copyTimeline(panned, { start: 0, end: 100 });
    const target = { ...newTrack(1), pan: 0.5 };
    const pasted = pasteTimeline(insertGap(target, 1000, 100), 1000, 100, copied);
    const pan = (t: number) =>
      envelopeGainAt(
        pasted.panPoints!.map((p) => ({ at: p.at, gain: p.pan })),
        t,
      );
    expect([pan(500), pan(1050), pan(1500)]).toEqual([0.5, -1, 0.5]);
  });
});

describe('lanesFollowClips', () => {
  const clip = (id: string, start: number) => ({ id, assetId: 'a', name: id, start, offset: 0, length: 100 });
  // Unity, then 100-200 ridden down to 0.25 under clip "b", unity again from 300.
  const ride = [
    { at: 0, gain: 1 },
    { at: 99, gain: 1 },
    { at: 100, gain: 0.25 },
    { at: 199, gain: 0.25 },
    { at: 200, gain: 1 },
  ];
  const one = { ...newTrack(0), clips: [clip('b', 100)], volume: ride, labels: [label(120, 180)] };
  const other = { ...newTrack(1), clips: [] };
  const project = { ...emptyProject(1000), tracks: [one, other] };

  it('carries a moved clip’s stretch of the lane and its labels, the lane straight across where it left', () => {
    const moved = moveClips(project, ['b'], 400, 0);
    const carried = lanesFollowClips(project, moved, ['b']).tracks[0];
    for (const t of [500, 550, 599]) expect(at(carried.volume, t)).toBeCloseTo(0.25, 9);
    for (const t of [100, 150, 199, 300, 650]) expect(at(carried.volume, t)).toBeCloseTo(1, 9);
    expect(carried.labels?.map((l) => [l.start, l.end])).toEqual([[520, 580]]);
  });

  it('carries them onto the track the clip lands on', () => {
    const moved = moveClips(project, ['b'], 0, 1);
    const [from, to] = lanesFollowClips(project, moved, ['b']).tracks;
    expect(at(from.volume, 150)).toBeCloseTo(1, 9);
    expect(at(to.volume, 150)).toBeCloseTo(0.25, 9);
    expect(at(to.volume, 50)).toBeCloseTo(1, 9); // unity around it, as the track had no lane
    expect(to.labels?.map((l) => l.start)).toEqual([120]);
    expect(from.labels).toEqual([]);
  });

  it("moves the stretch of its own track's send and effect lanes with a clip that stays on it", () => {
    const effect = { id: 'f', on: true, kind: 'filter', type: 'lowpass', hz: 1000, automation: { hz: ride } } as never;
    const withInserts = {
      ...project,
      tracks: [{ ...one, effects: [effect], sends: [{ busId: 'x', levelDb: 0, volume: ride }] }, other],
    };
    const carried = lanesFollowClips(withInserts, moveClips(withInserts, ['b'], 400, 0), ['b']).tracks[0];
    const hz = (carried.effects![0] as unknown as { automation: { hz: typeof ride } }).automation.hz;
    for (const lane of [hz, carried.sends![0].volume!]) {
      expect(at(lane, 550)).toBeCloseTo(0.25, 9);
      expect(at(lane, 150)).toBeCloseTo(1, 9);
    }
  });

  it('lifts a stretch from the timeline start, the lane after it kept', () => {
    const track = {
      ...newTrack(0),
      volume: [
        { at: 0, gain: 0.5 },
        { at: 50, gain: 0.5 },
        { at: 100, gain: 1 },
      ],
    };
    const lifted = liftTimeline(track, { start: 0, end: 50 });
    expect(lifted.volume?.every((p) => p.at >= 0)).toBe(true);
    expect(at(lifted.volume, 100)).toBe(1);
  });

  it('leaves the project as moved where the clip carried nothing', () => {
    const bare = { ...emptyProject(1000), tracks: [{ ...newTrack(0), clips: [clip('b', 100)] }] };
    const moved = moveClips(bare, ['b'], 10, 0);
    expect(lanesFollowClips(bare, moved, ['b'])).toBe(moved);
  });
});
