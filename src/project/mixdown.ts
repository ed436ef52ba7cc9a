/** Offline mix of the project, with the same gain, pan, mute, solo, clip-envelope, effect, send and bus rules as
 * playback. */
import { activeEffects, EffectChain, effectsLatency, keyTracks, type TrackEffect } from '../dsp/effect-chain';
import { dbToGain } from '../dsp/gain';
import type { AssetStore } from './asset-store';
import { envelopeGains } from './envelope';
import { impulsesOf } from './impulses';
import { clipFadeGains } from './clip-fades';
import { panValues } from './pan-automation';
import { type EffectHost, hasActiveEffects, MASTER, masterOf } from './track-effects';
import { busesInMixOrder, busOutputOf, busSendsOf } from './bus-routing';
import { compensationOf, NO_COMPENSATION } from './bus-latency';
import { heardOf } from './solo';
import { outputOf, sendsOf } from './buses';
import type { Clip, MasterBus, Project, SampleRange, Track } from './types';
import { clipOverlap } from './types';

export interface MixOptions {
  range: SampleRange;
  /** Only these tracks, whatever their mute and solo state (exporting a track). Default: the audible tracks. */
  trackIds?: readonly string[];
  /** Two channels whatever the tracks hold (stems of a stereo mix, so they sum to it). Default: as the tracks need. */
  stereo?: boolean;
  /** The mix as heard short of the master bus, and of that only what reaches it through this effect bus (one that
   * plays into the master): a stem by bus. Default: the whole mix, through the master bus. */
  through?: string;
  /** The tracks' effect chains carried on from the range before (one that ended where this one starts): a mix made
   * block by block runs each chain through once, as playback does. Default: each chain from rest at the range. */
  chains?: TrackChains;
}

/** Each track's effect chain and the master's, and the ways held back for delay compensation, kept from one range
 * of a mix to the next. */
export class TrackChains {
  private readonly chains = new Map<EffectHost, EffectChain>();
  private readonly holds = new Map<string, HoldLine>();
  /** Whether the buses' ways have been mixed over an earlier range (the mix then runs on, no warm-up). */
  routed = false;

  /** `assets`: where the convolution reverbs' impulses are. */
  constructor(private readonly assets: AssetStore) {}

  /** Whether the host's chain has run on an earlier range. */
  has(host: EffectHost): boolean {
    return this.chains.has(host);
  }

  /** The host's chain, made where it has none yet with its first input at timeline sample `at` (where the range
   * starts), reckoned from its look-ahead before that, as the player's worklet reckons it when playing from there: a
   * stage whose sound depends on where it starts hearing (pitch correction) then hears the same stream. */
  for(host: EffectHost, effects: readonly TrackEffect[], rate: number, channels: number, at: number): EffectChain {
    let chain = this.chains.get(host);
    if (!chain) {
      const impulses = impulsesOf(effects, this.assets);
      chain = new EffectChain(effects, rate, channels, at, at - effectsLatency(effects, rate), impulses);
      this.chains.set(host, chain);
    }
    return chain;
  }

  /** The delay line of the way `key` (on `channels` channels), `samples` long, carried on across ranges. */
  held(key: string, samples: number, channels: number): HoldLine {
    let line = this.holds.get(key);
    if (!line) {
      line = new HoldLine(samples, channels);
      this.holds.set(key, line);
    }
    return line;
  }
}

/** A delay line: each channel `samples` late, silence before it, run on block after block. */
class HoldLine {
  private readonly rings: Float32Array[];
  private at = 0;

  constructor(samples: number, channels: number) {
    this.rings = Array.from({ length: channels }, () => new Float32Array(samples));
  }

