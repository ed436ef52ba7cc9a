import { describe, expect, it } from 'vitest';
import { setBusSend, setBusSendVolume } from './bus-routing';
import { saveMix } from './mix-snapshots';
import { compress } from '../dsp/compressor';
import {
  EffectChain,
  effectsLatency,
  type TrackEffect,
  type TrackEffectKind,
  trackEffectProblem,
} from '../dsp/effect-chain';
import { filter } from '../dsp/filters';
import { trackPitch } from '../dsp/pitch-track';
import { AssetStore } from './asset-store';
import { createBus, renameBus, setBusGain, setBusVolume, setSend, setSendVolume } from './buses';
import { clipAt } from './clip.fixture';
import { effectBusChannels, mixdown, TrackChains } from './mixdown';
import {
  addTrackEffect,
  changeTrackEffect,
  copyEffects,
  describeEffect,
  EFFECT_GROUPS,
  EFFECT_NAMES,
  setEffectLane,
  liveChanges,
  MASTER,
  moveTrackEffect,
  newTrackEffect,
  removeTrackEffect,
  setMasterGain,
} from './track-effects';
import { emptyProject, newTrack, type Project } from './types';
import { envelopeGainAt, setTrackVolume } from './envelope';
import { setTrackPan } from './pan-automation';

const RATE = 8000;
const tone = (hz: number, n: number) =>
  Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE));

function oneTrack(channels: Float32Array[]): { project: Project; assets: AssetStore; trackId: string } {
  const assets = new AssetStore();
  const asset = assets.add(channels, RATE);
  const track = { ...newTrack(0), clips: [clipAt('c', asset.id, 100, channels[0].length)] };
  return { project: { ...emptyProject(RATE), tracks: [track] }, assets, trackId: track.id };
}

const squashAt = (thresholdDb: number): TrackEffect => ({
  id: 'c',
  on: true,
  kind: 'compressor',
  thresholdDb,
  ratio: 3,
  makeupDb: 0,
});

/** The project's first 3200 samples mixed in blocks of 1000, the chains carried from one to the next. */
function inBlocks(p: Project, assets: AssetStore): Float32Array[][] {
  const chains = new TrackChains(assets);
  return [0, 1000, 2000, 3000].map((start) =>
    mixdown(p, assets, { range: { start, end: Math.min(3200, start + 1000) }, chains }),
  );
}

/** Blocks of channels put end to end. */
const joined = (blocks: Float32Array[][]) =>
  blocks[0].map((_, c) => Float32Array.from(blocks.flatMap((b) => Array.from(b[c]))));

