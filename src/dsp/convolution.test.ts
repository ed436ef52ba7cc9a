import { describe, expect, it } from 'vitest';
import { AssetStore } from '../project/asset-store';
import { clipAt } from '../project/clip.fixture';
import { missingImpulses, projectImpulseIds } from '../project/impulses';
import { mixdown } from '../project/mixdown';
import { emptyProject, newTrack } from '../project/types';
import { referencedAssetIds } from '../store/history';
import { builtInImpulse, convolutionProblem, heardImpulse, impulseEnvelopeDb, impulseSeconds } from './convolution';
import { CONVOLVER_BLOCK } from './convolver';
import { seededRandom } from './dither';
import { EffectChain, effectsLatency, ringOutSeconds, type TrackEffect } from './effect-chain';

const RATE = 16000;
const noise = (length: number, seed: number) => {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
};
const power = (x: Float32Array, from = 0) => x.subarray(from).reduce((sum, v) => sum + v * v, 0) / (x.length - from);
const db = (ratio: number) => 10 * Math.log10(ratio);

const convolver = (impulse: Extract<TrackEffect, { kind: 'convolver' }>['impulse'], wetDb = 0, wetOnly = true) =>
  ({ id: 'cv', on: true, kind: 'convolver', impulse, wetDb, wetOnly }) as TrackEffect;

/** Impulses with one loaded, 'ir', at the tests' rate. */
const loaded = (channels: Float32Array[], rate = RATE) => new Map([['ir', { rate, channels }]]);

/** An impulse of `length` samples, silent but for `gain` at `at`. */
const spike = (length: number, at: number, gain: number) => {
  const h = new Float32Array(length);
  h[at] = gain;
  return h;
};