  /** Adds what comes out as `block` goes in (times `gain` and, sample by sample, `gains`) into `into`, in place. */
  run(block: Float32Array[], into: Float32Array[], gain: number, gains?: Float32Array): void {
    const size = this.rings[0].length;
    const length = block[0]?.length ?? 0;
    block.forEach((channel, c) => {
      const ring = this.rings[c];
      const sum = into[c];
      let at = this.at;
      for (let i = 0; i < length; i++) {
        sum[i] += ring[at];
        ring[at] = channel[i] * gain * (gains ? gains[i] : 1);
        at = at + 1 === size ? 0 : at + 1;
      }
    });
    this.at = (this.at + length) % size;
  }
}

/** Tracks that sound: all unmuted ones, or with a track or bus soloed, those it lets through (src/project/solo.ts). */
export function audibleTracks(project: Project): Track[] {
  const heard = heardOf(project);
  return project.tracks.filter((t) => heard.track(t));
}

/** Folds any channel layout to stereo: 5.1 as Web Audio's speaker down-mix, other layouts even -> left, odd -> right. */
export function toStereo(channels: Float32Array[]): [Float32Array, Float32Array] {
  if (channels.length === 1) return [channels[0], channels[0]];
  if (channels.length === 2) return [channels[0], channels[1]];
  const n = channels[0].length;
  const left = new Float32Array(n),
    right = new Float32Array(n);
  if (channels.length === 6) {
    const [l, r, c, , sl, sr] = channels;
    for (let i = 0; i < n; i++) {
      left[i] = l[i] + Math.SQRT1_2 * (c[i] + sl[i]);
      right[i] = r[i] + Math.SQRT1_2 * (c[i] + sr[i]);
    }
    return [left, right];
  }
  channels.forEach((ch, idx) => {
    const out = idx % 2 === 0 ? left : right;
    const share = 1 / Math.ceil((channels.length - (idx % 2)) / 2);
    for (let i = 0; i < n; i++) out[i] += ch[i] * share;
  });
  return [left, right];
}

/** Gains of Web Audio's StereoPannerNode for a pan in [-1, 1], so the export sounds like playback. */
export function panGains(pan: number, sourceIsMono: boolean): { ll: number; rl: number; lr: number; rr: number } {
  if (sourceIsMono) {
    const x = ((pan + 1) / 2) * (Math.PI / 2);
    return { ll: Math.cos(x), rl: 0, lr: Math.sin(x), rr: 0 };
  }
  if (pan <= 0) {
    const x = (pan + 1) * (Math.PI / 2);
    return { ll: 1, rl: Math.cos(x), lr: 0, rr: Math.sin(x) };
  }
  const x = pan * (Math.PI / 2);
  return { ll: Math.cos(x), rl: 0, lr: Math.sin(x), rr: 1 };
}

/** Whether the mix needs two channels: a clip with more than one, or a panned or pan-automated track. */
export function needsStereo(tracks: Track[], assets: AssetStore): boolean {
  return tracks.some(
    (t) => t.pan !== 0 || t.panPoints?.length || t.clips.some((c) => assets.get(c.assetId).channels.length > 1),
  );
}

/** Renders the range to one (all mono, unpanned) or two channels: the audible tracks through their sends, the
 * effect buses and the master bus (two channels wherever those are heard), or the tracks asked for as they are. */
export function mixdown(project: Project, assets: AssetStore, options: MixOptions): Float32Array[] {
  const heard = !options.trackIds && options.through === undefined; // through the master bus
  const chains = options.chains ?? new TrackChains(assets);
  const master = masterOf(project);
  const latency = heard ? effectsLatency(master.effects, project.sampleRate) : 0;
  // A master limiter's look-ahead makes the whole mix late: it is fed that much early.
  const { feed, skip } = aheadOf(options.range, latency, chains.has(MASTER));
  const out = mixTracks(project, assets, { ...options, range: feed, chains });
  // Its fader's automation reads the timeline as heard: what comes out of the chain, `latency` late.
  const heardAt = feed.start - latency;
  if (heard) throughBus(master, out, { rate: project.sampleRate, at: feed.start, chains, host: MASTER, heardAt });
  return skip > 0 ? out.map((c) => c.slice(skip)) : out;
}