describe('track effect edits', () => {
  it('adds, changes, switches, moves and removes effects, each under its own undo label', () => {
    const { project, trackId } = oneTrack([tone(100, 800)]);
    const eq = newTrackEffect('eq');
    const comp = newTrackEffect('compressor');
    const added = addTrackEffect(addTrackEffect(project, trackId, eq).project, trackId, comp);
    expect(added.label).toBe('Add Compressor');
    const effects = (p: Project) => p.tracks[0].effects ?? [];
    expect(effects(added.project).map((e) => e.kind)).toEqual(['eq', 'compressor']);
    const off = changeTrackEffect(added.project, trackId, comp.id, { on: false });
    expect(off.label).toBe('Compressor off');
    expect(effects(off.project)[1].on).toBe(false);
    const moved = moveTrackEffect(off.project, trackId, comp.id, -1);
    expect(effects(moved.project).map((e) => e.kind)).toEqual(['compressor', 'eq']);
    expect(moveTrackEffect(moved.project, trackId, comp.id, -1).project).toBe(moved.project);
    const removed = removeTrackEffect(moved.project, trackId, eq.id);
    expect(removed.label).toBe('Remove Equalizer');
    expect(effects(removed.project).map((e) => e.id)).toEqual([comp.id]);
  });

  it("copies a chain after another host's own effects, as new effects with the same settings", () => {
    const { project, trackId } = oneTrack([tone(100, 800)]);
    const eq = newTrackEffect('eq');
    const withEq = addTrackEffect(addTrackEffect(project, trackId, eq).project, MASTER, newTrackEffect('echo')).project;
    const copied = copyEffects(withEq, trackId, MASTER, 'the master');
    expect(copied.label).toBe('Copy effects to the master');
    const master = copied.project.master?.effects ?? [];
    expect(master.map((e) => e.kind)).toEqual(['echo', 'eq']);
    expect(master[1]).toEqual({ ...eq, id: master[1].id });
    expect(master[1].id).not.toBe(eq.id);
  });

  it('refuses a setting out of bounds with the reason, leaving the project as it was', () => {
    const { project, trackId } = oneTrack([tone(100, 800)]);
    const withFilter = addTrackEffect(project, trackId, newTrackEffect('filter')).project;
    const id = withFilter.tracks[0].effects![0].id;
    expect(() => changeTrackEffect(withFilter, trackId, id, { hz: 3 })).toThrow(/frequency must be 20 to 20000 Hz/);
    expect(changeTrackEffect(withFilter, trackId, id, { hz: 500 }).label).toBe('Change Filter');
  });

  it("sets and clears an effect's lane; with none left the effect has no automation", () => {
    const { project, trackId } = oneTrack([tone(100, 800)]);
    const low = newTrackEffect('filter');
    const p = addTrackEffect(project, trackId, low).project;
    const points = [
      { at: 0, gain: 0.2 },
      { at: 400, gain: 0.8 },
    ];
    const swept = setEffectLane(p, trackId, low.id, 'hz', points);
    expect(swept.tracks[0].effects?.[0].automation).toEqual({ hz: points });
    expect(describeEffect(swept.tracks[0].effects![0])).toBe('High-pass 80 Hz, automated');
    const mixed = setEffectLane(swept, trackId, low.id, 'dryWet', [{ at: 0, gain: 1 }]);
    expect(Object.keys(mixed.tracks[0].effects![0].automation!)).toEqual(['hz', 'dryWet']);
    const cleared = setEffectLane(setEffectLane(mixed, trackId, low.id, 'hz', []), trackId, low.id, 'dryWet', []);
    expect(cleared.tracks[0].effects?.[0]).toEqual(low);
  });

  it('describes each effect in a line', () => {
    expect(newTrackEffect('filter')).toMatchObject({ type: 'highpass', hz: 80, on: true });
    expect(describeEffect(newTrackEffect('filter'))).toBe('High-pass 80 Hz');
    expect(describeEffect(newTrackEffect('compressor'))).toBe('Compressor -18 dBFS 3:1');
    expect(describeEffect(newTrackEffect('eq'))).toBe('Equalizer (flat)');
    expect(describeEffect({ ...squashAt(-18), dryWet: 0.4 })).toBe('Compressor -18 dBFS 3:1, 40 % wet');
    expect(describeEffect(newTrackEffect('limiter'))).toBe('Limiter -1 dBFS, release 50 ms');
    expect(describeEffect(newTrackEffect('gate'))).toBe('Noise gate -45 dBFS, -24 dB');
    expect(describeEffect(newTrackEffect('tremolo'))).toBe('Tremolo 4 Hz, depth 0.5');
    expect(describeEffect(newTrackEffect('phaser'))).toBe('Phaser 0.5 Hz, depth 0.7, feedback 0.3');
    expect(describeEffect(newTrackEffect('chorus'))).toBe('Chorus 0.8 Hz, ±3 ms, mix 0.5');
    // Every kind starts inside its bounds.
    for (const kind of Object.keys(EFFECT_NAMES) as TrackEffectKind[])
      expect(trackEffectProblem(newTrackEffect(kind))).toBeNull();
  });

  it('are offered in groups that hold every kind once', () => {
    const grouped = EFFECT_GROUPS.flatMap(([, kinds]) => kinds);
    expect([...grouped].sort()).toEqual(Object.keys(EFFECT_NAMES).sort());
    expect(describeEffect(newTrackEffect('convolver'))).toBe('Convolution reverb: Room (built in) at -12 dB');
  });
});