describe('convolution reverb in a chain', () => {
  it('a loaded impulse: the sound through it, scaled to unit energy, CONVOLVER_BLOCK samples late', () => {
    const effect = convolver({ assetId: 'ir', name: 'echo', seconds: 0.1 });
    expect(effectsLatency([effect], RATE)).toBe(CONVOLVER_BLOCK);
    const x = noise(5000, 1);
    const block = [x.slice()];
    new EffectChain([effect], RATE, 1, 0, 0, loaded([spike(1600, 100, 0.25)])).process(block);
    // 0.25 at 100 samples has energy 1/16: scaled to unit energy, it is the sound 100 samples later at full level.
    const delay = CONVOLVER_BLOCK + 100;
    for (let i = 0; i < x.length - delay; i++) expect(block[0][delay + i]).toBeCloseTo(x[i], 4);
  });

  it('another impulse while it plays: what went into the old one rings on from it, what comes now goes through the new', () => {
    const x = noise(8000, 4);
    const block = [x.slice()];
    const [early, late] = [100, 300]; // each impulse a single tap, this many samples in
    const impulses = new Map([
      ['ir', { rate: RATE, channels: [spike(1600, early, 1)] }],
      ['ir2', { rate: RATE, channels: [spike(1600, late, 1)] }],
    ]);
    const before = convolver({ assetId: 'ir', name: 'early', seconds: 0.1 });
    const chain = new EffectChain([before], RATE, 1, 0, 0, impulses);
    chain.process([block[0].subarray(0, 3000)]);
    chain.retune([convolver({ assetId: 'ir2', name: 'late', seconds: 0.1 })]);
    chain.process([block[0].subarray(3000)]);
    for (let n = 3000; n < x.length; n++) {
      const [old, now] = [n - CONVOLVER_BLOCK - early, n - CONVOLVER_BLOCK - late];
      const expected = (old >= 0 && old < 3000 ? x[old] : 0) + (now >= 3000 ? x[now] : 0);
      expect(block[0][n]).toBeCloseTo(expected, 4);
    }
  });

  it('keeps the dry sound under the wet at its level, and takes a new level as it runs', () => {
    const x = noise(6000, 2);
    const block = [x.slice()];
    const effect = convolver({ assetId: 'ir', name: 'tap', seconds: 0.01 }, -6, false);
    const chain = new EffectChain([effect], RATE, 1, 0, 0, loaded([spike(10, 0, 1)]));
    chain.process([block[0].subarray(0, 3000)]);
    chain.retune([{ ...effect, wetDb: 0 } as TrackEffect]);
    chain.process([block[0].subarray(3000)]);
    const half = 10 ** (-6 / 20);
    expect(block[0][CONVOLVER_BLOCK + 1000]).toBeCloseTo((1 + half) * x[1000], 4);
    expect(block[0][CONVOLVER_BLOCK + 2000 + 3000 - CONVOLVER_BLOCK]).toBeCloseTo(
      2 * x[2000 + 3000 - CONVOLVER_BLOCK],
      4,
    );
  });

  it('a built-in hall: noise comes out at its level (unit energy), wide (left and right unlike), and rings on', () => {
    const x = noise(RATE * 2, 3);
    const block = [x.slice(), x.slice()];
    new EffectChain([convolver({ builtIn: 'hall' }, -6)], RATE, 2, 0).process(block);
    const settled = CONVOLVER_BLOCK + RATE; // past the tail's build-up
    expect(db(power(block[0], settled) / power(x))).toBeCloseTo(-6, 0);
    let shared = 0;
    for (let i = settled; i < x.length; i++) shared += block[0][i] * block[1][i];
    expect(Math.abs(shared / (x.length - settled)) / power(block[0], settled)).toBeLessThan(0.2);
    expect(ringOutSeconds([convolver({ builtIn: 'hall' })])).toBeCloseTo(0.25 + impulseSeconds({ builtIn: 'hall' }), 6);
    const [left] = builtInImpulse('hall', RATE);
    const tail = left.subarray(Math.round(2.4 * RATE) - 800, Math.round(2.4 * RATE));
    expect(db(power(tail) / power(left.subarray(800, 1600)))).toBeLessThan(-50); // about -60 dB at its decay time
  });

  it('a mono track hears a stereo impulse as its mean; a missing impulse lets the dry sound through, late', () => {
    const x = noise(4000, 4);
    const mono = [x.slice()];
    const impulses = loaded([spike(8, 0, 1), spike(8, 0, -0.5)]);
    new EffectChain([convolver({ assetId: 'ir', name: 'lr', seconds: 0.001 })], RATE, 1, 0, 0, impulses).process(mono);
    // Mean 0.25 at 0: unit energy makes it 1.
    expect(mono[0][CONVOLVER_BLOCK + 500]).toBeCloseTo(x[500], 4);
    const dry = [x.slice()];
    const gone = convolver({ assetId: 'gone', name: 'lost', seconds: 1 }, 0, false);
    new EffectChain([gone], RATE, 1, 0, 0, impulses).process(dry);
    expect(dry[0][CONVOLVER_BLOCK + 500]).toBe(x[500]);
  });

  it("a loaded impulse at another rate is resampled to the chain's", () => {
    // A tap 100 samples in at twice the rate is 50 in at this one.
    const x = noise(4000, 12);
    const block = [x.slice()];
    const effect = convolver({ assetId: 'ir', name: 'tap', seconds: 0.1 });
    new EffectChain([effect], RATE, 1, 0, 0, loaded([spike(400, 100, 1)], 2 * RATE)).process(block);
    const correlation = (lag: number) => {
      let sum = 0;
      for (let i = 0; i < 2000; i++) sum += block[0][CONVOLVER_BLOCK + lag + i] * x[i];
      return sum;
    };
    const lags = Array.from({ length: 41 }, (_, k) => 30 + k);
    expect(lags.reduce((best, lag) => (correlation(lag) > correlation(best) ? lag : best))).toBe(50);
  });

  it('a pre-delay puts the impulse that much later; a low cut takes a low tone out of the reverb, not the dry sound', () => {
    const x = noise(4000, 13);
    const block = [x.slice()];
    const tap = { ...convolver({ assetId: 'ir', name: 'tap', seconds: 0.01 }), predelayMs: 10 } as TrackEffect;
    new EffectChain([tap], RATE, 1, 0, 0, loaded([spike(10, 0, 1)])).process(block);
    expect(block[0][CONVOLVER_BLOCK + 160 + 1000]).toBeCloseTo(x[1000], 4); // 10 ms at 16 kHz
    expect(ringOutSeconds([tap])).toBeCloseTo(0.25 + 0.01 + 0.01, 6);
    const low = Float32Array.from({ length: 8000 }, (_, i) => Math.sin((2 * Math.PI * 60 * i) / RATE));
    const wetLevel = (lowCutHz: number) => {
      const cut = { ...convolver({ builtIn: 'room' }), lowCutHz } as TrackEffect;
      const out = [low.slice()];
      new EffectChain([cut], RATE, 1).process(out);
      return power(out[0], 4000);
    };
    expect(db(wetLevel(600) / wetLevel(0))).toBeLessThan(-40); // fourth order: -24 dB an octave, over three octaves
  });

  it('reversed, the impulse plays backwards: a tap at its start comes at its end', () => {
    const x = noise(4000, 14);
    const block = [x.slice()];
    const effect = { ...convolver({ assetId: 'ir', name: 'tap', seconds: 0.01 }), reverse: true } as TrackEffect;
    new EffectChain([effect], RATE, 1, 0, 0, loaded([spike(100, 0, 1)])).process(block);
    expect(block[0][CONVOLVER_BLOCK + 99 + 1000]).toBeCloseTo(x[1000], 4);
  });

  it("pictures an impulse's level over its length, under its peak: a hall dies away, reversed it swells", () => {
    const hall = { ...convolver({ builtIn: 'hall' }), kind: 'convolver' } as Extract<
      TrackEffect,
      { kind: 'convolver' }
    >;
    const levels = (effect: typeof hall) =>
      impulseEnvelopeDb(heardImpulse(effect, RATE, 1, new Map())!.channels[0], 32);
    const forwards = levels(hall);
    expect(Math.max(...forwards.subarray(0, 4))).toBe(0);
    expect(forwards[31]).toBeLessThan(-50);
    const backwards = levels({ ...hall, reverse: true });
    expect(backwards[31]).toBeGreaterThan(-3);
    expect(backwards[0]).toBeLessThan(-50);
    expect(Array.from(impulseEnvelopeDb(new Float32Array(100), 4))).toEqual([-60, -60, -60, -60]);
    expect(
      heardImpulse({ ...hall, impulse: { assetId: 'gone', name: 'x', seconds: 1 } }, RATE, 1, new Map()),
    ).toBeNull();
  });

  it('refuses settings that cannot run', () => {
    expect(convolutionProblem({ impulse: { builtIn: 'cave' as 'hall' }, wetDb: 0 })).toMatch(/needs an impulse/);
    expect(convolutionProblem({ impulse: { assetId: 'a', name: 'x', seconds: 0 }, wetDb: 0 })).toMatch(/impulse/);
    expect(convolutionProblem({ impulse: { builtIn: 'room' }, wetDb: 3 })).toMatch(/-40 to 0 dB/);
    expect(convolutionProblem({ impulse: { builtIn: 'room' }, wetDb: -12 })).toBeNull();
    expect(convolutionProblem({ impulse: { builtIn: 'room' }, wetDb: -12, predelayMs: 300 })).toMatch(/pre-delay/);
    expect(convolutionProblem({ impulse: { builtIn: 'room' }, wetDb: -12, highCutHz: 500 })).toMatch(/high cut/);
  });
});

