import { describe, expect, it } from 'vitest';
import { envelopeGainAt, type GainPoint } from './envelope';
import {
  automationPointsIn,
  clearLanes,
  mapLanes,
  retimeLabels,
  retimeLine,
  retimeProject,
  retimeTrackData,
} from './timeline-data';
import { insertGap, removeRange, repeatRange } from './timeline-ops';
import { emptyProject, newTrack, type SoundLabel } from './types';

/** A fade from 1 at 0 to 0 at 1000. */
const fade: GainPoint[] = [
  { at: 0, gain: 1 },
  { at: 1000, gain: 0 },
];
/** The lane's values at `ats`, to 9 places (the lines are worked out from other points). */
const valuesOf = (points: GainPoint[], ats: number[]) => ats.map((at) => Number(envelopeGainAt(points, at).toFixed(9)));

const label = (start: number, end: number, name = 'x'): SoundLabel => ({
  id: name,
  start,
  end,
  name,
  description: name,
  confidence: 1,
});

describe('retimeLine', () => {
  it('a cut keeps the values on either side, meeting where the audio does', () => {
    const cut = retimeLine(fade, { cut: { start: 200, end: 600 } });
    expect(valuesOf(cut, [0, 100, 199])).toEqual(valuesOf(fade, [0, 100, 199]));
    expect(valuesOf(cut, [200, 300, 600])).toEqual(valuesOf(fade, [600, 700, 1000]));
  });

  it('a gap holds the value across it and moves the rest right', () => {
    const gapped = retimeLine(fade, { gap: { at: 500, length: 1000 } });
    expect(valuesOf(gapped, [0, 250, 500, 1000, 1500, 1750, 2000])).toEqual(
      valuesOf(fade, [0, 250, 500, 500, 500, 750, 1000]),
    );
  });

  it('a repeat plays the stretch again in each copy and moves the rest right', () => {
    const repeated = retimeLine(fade, { repeat: { start: 0, end: 500 }, times: 2 });
    for (const k of [0, 1, 2]) expect(valuesOf(repeated, [k * 500, k * 500 + 250])).toEqual([1, 0.75]);
    expect(valuesOf(repeated, [1500, 1750, 2000])).toEqual(valuesOf(fade, [500, 750, 1000]));
  });

  it('leaves an empty lane empty', () => {
    expect(retimeLine([], { cut: { start: 0, end: 10 } })).toEqual([]);
  });
});

describe('retimeLabels', () => {
  const labels = [
    label(100, 200, 'before'),
    label(300, 400, 'inside'),
    label(450, 700, 'across'),
    label(800, 900, 'after'),
  ];

  it('a cut moves what follows left, cuts a label short, and drops one wholly inside', () => {
    const cut = retimeLabels(labels, { cut: { start: 250, end: 500 } });
    expect(cut.map((l) => [l.name, l.start, l.end])).toEqual([
      ['before', 100, 200],
      ['across', 250, 450],
      ['after', 550, 650],
    ]);
  });

  it('a gap moves what follows right and lengthens a label it opens inside', () => {
    const gapped = retimeLabels(labels, { gap: { at: 500, length: 100 } });
    expect(gapped.map((l) => [l.start, l.end])).toEqual([
      [100, 200],
      [300, 400],
      [450, 800],
      [900, 1000],
    ]);
  });

  it('a repeat copies the labels it holds whole', () => {
    const repeated = retimeLabels(labels, { repeat: { start: 250, end: 420 }, times: 1 });
    expect(repeated.map((l) => [l.name, l.start, l.end])).toEqual([
      ['before', 100, 200],
      ['inside', 300, 400],
      ['inside', 470, 570],
      ['across', 620, 870],
      ['after', 970, 1070],
    ]);
  });
});