describe('mixdown with track effects', () => {
  it("runs the track's clips through its effects, from rest at the range's start, before gain and pan", () => {
    const x = tone(1000, 1600);
    const { project, assets, trackId } = oneTrack([x]);
    const lowpass = { ...newTrackEffect('filter'), type: 'lowpass' as const, hz: 200 };
    const p = addTrackEffect(project, trackId, lowpass).project;
    const quieter = { ...p, tracks: [{ ...p.tracks[0], gainDb: -6 }] };
    const [out] = mixdown(quieter, assets, { range: { start: 0, end: 1800 } });
    const padded = new Float32Array(1800);
    padded.set(x, 100);
    const expected = filter(padded, 'lowpass', 200, RATE);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i] * 10 ** (-6 / 20), 6));
    // A 1 kHz tone two octaves and more over a 200 Hz cut-off comes out far under its level.
    const peak = Math.max(...out.slice(600, 1600).map(Math.abs));
    expect(peak).toBeLessThan(0.5 * 10 ** (-40 / 20));
  });

  it("hears pitch correction's stream as the player's worklet does: reckoned from its look-ahead before the range", () => {
    const rate = 16000;
    const assets = new AssetStore();
    const sung = Float32Array.from({ length: rate }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 430 * i) / rate));
    const asset = assets.add([sung], rate);
    const tune: TrackEffect = {
      id: 't',
      on: true,
      kind: 'tune',
      tonic: 0,
      mode: 'major',
      speedMs: 0,
      strength: 100,
      lowestHz: 100,
    };
    const track = { ...newTrack(0), clips: [clipAt('c', asset.id, 0, rate)], effects: [tune] };
    const [mixed] = mixdown({ ...emptyProject(rate), tracks: [track] }, assets, { range: { start: 0, end: rate } });
    // The worklet playing from 0: started on some silence, reckoned from its look-ahead before 0.
    const heard = (at: number, origin: number) => {
      const chain = new EffectChain([tune], rate, 1, at, origin);
      const input = new Float32Array(-at + rate + chain.latency);
      input.set(sung, -at);
      for (let k = 0; k < input.length; k += 128) chain.process([input.subarray(k, k + 128)]);
      return input.subarray(-at + chain.latency);
    };
    const latency = effectsLatency([tune], rate);
    const played = heard(-latency - 700, -latency);
    const most = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(most(mixed, played)).toBeLessThan(1e-6);
    // Reckoned from the range's own start instead, its grains would fall elsewhere.
    expect(most(heard(0, 0), played)).toBeGreaterThan(0.01);
  });

  it('mixed block by block with its chains carried on, gives the mix made in one piece', () => {
    const { project, assets, trackId } = oneTrack([tone(1000, 3000), tone(150, 3000)]);
    const squash = { ...newTrackEffect('compressor'), thresholdDb: -30, makeupDb: 6 };
    const p = addTrackEffect(
      addTrackEffect(project, trackId, newTrackEffect('filter')).project,
      trackId,
      squash,
    ).project;
    const whole = mixdown(p, assets, { range: { start: 0, end: 3200 } });
    const blocks = inBlocks(p, assets);
    expect(joined(blocks)).toEqual(whole);
    // Without the chains carried on, each block starts its compressor from rest: not the same.
    const fresh = mixdown(p, assets, { range: { start: 1000, end: 2000 } });
    expect(fresh).not.toEqual(blocks[1]);
  });

  it('leaves the mix as it was where every effect is off', () => {
    const { project, assets, trackId } = oneTrack([tone(300, 800), tone(500, 800)]);
    const range = { range: { start: 0, end: 900 } };
    const off = { ...newTrackEffect('compressor'), on: false, makeupDb: 12 };
    expect(mixdown(addTrackEffect(project, trackId, off).project, assets, range)).toEqual(
      mixdown(project, assets, range),
    );
  });

  it('runs a mono track on one channel and a track with a stereo clip on two', () => {
    const mono = oneTrack([tone(100, 100)]);
    expect(effectBusChannels(mono.project.tracks[0], mono.assets)).toBe(1);
    const stereo = oneTrack([tone(100, 100), tone(200, 100)]);
    expect(effectBusChannels(stereo.project.tracks[0], stereo.assets)).toBe(2);
  });
});