/** What a chain `latency` samples late must be fed for its output to line up with `range`: the range that much
 * later, and, where the chain starts from rest (not `running` on from a range before), the range's own start too,
 * whose output (`skip` samples) falls before the range. */
function aheadOf(range: SampleRange, latency: number, running: boolean): { feed: SampleRange; skip: number } {
  if (latency === 0) return { feed: range, skip: 0 };
  const skip = running ? 0 : latency;
  return { feed: { start: range.start + latency - skip, end: range.end + latency }, skip };
}

/** The tracks mixed over the range, through their sends, outputs and the effect buses (not the master bus). */
function mixTracks(
  project: Project,
  assets: AssetStore,
  options: MixOptions & { chains: TrackChains },
): Float32Array[] {
  const { range, trackIds, chains } = options;
  const heard = !trackIds;
  const tracks = trackIds ? project.tracks.filter((t) => trackIds.includes(t.id)) : audibleTracks(project);
  const stereo = options.stereo ?? (needsStereo(tracks, assets) || (heard && busesHeard(project, tracks)));
  // Solo in place: only the ways through a soloed track or bus (all of them where none is soloed); a stem by bus
  // takes into the master only what that bus returns.
  const routes = heardOf(project);
  const passes = (from: string, to: string | undefined) =>
    routes.passes(from, to) && (to !== undefined || options.through === undefined || from === options.through);
  const rate = project.sampleRate;
  const lateness = (bus: MasterBus) => effectsLatency(bus.effects, rate);
  const comp = heard ? compensationOf(project, routes, lateness) : NO_COMPENSATION;
  // A first range warms up as playback starting there does: each track from the range's start, as early as the buses
  // it plays through need, so the mix reaches back by the most any track is early (and drops that after).
  const warm = chains.routed ? 0 : Math.max(0, ...tracks.map((t) => comp.early(t.id)));
  chains.routed = true;
  const start = range.start - warm; // the timeline sample the master hears first
  const length = Math.max(0, range.end - start);
  const channels = (n = length) => Array.from({ length: stereo ? 2 : 1 }, () => new Float32Array(n));
  const out = channels();
  const busInputs = new Map<string, Float32Array[]>();
  const busInput = (busId: string) => {
    if (!busInputs.has(busId)) busInputs.set(busId, channels());
    return busInputs.get(busId)!;
  };
  // Along a way from a track or bus into a bus (undefined: the master), held back as compensation has it.
  const take = (from: string, to: string | undefined, signal: Float32Array[], gain: number, gains?: Float32Array) => {
    const into = to ? busInput(to) : out;
    const hold = comp.hold(from, to);
    if (hold > 0) chains.held(`${from} ${to ?? MASTER}`, hold, signal.length).run(signal, into, gain, gains);
    else addInto(into, signal, gain, gains);
  };
  for (const track of tracks) {
    const sends = heard ? sendsOf(project, track).filter((s) => passes(track.id, s.busId)) : [];
    const output = heard ? outputOf(project, track) : undefined;
    const direct = !heard || passes(track.id, output);
    // What the track plays, `early` ahead of the master: from the range's start, or on from the range before.
    const early = comp.early(track.id);
    const played = { start: Math.max(range.start, start + early), end: range.end + early };
    const place = (x: Float32Array[]) => placed(x, played.start - (start + early), length);
    const sources = trackSources(track, { project, assets, range: played, chains });
    const alone = sends.length === 0 && !output && direct && early === 0 && warm === 0;
    const faded = alone ? out : channels(played.end - played.start);
    addFaded(track, sources, faded, { range: played, stereo });
    if (alone) continue;
    const post = place(faded);
    if (direct) take(track.id, output, post, 1);
    // A pre-fader send takes the track after its effects, centred, before its automation, gain and pan.
    const pre = sends.some((s) => s.preFader) ? channels(played.end - played.start) : undefined;
    if (pre) addFaded(withoutFader(track), sources, pre, { range: played, stereo });
    const prePlaced = pre && place(pre);
    for (const { busId, levelDb, preFader, volume } of sends) {
      const automation = volume?.length ? envelopeGains(volume, start + early, length) : undefined;
      take(track.id, busId, preFader && prePlaced ? prePlaced : post, dbToGain(levelDb), automation);
    }
  }
  // Each bus before the buses it plays and sends into, which take it in as a track's output and sends; its input
  // comes as early as it is late and must send on early.
  for (const bus of busesInMixOrder(project)) {
    const input = busInputs.get(bus.id);
    if (!input || bus.mute) continue;
    const early = comp.early(bus.id);
    const target = busOutputOf(project, bus.id);
    // Its first input is what the master hears at `start`, less the way on and its own look-ahead (uncompensated:
    // its input's timeline, the return that much late).
    const at = start + early + (comp === NO_COMPENSATION ? 0 : lateness(bus));
    const through = { rate, at, chains, host: bus.id, heardAt: start + early };
    const returned = balanced(throughBus(bus, input, through), bus.pan);
    // Its sends' level automation on the same timeline as its fader's (`early` ahead of the master).
    for (const { busId, levelDb, volume } of busSendsOf(project, bus.id).filter((s) => passes(bus.id, s.busId))) {
      const automation = volume?.length ? envelopeGains(volume, start + early, returned[0].length) : undefined;
      take(bus.id, busId, returned, dbToGain(levelDb), automation);
    }
    if (passes(bus.id, target)) take(bus.id, target, returned, 1);
  }
  return warm > 0 ? out.map((c) => c.slice(warm)) : out;
}

