import { describe, expect, it } from 'vitest';
import { compress } from './compressor';
import { echo } from './echo';
import { deessLatency } from './deess-line';
import { distort } from './distortion';
import { distortionLatency } from './distortion-line';
import { reverb } from './reverb';
import { FlangerLine, tremolo } from './modulation';
import { EffectChain, effectsLatency, type TrackEffect, trackEffectProblem } from './effect-chain';
import { equalize, presetBands } from './equalizer';
import { filter } from './filters';
import { dbToGain } from './gain';

const RATE = 48000;

/** Two channels of noise with a loud stretch in the middle (so a compressor has something to turn down). */
function noise(length: number): Float32Array[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
  return [0, 1].map(() =>
    Float32Array.from({ length }, (_, i) => next() * (i > length / 3 && i < length / 2 ? 0.9 : 0.05)),
  );
}

/** The channels through the chain in Web Audio's render quanta. */
function inBlocks(effects: TrackEffect[], channels: Float32Array[], block = 128): Float32Array[] {
  const chain = new EffectChain(effects, RATE, channels.length);
  const out = channels.map((c) => c.slice());
  for (let at = 0; at < out[0].length; at += block) chain.process(out.map((c) => c.subarray(at, at + block)));
  return out;
}

const eq: TrackEffect = { id: 'e', on: true, kind: 'eq', bands: presetBands('Telephone') };
const highpass: TrackEffect = { id: 'f', on: true, kind: 'filter', type: 'highpass', hz: 200 };
const squash: TrackEffect = { id: 'c', on: true, kind: 'compressor', thresholdDb: -30, ratio: 4, makeupDb: 6 };