describe('liveChanges', () => {
  it('names the hosts whose effects alone changed (faders may change too); null where anything else did', () => {
    const { project, trackId } = oneTrack([tone(100, 800)]);
    const other = newTrack(1);
    const two = { ...project, tracks: [...project.tracks, other] };
    const withEq = addTrackEffect(two, trackId, newTrackEffect('eq')).project;
    expect(liveChanges(two, withEq)).toEqual({ effects: [trackId], lanes: [] });
    expect(liveChanges(withEq, withEq)).toEqual({ effects: [], lanes: [] });
    expect(liveChanges(withEq, setMasterGain(withEq, -6).project)).toEqual({ effects: [], lanes: [] });
    const masterFilter = addTrackEffect(withEq, MASTER, newTrackEffect('filter')).project;
    expect(liveChanges(withEq, masterFilter)).toEqual({ effects: [MASTER], lanes: [] });
    const withBus = createBus(withEq, other.id).project;
    const busId = withBus.buses![0].id;
    expect(liveChanges(withBus, setBusGain(withBus, busId, -3).project)).toEqual({ effects: [], lanes: [] });
    const busFade = setBusVolume(withBus, busId, [{ at: 0, gain: 0.5 }]);
    expect(liveChanges(withBus, busFade)).toEqual({ effects: [], lanes: [busId] }); // a bus's lane is followed too
    const sendRide = setSendVolume(withBus, other.id, busId, [{ at: 0, gain: 0.5 }]);
    expect(liveChanges(withBus, sendRide)).toEqual({ effects: [], lanes: [other.id] }); // and a send's
    const second = { ...withBus, buses: [...withBus.buses!, { id: 'b2', name: 'Bus 2', gainDb: 0, effects: [] }] };
    const busSent = setBusSend(second, 'b2', busId, -6).project;
    const busSendRide = setBusSendVolume(busSent, 'b2', busId, [{ at: 0, gain: 0.5 }]);
    expect(liveChanges(busSent, busSendRide)).toEqual({ effects: [], lanes: ['b2'] }); // and a bus's send's
    expect(liveChanges(busSent, setBusSend(busSent, 'b2', busId, -3).project)).toBeNull();
    expect(liveChanges(withBus, addTrackEffect(withBus, busId, newTrackEffect('eq')).project)).toEqual({
      effects: [busId],
      lanes: [],
    });
    expect(liveChanges(withEq, withBus)).toBeNull(); // a bus and a send added: the graph changes
    expect(liveChanges(withBus, setSend(withBus, other.id, busId, -3).project)).toBeNull();
    const louder = { ...withEq, tracks: [{ ...withEq.tracks[0], gainDb: 3 }, other] };
    expect(liveChanges(withEq, louder)).toBeNull();
    expect(liveChanges(two, { ...two, tracks: [other, two.tracks[0]] })).toBeNull();
    expect(liveChanges(two, { ...two, tempo: { bpm: 90, beatsPerBar: 4, beatUnit: 4, downbeat: 0 } })).toBeNull();
  });

  it('names the tracks whose volume or pan lanes alone changed, which a playback follows as it goes', () => {
    const { project, trackId } = oneTrack([tone(100, 800)]);
    const ridden = setTrackVolume(project, trackId, [{ at: 10, gain: 0.5 }]);
    expect(liveChanges(project, ridden)).toEqual({ effects: [], lanes: [trackId] });
    const panned = setTrackPan(ridden, trackId, [{ at: 10, pan: -1 }]);
    expect(liveChanges(ridden, panned)).toEqual({ effects: [], lanes: [trackId] });
    expect(liveChanges(panned, setTrackVolume(panned, trackId, []))).toEqual({ effects: [], lanes: [trackId] });
    const faded = setBusVolume(panned, MASTER, [{ at: 0, gain: 0.5 }]);
    expect(liveChanges(panned, faded)).toEqual({ effects: [], lanes: [MASTER] });
    const green = { ...panned, tracks: [{ ...panned.tracks[0], color: 'green' as const }] };
    expect(liveChanges(panned, green)).toEqual({ effects: [], lanes: [] });
    // Nothing heard: a track renamed or labelled, a mix kept, a bus renamed; playback goes on.
    const named = { ...panned, tracks: [{ ...panned.tracks[0], name: 'Vox', labels: [] }] };
    expect(liveChanges(panned, named)).toEqual({ effects: [], lanes: [] });
    expect(liveChanges(panned, saveMix(panned).project)).toEqual({ effects: [], lanes: [] });
    const withBus = createBus(panned, trackId).project;
    const renamed = renameBus(withBus, withBus.buses![0].id, 'Verb').project;
    expect(liveChanges(withBus, renamed)).toEqual({ effects: [], lanes: [] });
  });

  it("keeps the master fader in its range and the master effects apart from the tracks'", () => {
    const { project } = oneTrack([tone(100, 800)]);
    expect(() => setMasterGain(project, 20)).toThrow('The master fader goes from -36 to +12 dB.');
    const p = addTrackEffect(setMasterGain(project, -3).project, MASTER, newTrackEffect('compressor')).project;
    expect(p.master).toMatchObject({ gainDb: -3, effects: [{ kind: 'compressor' }] });
    expect(p.tracks[0].effects).toBeUndefined();
  });
});