/** `x` placed `offset` samples into `length` (silence around it); itself where it fills the length from 0. */
function placed(x: Float32Array[], offset: number, length: number): Float32Array[] {
  if (offset === 0 && x[0]?.length === length) return x;
  return x.map((c) => {
    const y = new Float32Array(length);
    y.set(c.subarray(0, Math.max(0, length - offset)), offset);
    return y;
  });
}

/** A bus's return panned in place as a track's pan takes a stereo sound (a mono mix: as it is). */
function balanced(channels: Float32Array[], pan = 0): Float32Array[] {
  if (pan === 0 || channels.length !== 2) return channels;
  const [l, r] = channels;
  const { ll, rl, lr, rr } = panGains(pan, false);
  for (let i = 0; i < l.length; i++) [l[i], r[i]] = [ll * l[i] + rl * r[i], lr * l[i] + rr * r[i]];
  return channels;
}

/** Whether the mix as heard goes through effects on a bus (the master's, or a bus some track sends or plays to),
 * which playback runs on two channels: the mix is then made in two as well. */
function busesHeard(project: Project, tracks: Track[]): boolean {
  return (
    activeEffects(masterOf(project).effects).length > 0 ||
    tracks.some((t) => sendsOf(project, t).length > 0 || outputOf(project, t) !== undefined)
  );
}

/** The track with its fader left out: 0 dB, centred, no automation (what a pre-fader send takes, what Print effects
 * puts into the clips). */
export const withoutFader = (track: Track): Track => ({
  ...track,
  gainDb: 0,
  pan: 0,
  volume: undefined,
  panPoints: undefined,
});

/** Adds what the track feeds its fader (`sources`) through the fader (gain, volume automation, pan) into `out`. */
function addFaded(
  track: Track,
  sources: TrackSource[],
  out: Float32Array[],
  { range, stereo }: { range: SampleRange; stereo: boolean },
): void {
  const length = out[0].length;
  const gain = dbToGain(track.gainDb);
  const automation = track.volume?.length ? envelopeGains(track.volume, range.start, length) : undefined;
  const pans = stereo ? panValues(track, range.start, length) : undefined;
  for (const { channels: source, write, from, count } of sources) {
    if (!stereo) {
      addScaled(out[0], write, source[0], from, count, gain, automation);
      continue;
    }
    const [l, r] = toStereo(source);
    if (pans) {
      addPanned(out, { at: write, from, count }, [l, r], source.length === 1, gain, pans, automation);
      continue;
    }
    const g = panGains(track.pan, source.length === 1);
    addScaled(out[0], write, l, from, count, gain * g.ll, automation);
    addScaled(out[0], write, r, from, count, gain * g.rl, automation);
    addScaled(out[1], write, l, from, count, gain * g.lr, automation);
    addScaled(out[1], write, r, from, count, gain * g.rr, automation);
  }
}