describe('EffectChain', () => {
  it('block by block gives what each effect gives over the whole signal, in order', () => {
    const x = noise(RATE / 2);
    const out = inBlocks([eq, highpass, squash], x);
    const whole = compress(
      equalize(x, RATE, eq.kind === 'eq' ? eq.bands : []).map((c) => filter(c, 'highpass', 200, RATE)),
      RATE,
      { thresholdDb: -30, ratio: 4 },
    ).channels.map((c) => c.map((v) => v * dbToGain(6)));
    out.forEach((channel, c) => channel.forEach((v, i) => expect(v).toBeCloseTo(whole[c][i], 6)));
  });

  it('echoes and reverberates block by block as Echo and Reverb do a whole selection, mono and stereo', () => {
    const delay: TrackEffect = { id: 'd', on: true, kind: 'echo', delaySeconds: 0.01, decay: 0.5 };
    const room: TrackEffect = { id: 'r', on: true, kind: 'reverb', decaySeconds: 0.8, wetDb: -6 };
    for (const x of [noise(6000), noise(6000).slice(0, 1)]) {
      const whole = reverb(echo(x, RATE, { delaySeconds: 0.01, decay: 0.5 }), RATE, { decaySeconds: 0.8, wetDb: -6 });
      expect(inBlocks([delay, room], x)).toEqual(whole);
    }
  });

  it('runs a de-esser, distortion and stereo width in order, late by the first two look-aheads, taken in place', () => {
    const effects: TrackEffect[] = [
      { id: 's', on: true, kind: 'deess', hz: 6000, thresholdDb: 0, maxReductionDb: 12 },
      { id: 'd', on: true, kind: 'distortion', curve: 'soft', driveDb: 12, outputDb: -6 },
      { id: 'w', on: true, kind: 'width', widthPct: 0, monoBelowHz: 0 },
    ];
    const latency = deessLatency(RATE, 6000) + distortionLatency();
    expect(effectsLatency(effects, RATE)).toBe(latency);
    const x = noise(6000).map((c) => c.map((v) => v * 0.5));
    const padded = x.map((c) => Float32Array.from([...c, ...new Float32Array(latency)]));
    const out = inBlocks(effects, padded).map((c) => c.subarray(latency));
    // Nothing over 0 dBFS to de-ess: the distortion's samples, made mono (after its first 25, where the whole-clip
    // effect's up-sampled stream starts at the clip and the line's, fed the de-esser's silence first, before it).
    const [l, r] = distort(x, RATE, { curve: 'soft', driveDb: 12, outputDb: -6 });
    expect(out[0]).toEqual(out[1]);
    for (let i = 25; i < 5000; i++) expect(out[0][i]).toBeCloseTo((l[i] + r[i]) / 2, 6);
    const chain = new EffectChain(effects, RATE, 2);
    chain.process(padded.map((c) => c.slice(0, 128)));
    chain.retune(effects.map((e) => (e.kind === 'width' ? { ...e, widthPct: 150 } : e)));
    expect(chain.latency).toBe(latency);
  });

  it('runs a flanger as its line does, its LFO on the timeline', () => {
    const flanger: TrackEffect = { id: 'l', on: true, kind: 'flanger', rateHz: 2, depth: 0.8, feedback: 0.4 };
    const x = noise(6000);
    const chain = new EffectChain([flanger], RATE, 2, 1000);
    const out = x.map((c) => c.slice());
    chain.process(out);
    const alone = x.map((c) => c.slice());
    new FlangerLine(RATE, { rateHz: 2, depth: 0.8, feedback: 0.4 }, 1000).run(alone);
    expect(out).toEqual(alone);
    expect(out).not.toEqual(x);
  });

  it('gives the same samples whatever the block size', () => {
    const x = noise(5000);
    const a = inBlocks([highpass, squash], x, 128);
    const b = inBlocks([highpass, squash], x, 1000);
    expect(a).toEqual(b);
  });

  it('retuned, keeps the memory of the effects left as they were and starts a changed one from rest', () => {
    const x = noise(4096);
    const delay: TrackEffect = { id: 'd', on: true, kind: 'echo', delaySeconds: 0.02, decay: 0.7 };
    const whole = inBlocks([highpass, delay], x);
    const chain = new EffectChain([highpass, delay], RATE, 2);
    const out = x.map((c) => c.slice());
    const half = (c: Float32Array, second: boolean) => c.subarray(second ? 2048 : 0, second ? 4096 : 2048);
    chain.process(out.map((c) => half(c, false)));
    chain.retune([{ ...highpass }, { ...delay }]); // the same settings, new objects: nothing restarts
    chain.process(out.map((c) => half(c, true)));
    expect(out).toEqual(whole);
    // A changed high-pass starts from rest; the echo's repeats of the first half still sound in the second.
    const retuned = new EffectChain([highpass, delay], RATE, 2);
    const y = x.map((c) => c.slice());
    retuned.process(y.map((c) => half(c, false)));
    retuned.retune([{ ...highpass, hz: 300 }, delay]);
    retuned.process(y.map((c) => half(c, true)));
    const fresh = new EffectChain([{ ...highpass, hz: 300 }, delay], RATE, 2);
    const z = x.map((c) => c.slice(2048));
    fresh.process(z);
    expect(Array.from(y[0].subarray(2048))).not.toEqual(Array.from(z[0]));
  });

  it("changed, an echo's repeats of what came before ring on beside the new echo of what comes now", () => {
    const x = noise(9600);
    const delay: TrackEffect = { id: 'd', on: true, kind: 'echo', delaySeconds: 0.02, decay: 0.7 };
    const longer: TrackEffect = { ...delay, delaySeconds: 0.03 };
    const chain = new EffectChain([delay], RATE, 2);
    const out = x.map((c) => c.slice());
    chain.process(out.map((c) => c.subarray(0, 4800)));
    chain.retune([longer]);
    chain.process(out.map((c) => c.subarray(4800)));
    // The old echo fed what came before and then silence, the new one (from rest) what comes after.
    const old = x.map((c) => c.slice());
    old.forEach((c) => c.fill(0, 4800));
    new EffectChain([delay], RATE, 2).process(old);
    const now = x.map((c) => c.slice(4800));
    new EffectChain([longer], RATE, 2).process(now);
    out.forEach((channel, c) => {
      for (let i = 4800; i < channel.length; i++) expect(channel[i]).toBeCloseTo(old[c][i] + now[c][i - 4800], 5);
    });
  });

  it('changed in a way it cannot take as it runs, a filter crossfades from its old self over 10 ms: no click', () => {
    const tone = Float32Array.from({ length: 9600 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE));
    const lowpass: TrackEffect = { id: 'f', on: true, kind: 'filter', type: 'lowpass', hz: 2000 };
    const highpass: TrackEffect = { ...lowpass, type: 'highpass', hz: 100 };
    const chain = new EffectChain([lowpass], RATE, 1);
    const out = tone.slice();
    chain.process([out.subarray(0, 4800)]);
    chain.retune([highpass]);
    chain.process([out.subarray(4800)]);
    const [old, fresh] = [tone.slice(), tone.slice(4800)];
    new EffectChain([lowpass], RATE, 1).process([old]);
    new EffectChain([highpass], RATE, 1).process([fresh]); // from rest: a step into the tone, which clicks
    expect(out[4800]).toBeCloseTo(old[4800], 6); // the old one's at first...
    for (let i = 4800 + 480; i < 9600; i++) expect(out[i]).toBeCloseTo(fresh[i - 4800], 6); // ...the new one's after
    // No step anywhere: sample to sample it moves no more than the tone itself does.
    const steepest = (x: Float32Array) => Math.max(...x.subarray(1).map((v, i) => Math.abs(v - x[i])));
    expect(steepest(out)).toBeLessThan(1.1 * steepest(tone));
  });

  it("reads a compressor's gain reduction as it runs, and nothing for effects without a meter", () => {
    const chain = new EffectChain([highpass, squash], RATE, 2);
    expect(chain.readings()).toEqual({ c: 0 });
    chain.process(noise(RATE / 2)); // its loud stretch ends a third of a second before: released, but not yet to 0
    const loud = noise(RATE / 2).map((c) => c.subarray(RATE / 6 + 100, RATE / 4));
    chain.process(loud.map((c) => c.slice()));
    expect(chain.readings().c).toBeGreaterThan(6); // 0.9 peak noise against -30 dBFS at 4:1
  });

  it('passes every sample untouched where the effects are off', () => {
    const x = noise(2000);
    expect(
      inBlocks(
        [
          { ...eq, on: false },
          { ...squash, on: false },
        ],
        x,
      ),
    ).toEqual(x);
  });

  it('says how late a limiter and a gate make its output, and delays the whole chain by that', () => {
    const ceiling: TrackEffect = { id: 'l', on: true, kind: 'limiter', ceilingDb: -6, releaseMs: 50 };
    const gate: TrackEffect = { id: 'g', on: true, kind: 'gate', thresholdDb: -80, reductionDb: -20 };
    const effects = [highpass, ceiling, gate];
    expect(effectsLatency(effects, RATE)).toBe(480 + 480);
    expect(effectsLatency([highpass, { ...ceiling, on: false }], RATE)).toBe(0);
    const chain = new EffectChain(effects, RATE, 2);
    expect(chain.latency).toBe(960);
    // An impulse under the ceiling and over the gate's threshold comes out 960 samples late.
    const impulse = [new Float32Array(16384), new Float32Array(16384)];
    impulse[0][10] = 0.25;
    chain.retune([ceiling, gate]);
    for (let at = 0; at < 16384; at += 128) chain.process(impulse.map((c) => c.subarray(at, at + 128)));
    expect(impulse[0].findIndex((v) => v !== 0)).toBe(970);
    expect(impulse[0][970]).toBeCloseTo(0.25, 6);
    expect(chain.readings()).toEqual({ l: 0, g: 20 }); // closed again by the end (held 50 ms, released over 100)
  });

  it("runs a modulation effect's LFO on the timeline's count: from where the chain starts, after a look-ahead's delay", () => {
    const x = noise(8192);
    const trem: TrackEffect = { id: 't', on: true, kind: 'tremolo', rateHz: 7, depth: 0.9 };
    const chain = new EffectChain([trem], RATE, 2, 5000);
    const late = x.map((c) => c.slice(5000));
    chain.process(late);
    const whole = tremolo(x, RATE, trem).map((c) => c.slice(5000));
    expect(late).toEqual(whole);
    // After a gate held open (480 samples late), the tremolo's LFO is 480 samples behind the chain's input count.
    const gate: TrackEffect = { id: 'g', on: true, kind: 'gate', thresholdDb: -80, reductionDb: -20 };
    const gated = new EffectChain([gate, trem], RATE, 2, 5000);
    const y = x.map((c) => c.slice(5000));
    gated.process(y);
    expect(y[0].subarray(480 + 100, 480 + 2000)).toEqual(whole[0].subarray(100, 2000));
  });

  it('mixes an effect with the dry sound at its dry/wet share, the dry held back by the look-ahead to line up', () => {
    const x = noise(6000);
    const half = inBlocks([{ ...squash, dryWet: 0.25 }], x);
    const full = inBlocks([squash], x);
    half.forEach((channel, c) =>
      channel.forEach((v, i) => expect(v).toBeCloseTo(0.25 * full[c][i] + 0.75 * x[c][i], 6)),
    );
    const ceiling: TrackEffect = { id: 'l', on: true, kind: 'limiter', ceilingDb: -30, releaseMs: 20 };
    const limited = inBlocks([ceiling], x);
    const parallel = inBlocks([{ ...ceiling, dryWet: 0.5 }], x);
    const late = 480;
    for (const i of [1000, 2500, 4000])
      expect(parallel[0][i]).toBeCloseTo(0.5 * limited[0][i] + 0.5 * x[0][i - late], 6);
  });

  it('passes a filter set at or over the Nyquist frequency', () => {
    const x = noise(1000);
    const out = new EffectChain([{ ...highpass, type: 'lowpass', hz: 20000 }], 22050, 2);
    const y = x.map((c) => c.slice());
    out.process(y);
    expect(y).toEqual(x);
  });
});