describe('mixdown through the master bus', () => {
  it('runs the mix as heard through the master effects, then its fader; a track asked for alone skips it', () => {
    const x = tone(200, 2000).map((v) => v * 1.5);
    const { project, assets, trackId } = oneTrack([x]);
    const squash = { ...newTrackEffect('compressor'), thresholdDb: -30, ratio: 4, makeupDb: 0 };
    const p = addTrackEffect(setMasterGain(project, -6).project, MASTER, squash).project;
    const range = { start: 100, end: 2100 };
    const mix = mixdown(p, assets, { range });
    // A mono track through a master effect is mixed as playback's bus hears it: centre-panned, -3 dB each side.
    expect(mix).toHaveLength(2);
    const pair = [0, 1].map(() => x.map((v) => v * Math.SQRT1_2));
    const heard = compress(pair, RATE, squash).channels;
    mix.forEach((channel, c) => channel.forEach((v, i) => expect(v).toBeCloseTo(heard[c][i] * 10 ** (-6 / 20), 5)));
    expect(mixdown(p, assets, { range, trackIds: [trackId] })[0]).toEqual(x);
  });

  it("rides the master fader's volume automation on the timeline as heard, a limiter's look-ahead and all", () => {
    const x = tone(200, 3000).map((v) => v * 0.2);
    const { project, assets } = oneTrack([x]);
    const fadeOut = [
      { at: 1000, gain: 1 },
      { at: 2000, gain: 0 },
    ];
    const limiter = { ...newTrackEffect('limiter'), ceilingDb: -1 }; // never reached: only its look-ahead
    for (const p of [project, addTrackEffect(project, MASTER, limiter).project]) {
      const faded = setBusVolume(p, MASTER, fadeOut);
      const range = { start: 0, end: 3100 };
      const [dry, wet] = [mixdown(p, assets, { range })[0], mixdown(faded, assets, { range })[0]];
      for (const i of [500, 1000, 1250, 1500, 1999, 2500])
        expect(wet[i]).toBeCloseTo(dry[i] * envelopeGainAt(fadeOut, i), 6);
    }
  });
});

describe('mixdown through look-ahead effects (delay compensation)', () => {
  /** A quiet tone with one loud burst at 1000-1100 on a clip at 100, and a limiter on `host` ('track' or the master). */
  function limited(host: 'track' | typeof MASTER) {
    const x = tone(170, 3000).map((v, i) => v * (i >= 900 && i < 1000 ? 3 : 0.2));
    const { project, assets, trackId } = oneTrack([x]);
    const ceiling = { ...newTrackEffect('limiter'), ceilingDb: -6, releaseMs: 5 };
    const p = addTrackEffect(project, host === 'track' ? trackId : host, ceiling).project;
    return { p, project, assets, x };
  }

  it("lines a limiter's output up with the timeline: the sound where it was, only the burst turned down", () => {
    for (const host of ['track', MASTER] as const) {
      const { p, project, assets } = limited(host);
      const range = { start: 0, end: 3200 };
      const dry = mixdown(project, assets, { range })[0];
      const mix = mixdown(p, assets, { range });
      const wet = mix[0];
      const gain = mix.length === 2 ? Math.SQRT1_2 : 1; // through the master: centre-panned, as playback's bus
      // Far from the burst the quiet tone passes untouched and in place; the burst is held under -6 dBFS.
      for (const i of [300, 600, 2500, 3000]) expect(wet[i]).toBeCloseTo(dry[i] * gain, 6);
      const peak = wet.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(peak).toBeLessThanOrEqual(10 ** (-6 / 20) + 1e-6);
      expect(peak).toBeGreaterThan(0.45);
    }
  });

  it('mixed block by block, gives the mix made in one piece (each chain fed ahead once)', () => {
    for (const host of ['track', MASTER] as const) {
      const { p, assets } = limited(host);
      expect(joined(inBlocks(p, assets))).toEqual(mixdown(p, assets, { range: { start: 0, end: 3200 } }));
    }
  });
});