/** `from` times `gain` (and, sample by sample, `gains`) added into `into`, channel by channel. */
function addInto(into: Float32Array[], from: Float32Array[], gain: number, gains?: Float32Array): void {
  into.forEach((channel, c) => {
    if (gains) for (let i = 0; i < channel.length; i++) channel[i] += from[c][i] * gain * gains[i];
    else for (let i = 0; i < channel.length; i++) channel[i] += from[c][i] * gain;
  });
}

/** A bus's input (from timeline sample `at`) through its effects, then its fader and the fader's automation (read
 * from timeline sample `heardAt`, `at` unless given) in place; returned: the master's, or an effect bus's. */
function throughBus(
  { effects, gainDb, volume }: MasterBus,
  input: Float32Array[],
  {
    rate,
    at,
    chains,
    host,
    heardAt = at,
  }: { rate: number; at: number; chains: TrackChains; host: EffectHost; heardAt?: number },
): Float32Array[] {
  if (activeEffects(effects).length > 0) chains.for(host, effects ?? [], rate, input.length, at).process(input);
  const gain = dbToGain(gainDb);
  const gains = volume?.length ? envelopeGains(volume, heardAt, input[0].length) : undefined;
  if (gains) for (const channel of input) for (let i = 0; i < channel.length; i++) channel[i] *= gain * gains[i];
  else if (gain !== 1) for (const channel of input) for (let i = 0; i < channel.length; i++) channel[i] *= gain;
  return input;
}

/** What a track feeds its fader over the range: `count` samples of `channels` from `from`, added at `write`. */
interface TrackSource {
  channels: Float32Array[];
  write: number;
  from: number;
  count: number;
}

/** A track's clips over the range through their envelopes and fades; where its effects are on, the clips summed on
 * the track's bus (from rest at the range's start, as playback starting there) and run through them, a keyed
 * compressor hearing its key track's clips over the same samples. */
function trackSources(
  track: Track,
  { project, assets, range, chains }: { project: Project; assets: AssetStore; range: SampleRange; chains: TrackChains },
): TrackSource[] {
  if (!hasActiveEffects(track)) return clipSources(track, assets, range);
  const rate = project.sampleRate;
  // A limiter's or a gate's look-ahead makes the chain late: it is fed that much early.
  const latency = effectsLatency(track.effects, rate);
  const { feed, skip } = aheadOf(range, latency, chains.has(track.id));
  const width = effectBusChannels(track, assets);
  const bus = clipsSummed(track, assets, feed, width);
  const keys = new Map(
    keyTracks(track.effects).flatMap((id) => {
      const key = project.tracks.find((t) => t.id === id && t.id !== track.id);
      return key ? [[id, onWidth(clipsSummed(key, assets, feed, effectBusChannels(key, assets)), width)] as const] : [];
    }),
  );
  chains.for(track.id, track.effects ?? [], rate, width, feed.start).process(bus, keys);
  return [{ channels: bus, write: 0, from: skip, count: Math.max(0, range.end - range.start) }];
}

/** Channels made `width` wide as a Web Audio input of that many explicit channels makes them: a mono sound copied to
 * both sides, a stereo one down-mixed to their mean (so a sidechain hears its key as the player's worklet does). */
