import { describe, expect, it } from 'vitest';
import { automatableParams, automationProblem, paramPlace, paramValue, placeAt, settingsAt } from './effect-automation';
import { EffectChain, type TrackEffect } from './effect-chain';
import { filter } from './filters';

const RATE = 48000;

function noise(length: number): Float32Array[] {
  let seed = 11;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
  return [0, 1].map(() => Float32Array.from({ length }, () => 0.3 * next()));
}

/** A low-pass swept from 200 Hz (its lane's bottom is 20 Hz) up to 20 kHz over [1000, 9000). */
const sweep: TrackEffect = {
  id: 'f',
  on: true,
  kind: 'filter',
  type: 'lowpass',
  hz: 1000,
  automation: {
    hz: [
      { at: 1000, gain: 1 / 3 },
      { at: 9000, gain: 1 },
    ],
  },
};

/** The channels from timeline sample `at` through a chain in blocks of `size`. */
function through(effects: TrackEffect[], x: Float32Array[], size: number, at = 0): Float32Array[] {
  const chain = new EffectChain(effects, RATE, 2, at);
  const out = x.map((c) => c.slice());
  for (let i = 0; i < out[0].length; i += size) chain.process(out.map((c) => c.subarray(i, i + size)));
  return out;
}

describe('effect automation', () => {
  it('reads a lane straight between points and flat beyond them, on its range (a frequency in octaves)', () => {
    const points = [
      { at: 100, gain: 0.2 },
      { at: 300, gain: 0.6 },
    ];
    expect([0, 100, 200, 300, 1000].map((at) => placeAt(points, at))).toEqual([0.2, 0.2, 0.4, 0.6, 0.6]);
    expect(paramValue('hz', 0)).toBeCloseTo(20, 6);
    expect(paramValue('hz', 1 / 3)).toBeCloseTo(200, 6);
    expect(paramValue('hz', 1)).toBeCloseTo(20000, 6);
    expect(paramPlace('hz', 2000)).toBeCloseTo(2 / 3, 6);
    expect(paramValue('thresholdDb', 0.5)).toBe(-30);
    expect(settingsAt(sweep, 5000)).toMatchObject({ kind: 'filter', type: 'lowpass' });
    expect((settingsAt(sweep, 5000) as { hz: number }).hz).toBeCloseTo(2000, 6);
    expect(automatableParams('filter')).toEqual(['hz', 'dryWet']);
    expect(automatableParams('reverb')).toEqual(['wetDb']);
  });

  it('gives the same samples whatever the blocks and wherever they start (the lanes read on the timeline grid)', () => {
    const x = noise(12000);
    const quanta = through([sweep], x, 128);
    expect(through([sweep], x, 1000)).toEqual(quanta);
    expect(through([sweep], x, 12000)).toEqual(quanta);
    // A chain started at timeline sample 77 with its blocks off the grid reads the lanes at the same samples.
    const late = through(
      [sweep],
      x.map((c) => c.subarray(77)),
      128,
      77,
    );
    const fromStart = through([sweep], x, 77 + 12000);
    // (Its filter started from rest at 77 rather than running from 0: the same once that memory has faded.)
    const gap = late[0].subarray(4000).reduce((m, v, i) => Math.max(m, Math.abs(v - fromStart[0][4077 + i])), 0);
    expect(gap).toBeLessThan(1e-6);
  });

  it('sweeps the filter: dull where its lane is low, all but open where it is high', () => {
    const x = noise(12000);
    const [y] = through([sweep], x, 128);
    const changes = (a: Float32Array) => a.reduce((sum, v, i) => sum + (i ? (v - a[i - 1]) ** 2 : 0), 0);
    const early = y.subarray(200, 1000);
    const late = y.subarray(10000, 12000);
    // Under 200 Hz the changes from sample to sample all but vanish; open, the noise keeps them.
    expect(changes(early) / early.length).toBeLessThan(1e-4);
    expect(changes(late) / late.length).toBeGreaterThan(0.02);
    // At the start it is the 200 Hz low-pass itself.
    const fixed = filter(x[0].subarray(0, 1000), 'lowpass', paramValue('hz', 1 / 3), RATE);
    expect(y.subarray(0, 1000)).toEqual(fixed);
  });

  it('fades an effect in by its dry/wet lane', () => {
    const x = noise(4096);
    const squash: TrackEffect = {
      id: 'c',
      on: true,
      kind: 'compressor',
      thresholdDb: -40,
      ratio: 10,
      makeupDb: 0,
      automation: {
        dryWet: [
          { at: 0, gain: 0 },
          { at: 4096, gain: 1 },
        ],
      },
    };
    const y = through([squash], x, 128);
    expect(Array.from(y[0].subarray(0, 128))).toEqual(Array.from(x[0].subarray(0, 128))); // all dry at first
    const full = through([{ ...squash, automation: undefined }], x, 128);
    expect(y[0][4000]).not.toBeCloseTo(x[0][4000], 3);
    expect(Math.abs(y[0][4090] - full[0][4090])).toBeLessThan(0.05 * Math.abs(x[0][4090]) + 1e-4);
  });

  it('keeps the memory of an effect whose lane alone is edited', () => {
    const x = noise(4096);
    const chain = new EffectChain([sweep], RATE, 2);
    const out = x.map((c) => c.slice());
    chain.process(out.map((c) => c.subarray(0, 2048)));
    const moved = { ...sweep, automation: { hz: [{ at: 0, gain: 0.9 }] } };
    chain.retune([moved]);
    chain.process(out.map((c) => c.subarray(2048)));
    const fresh = through(
      [moved],
      x.map((c) => c.subarray(2048)),
      128,
      2048,
    );
    expect(out[0].subarray(2048)).not.toEqual(fresh[0]); // carried on from the first half, not from rest
    expect(out[0].subarray(3000)).toEqual(fresh[0].subarray(952)); // and the same once that memory fades
  });

  it('refuses lanes that cannot run', () => {
    expect(automationProblem(sweep)).toBeNull();
    expect(automationProblem({ ...sweep, automation: { wetDb: [] } })).toBe("No lane can move the filter's wetDb.");
    const backwards = {
      hz: [
        { at: 10, gain: 0.5 },
        { at: 5, gain: 0.5 },
      ],
    };
    expect(automationProblem({ ...sweep, automation: backwards })).toMatch(/out of order or out of range/);
    expect(automationProblem({ ...sweep, automation: { hz: [{ at: 0, gain: 2 }] } })).toMatch(/out of range/);
  });
});
