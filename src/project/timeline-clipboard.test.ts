import { describe, expect, it } from 'vitest';
import { envelopeGainAt } from './envelope';
import { copyTimeline, pasteTimeline } from './timeline-clipboard';
import { insertGap } from './timeline-ops';
import { newTrack, type SoundLabel } from './types';

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