describe('impulses as the project holds them', () => {
  it('are found on tracks, buses, the master and kept mixes, kept alive by the history, and mixed down', () => {
    const assets = new AssetStore();
    const sound = assets.add([noise(3000, 5)], RATE);
    const ir = assets.add([spike(50, 20, 1)], RATE);
    const loaded = convolver({ assetId: ir.id, name: 'tap', seconds: 50 / RATE });
    const track = { ...newTrack(0), clips: [clipAt('c', sound.id, 0, 3000)], effects: [loaded] };
    const project = {
      ...emptyProject(RATE),
      tracks: [track],
      buses: [
        { id: 'b', name: 'Bus 1', gainDb: 0, effects: [convolver({ assetId: 'bus-ir', name: 'b', seconds: 1 })] },
      ],
      master: { gainDb: 0, effects: [convolver({ assetId: 'master-ir', name: 'm', seconds: 1 })] },
      mixes: [
        {
          id: 'm',
          name: 'A',
          tracks: {},
          faders: {},
          effects: { b: [convolver({ assetId: 'mix-ir', name: 'x', seconds: 1 })] },
        },
      ],
    };
    expect(projectImpulseIds(project).sort()).toEqual([ir.id, 'bus-ir', 'master-ir', 'mix-ir'].sort());
    expect(missingImpulses([...track.effects, ...project.master.effects], assets)).toEqual(['m']);
    const withoutIr = { ...project, tracks: [{ ...track, effects: [] }], buses: [], master: undefined, mixes: [] };
    const history = { past: [{ label: 'Add effect', project }], future: [] };
    expect([...referencedAssetIds(withoutIr, history as never)]).toContain(ir.id);
    const mixed = mixdown({ ...project, buses: [], master: undefined }, assets, { range: { start: 0, end: 3000 } });
    const x = sound.channels[0];
    expect(mixed[0][1000 + 20]).toBeCloseTo(x[1000], 4); // through the loaded impulse, the chain's latency made up
  });
});