describe('time edits carry a track’s lanes and labels', () => {
  const track = {
    ...newTrack(0),
    volume: fade,
    panPoints: [
      { at: 0, pan: -1 },
      { at: 1000, pan: 1 },
    ],
    sends: [{ busId: 'b', levelDb: 0, volume: fade }],
    labels: [label(800, 900)],
  };

  it('a ripple delete moves them all left; a split delete leaves them', () => {
    const rippled = removeRange(track, { start: 100, end: 600 }, true);
    expect(envelopeGainAt(rippled.volume!, 100)).toBeCloseTo(0.4, 9);
    expect(rippled.panPoints!.find((p) => p.at === 100)?.pan).toBeCloseTo(0.2, 9);
    expect(envelopeGainAt(rippled.sends![0].volume!, 100)).toBeCloseTo(0.4, 9);
    expect(rippled.labels![0]).toMatchObject({ start: 300, end: 400 });
    expect(removeRange(track, { start: 100, end: 600 }, false)).toMatchObject({ volume: fade, labels: track.labels });
  });

  it('insert silence and repeat move them right', () => {
    expect(insertGap(track, 500, 500).labels![0]).toMatchObject({ start: 1300, end: 1400 });
    expect(repeatRange(track, { start: 0, end: 500 }, 1).labels![0]).toMatchObject({ start: 1300, end: 1400 });
  });

  it('moves an effect setting’s lane too', () => {
    const effect = { id: 'f', on: true, kind: 'filter', type: 'lowpass', hz: 1000, q: 0.7, automation: { hz: fade } };
    const withEffect = { ...track, effects: [effect as never] };
    const moved = retimeTrackData(withEffect, { gap: { at: 0, length: 100 } });
    expect(envelopeGainAt((moved.effects![0] as typeof effect).automation.hz, 600)).toBeCloseTo(0.5, 9);
  });
});

describe('mapLanes', () => {
  it("moves each point of every lane by a time-changing effect's map, keeping its value", () => {
    const track = { ...newTrack(0), volume: fade, panPoints: [{ at: 1000, pan: 1 }] };
    const slower = mapLanes(track, (t) => t * 2);
    expect(slower.volume).toEqual([
      { at: 0, gain: 1 },
      { at: 2000, gain: 0 },
    ]);
    expect(slower.panPoints).toEqual([{ at: 2000, pan: 1 }]);
    // Points a cut takes away land on its start: one is kept.
    expect(mapLanes(track, (t) => Math.min(t, 10)).volume).toEqual([
      { at: 0, gain: 1 },
      { at: 10, gain: 0 },
    ]);
  });
});

describe('clearLanes', () => {
  it('takes the points inside the range out, the lane going straight across it, and leaves the rest', () => {
    const ride = [
      { at: 0, gain: 1 },
      { at: 100, gain: 0.2 },
      { at: 150, gain: 0.9 },
      { at: 400, gain: 0.5 },
    ];
    const track = { ...newTrack(0), volume: ride, sends: [{ busId: 'b', levelDb: 0, volume: fade }] };
    expect(automationPointsIn(track, { start: 50, end: 200 })).toBe(2);
    const cleared = clearLanes(track, { start: 50, end: 200 });
    expect(automationPointsIn(cleared, { start: 50, end: 200 })).toBe(0);
    expect(valuesOf(cleared.volume!, [0, 50, 200, 300, 400])).toEqual(valuesOf(ride, [0, 50, 200, 300, 400]));
    expect(valuesOf(cleared.volume!, [125])).toEqual([(envelopeGainAt(ride, 50) + envelopeGainAt(ride, 200)) / 2]);
    expect(cleared.sends![0].volume).toEqual(fade); // nothing of it inside
  });
});

describe('retimeProject', () => {
  it("moves the master's and buses' lanes only where the edit moved time on every track", () => {
    const [a, b] = [newTrack(0), newTrack(1)];
    const project = {
      ...emptyProject(1000),
      tracks: [a, b],
      master: { gainDb: 0, volume: fade },
      buses: [{ id: 'bus', name: 'Bus', gainDb: 0, volume: fade }],
    };
    const gap = { gap: { at: 0, length: 500 } };
    const all = retimeProject(project, [a.id, b.id], gap, (t) => ({ ...t, name: 'edited' }));
    expect(all.tracks.map((t) => t.name)).toEqual(['edited', 'edited']);
    expect(envelopeGainAt(all.master!.volume!, 1000)).toBeCloseTo(0.5, 9);
    expect(envelopeGainAt(all.buses![0].volume!, 1000)).toBeCloseTo(0.5, 9);
    const one = retimeProject(project, [a.id], gap, (t) => ({ ...t, name: 'edited' }));
    expect(one.tracks.map((t) => t.name)).toEqual(['edited', b.name]);
    expect(one.master).toBe(project.master);
  });
});