function onWidth(channels: Float32Array[], width: number): Float32Array[] {
  if (channels.length === width) return channels;
  if (width === 2) return [channels[0], channels[0]];
  return [channels[0].map((v, i) => (v + channels[1][i]) / 2)];
}

/** A track's clips over the range through their envelopes and fades, summed on `width` channels (folded or spread
 * to stereo as Web Audio's speaker rules do). */
function clipsSummed(track: Track, assets: AssetStore, range: SampleRange, width: number): Float32Array[] {
  const sum = Array.from({ length: width }, () => new Float32Array(range.end - range.start));
  for (const clip of clipSources(track, assets, range)) {
    const channels = width === 1 ? clip.channels : toStereo(clip.channels);
    sum.forEach((out, c) => {
      for (let i = 0; i < clip.count; i++) out[clip.write + i] += channels[c][clip.from + i];
    });
  }
  return sum;
}

/** A track's clips over the range through their envelopes and fades, each where it is written into the range. */
function clipSources(track: Track, assets: AssetStore, range: SampleRange): TrackSource[] {
  return track.clips.flatMap((clip) => {
    const overlap = clipOverlap(clip, range);
    if (!overlap) return [];
    const { read, write, count } = overlap;
    const { channels, from } = throughClipGain(clip, assets.get(clip.assetId).channels, read, count);
    return [{ channels, write, from, count }];
  });
}

/** How many channels a track's effects run on: one where every clip is mono, else two (the clips folded or spread
 * to stereo as Web Audio's speaker rules do), so the pan treats the result as playback's does. */
export const effectBusChannels = (track: Track, assets: AssetStore): 1 | 2 =>
  track.clips.every((c) => assets.get(c.assetId).channels.length === 1) ? 1 : 2;

/** The `count` samples the clip reads from `read`, through its volume envelope and its fades: a copy read from 0, or,
 * where neither reaches them, the asset's own channels read from `read`. */
export function throughClipGain(
  clip: Clip,
  channels: Float32Array[],
  read: number,
  count: number,
): { channels: Float32Array[]; from: number } {
  const fades = clipFadeGains(clip, read - clip.offset, count);
  if (!clip.envelope?.length && !fades) return { channels, from: read };
  const gains = clip.envelope?.length ? envelopeGains(clip.envelope, read, count) : new Float32Array(count).fill(1);
  if (fades) for (let i = 0; i < count; i++) gains[i] *= fades[i];
  const copies = channels.map((ch) => {
    const out = ch.slice(read, read + count);
    for (let i = 0; i < count; i++) out[i] *= gains[i];
    return out;
  });
  return { channels: copies, from: 0 };
}

/** Adds a clip's left and right into both outputs through a pan that moves sample by sample (`pans`, indexed as
 * `out`), as a StereoPannerNode whose pan ramps does, times `gain` and the track's automation gains. */
function addPanned(
  out: Float32Array[],
  { at, from, count }: { at: number; from: number; count: number },
  [l, r]: [Float32Array, Float32Array],
  mono: boolean,
  gain: number,
  pans: Float32Array,
  automation?: Float32Array,
) {
  for (let i = 0; i < count; i++) {
    const g = panGains(pans[at + i], mono);
    const a = gain * (automation ? automation[at + i] : 1);
    const [x, y] = [l[from + i], r[from + i]];
    out[0][at + i] += a * (x * g.ll + y * g.rl);
    out[1][at + i] += a * (x * g.lr + y * g.rr);
  }
}

/** Adds `count` samples of `source` from `from` into `out` at `at`, times `gain` and, where given, the track's
 * automation gains (indexed as `out`). */
function addScaled(
  out: Float32Array,
  at: number,
  source: Float32Array,
  from: number,
  count: number,
  gain: number,
  automation?: Float32Array,
) {
  if (gain === 0) return;
  if (automation) for (let i = 0; i < count; i++) out[at + i] += source[from + i] * gain * automation[at + i];
  else for (let i = 0; i < count; i++) out[at + i] += source[from + i] * gain;
}