describe('mixdown through pitch correction', () => {
  it('pulls a flat tone to its note, on time, block by block as in one piece', () => {
    // A 430 Hz tone (40 cents under A) sounding from 1000 to 2600 of the clip, silence around it; heard from 75 ms in
    // (the retune speed, 20 ms, has then brought it within a cent).
    const x = tone(430, 3000).map((v, i) => (i >= 1000 && i < 2600 ? v : 0));
    const { project, assets, trackId } = oneTrack([x]);
    const p = addTrackEffect(project, trackId, newTrackEffect('tune')).project;
    const wet = mixdown(p, assets, { range: { start: 0, end: 3200 } })[0];
    const hz = trackPitch(wet.subarray(1700, 2600), RATE).hz.filter((v) => v > 0);
    expect(hz.length).toBeGreaterThan(10);
    // At 8 kHz the grains land on whole samples, a few cents either way of the note; the tone was 40 off.
    const off = [...hz].map((v) => Math.abs(1200 * Math.log2(v / 440))).sort((a, b) => a - b);
    expect(off[Math.floor(off.length / 2)]).toBeLessThan(4);
    expect(off[off.length - 1]).toBeLessThan(10);
    // On time: silent before the clip's tone (at 100 + 1000) and sounding just after it.
    const level = (from: number, to: number) => Math.max(...wet.subarray(from, to).map(Math.abs));
    expect(level(0, 1090)).toBe(0);
    expect(level(1100, 1120)).toBeGreaterThan(0.3);
    expect(joined(inBlocks(p, assets))).toEqual(mixdown(p, assets, { range: { start: 0, end: 3200 } }));
  });
});

describe('mixdown through a modulation effect', () => {
  it("swings on the timeline's count: a mix made from the middle is the middle of the whole mix", () => {
    const { project, assets, trackId } = oneTrack([tone(170, 3000)]);
    const trem: TrackEffect = { id: 't', on: true, kind: 'tremolo', rateHz: 5, depth: 1 };
    const p = addTrackEffect(project, trackId, trem).project;
    const whole = mixdown(p, assets, { range: { start: 0, end: 3200 } })[0];
    const middle = mixdown(p, assets, { range: { start: 1234, end: 3200 } })[0];
    expect(middle).toEqual(whole.slice(1234));
  });
});

describe('mixdown through a keyed compressor (sidechain)', () => {
  it("turns a track down where its key track sounds, whatever that track's own level, block by block as in one piece", () => {
    const assets = new AssetStore();
    const bed = assets.add([tone(170, 4000).map((v) => v * 0.2)], RATE);
    const voice = assets.add([tone(400, 1000)], RATE);
    const music = { ...newTrack(0), clips: [clipAt('m', bed.id, 0, 4000)] };
    const talk = { ...newTrack(1), clips: [clipAt('v', voice.id, 2000, 1000)], mute: true };
    const duck: TrackEffect = {
      id: 'k',
      on: true,
      kind: 'compressor',
      thresholdDb: -40,
      ratio: 20,
      makeupDb: 0,
      key: talk.id,
    };
    const p = { ...emptyProject(RATE), tracks: [{ ...music, effects: [duck] }, talk] };
    const [mix] = mixdown(p, assets, { range: { start: 0, end: 3200 } });
    const rms = (from: number, to: number) =>
      Math.sqrt(mix.subarray(from, to).reduce((sum, v) => sum + v * v, 0) / (to - from));
    // The muted voice is not heard, but its clips key the compressor: the bed goes down over 20 dB while it speaks.
    expect(20 * Math.log10(rms(1000, 1800) / rms(2400, 2900))).toBeGreaterThan(20);
    expect(rms(1000, 1800)).toBeCloseTo(0.1 * Math.SQRT1_2, 3); // untouched before
    expect(joined(inBlocks(p, assets))).toEqual(mixdown(p, assets, { range: { start: 0, end: 3200 } }));
    // With its key track gone, the compressor hears its own bed, as one without a key.
    const range = { range: { start: 0, end: 3200 } };
    const own = mixdown({ ...p, tracks: [p.tracks[0]] }, assets, range);
    const unkeyed = { ...p, tracks: [{ ...music, effects: [{ ...duck, key: undefined }] }] };
    expect(own).toEqual(mixdown(unkeyed, assets, range));
  });
});