describe('trackEffectProblem', () => {
  it('accepts the settings in bounds and names the one outside', () => {
    expect([eq, highpass, squash].map(trackEffectProblem)).toEqual([null, null, null]);
    expect(trackEffectProblem({ ...highpass, hz: 5 })).toMatch(/frequency must be 20 to 20000 Hz/);
    expect(trackEffectProblem({ ...squash, ratio: 0.5 })).toMatch(/ratio must be 1 to 20/);
    expect(trackEffectProblem({ ...squash, makeupDb: 30 })).toMatch(/make-up gain must be 0 to 24 dB/);
    expect(trackEffectProblem({ ...squash, thresholdDb: Number.NaN })).toMatch(/threshold/);
    const room: TrackEffect = { id: 'r', on: true, kind: 'reverb', decaySeconds: 30, wetDb: -6 };
    expect(trackEffectProblem(room)).toMatch(/reverb's decay must be 0.2 to 10 s/);
    const delay: TrackEffect = { id: 'd', on: true, kind: 'echo', delaySeconds: 0.3, decay: 1 };
    expect(trackEffectProblem(delay)).toMatch(/echo's decay must be 0 to 0.95/);
    const ceiling: TrackEffect = { id: 'l', on: true, kind: 'limiter', ceilingDb: 3, releaseMs: 50 };
    expect(trackEffectProblem(ceiling)).toMatch(/limiter's ceiling must be -30 to 0 dBFS/);
    expect(trackEffectProblem({ ...ceiling, ceilingDb: -1, releaseMs: 0 })).toMatch(/release must be 1 to 1000 ms/);
    expect(trackEffectProblem({ ...squash, dryWet: 1.5 })).toBe("An effect's dry/wet mix must be 0 to 100 %.");
    const echoed: TrackEffect = { id: 'd', on: true, kind: 'echo', delaySeconds: 0.3, decay: 0.5, dryWet: 0.5 };
    expect(trackEffectProblem(echoed)).toBe('The echo sets its own level: it has no dry/wet mix.');
    const chorus: TrackEffect = { id: 'h', on: true, kind: 'chorus', rateHz: 1, depthMs: 12, mix: 0.5 };
    expect(trackEffectProblem(chorus)).toBe("The chorus's depth must be 0 to 10 ms.");
    expect(trackEffectProblem({ ...chorus, depthMs: 3 })).toBeNull();
    const phaser: TrackEffect = { id: 'p', on: true, kind: 'phaser', rateHz: 0.5, depth: 0.5, feedback: 1 };
    expect(trackEffectProblem(phaser)).toBe("The phaser's feedback must be -0.95 to 0.95.");
    const trem: TrackEffect = { id: 't', on: true, kind: 'tremolo', rateHz: 0, depth: 0.5 };
    expect(trackEffectProblem(trem)).toBe("The tremolo's rate must be 0.05 to 20 Hz.");
    const gate: TrackEffect = { id: 'g', on: true, kind: 'gate', thresholdDb: -45, reductionDb: 0 };
    expect(trackEffectProblem(gate)).toMatch(/gate's reduction must be -60 to -1 dB/);
    expect(trackEffectProblem({ ...gate, reductionDb: -20, thresholdDb: 0 })).toMatch(/threshold must be -80 to -10/);
    expect(trackEffectProblem({ id: 'x', on: true, kind: 'vocoder' } as unknown as TrackEffect)).toMatch(
      /no known kind/,
    );
  });
});

describe('pitch correction in a chain', () => {
  it('hears the same stream whether started on its look-ahead (an export) or on some silence before it (playback)', () => {
    const tune: TrackEffect = { id: 'a', on: true, kind: 'tune', tonic: 0, mode: 'major', speedMs: 10, strength: 100 };
    const latency = effectsLatency([tune], RATE);
    // A 430 Hz tone from timeline sample 0; the chain is reckoned from its look-ahead before it (origin -latency).
    const tone = Float32Array.from({ length: RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 430 * i) / RATE));
    /** The chain's output for timeline samples from 0, started `lead` samples before the tone's first. */
    const fromLead = (lead: number) => {
      const chain = new EffectChain([tune], RATE, 1, -lead, -latency);
      const input = new Float32Array(lead + tone.length + latency);
      input.set(tone, lead);
      for (let at = 0; at < input.length; at += 128) chain.process([input.subarray(at, at + 128)]);
      return input.slice(lead + latency);
    };
    const exported = fromLead(latency);
    expect(exported.slice(0, 4800).some((v) => Math.abs(v) > 0.2)).toBe(true); // on time, not 70 ms late
    for (const lead of [latency - 1000, latency + 2000]) expect(fromLead(lead)).toEqual(exported);
    // Started without its origin, it hears another stream: the grains fall elsewhere.
    const unaligned = new EffectChain([tune], RATE, 1, -(latency - 1000));
    const input = new Float32Array(latency - 1000 + tone.length + latency);
    input.set(tone, latency - 1000);
    for (let at = 0; at < input.length; at += 128) unaligned.process([input.subarray(at, at + 128)]);
    expect(input.slice(2 * latency - 1000)).not.toEqual(exported);
  });
});

describe('pitch correction changed while it plays', () => {
  it('takes a new key, speed or strength without a gap, and crossfades to a new dry/wet mix after its look-ahead', () => {
    const tune: TrackEffect = { id: 'a', on: true, kind: 'tune', tonic: 0, mode: 'major', speedMs: 10, strength: 100 };
    const tone = Float32Array.from({ length: RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 430 * i) / RATE));
    /** The chain's output over the second half of the tone, its settings changed to `changed` halfway. */
    const afterChange = (changed: TrackEffect) => {
      const chain = new EffectChain([tune], RATE, 1);
      const out = tone.slice();
      for (let at = 0; at < out.length; at += 128) {
        if (at === 24064) chain.retune([changed]); // on a block's start
        chain.process([out.subarray(at, at + 128)]);
      }
      return out.subarray(24064, 24064 + 0.15 * RATE);
    };
    const loudest = (x: Float32Array) => Math.max(...x.map(Math.abs));
    expect(loudest(afterChange({ ...tune, speedMs: 200, strength: 50, tonic: 5, humanize: 20 }))).toBeGreaterThan(0.25);
    // Started anew it would give its look-ahead's silence (70 ms): the old one plays on until the new one sounds (then
    // the half-wet mix beats, the corrected tone against the dry one).
    const mixed = afterChange({ ...tune, dryWet: 0.5 });
    const quietest = Math.min(...Array.from({ length: 12 }, (_, k) => loudest(mixed.subarray(k * 240, k * 240 + 240))));
    expect(quietest).toBeGreaterThan(0.25);
  });
});
