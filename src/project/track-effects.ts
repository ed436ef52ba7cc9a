/** Edits of the realtime effects (src/dsp/effect-chain.ts) of a track or of the master bus, and of the master's
 * fader, as project edits with their undo labels: add one with settings to start from, change, switch off and on,
 * move up or down the chain, remove. */
import { type AutomatableParam, type AutomationPoint, lanesOf } from '../dsp/effect-automation';
import { type TrackEffect, type TrackEffectKind, trackEffectProblem } from '../dsp/effect-chain';
import { impulseName } from '../dsp/convolution';
import { DEESS_DEFAULTS } from '../dsp/deess';
import { FLAT_EQ } from '../dsp/equalizer';
import { BAND_NAMES, type Multiband, MULTIBAND_DEFAULTS } from '../dsp/multiband';
import { correctionText } from './effects';
import type { TrackEdit } from './track-ops';
import { channelOf } from './track-groups';
import { type BusSend, type EffectBus, type MasterBus, newId, type Project, type Track } from './types';

/** Where effects are: a track or an effect bus (its id), or the master bus, which every track plays into. */
export type EffectHost = string;
export const MASTER: EffectHost = 'master';

/** A project's master bus before anything is set on it: at 0 dB, no effects. */
export const NO_MASTER: MasterBus = { gainDb: 0 };

/** The master bus as the project has it. */
export const masterOf = (project: Project): MasterBus => project.master ?? NO_MASTER;

/** The master fader's range, dB. */
export const MASTER_GAIN_DB = { min: -36, max: 12 } as const;

export const EFFECT_NAMES: Readonly<Record<TrackEffectKind, string>> = {
  eq: 'Equalizer',
  filter: 'Filter',
  compressor: 'Compressor',
  multiband: 'Multiband compressor',
  limiter: 'Limiter',
  gate: 'Noise gate',
  transient: 'Transient shaper',
  deess: 'De-esser',
  distortion: 'Distortion',
  width: 'Stereo width',
  tremolo: 'Tremolo',
  phaser: 'Phaser',
  chorus: 'Chorus',
  flanger: 'Flanger',
  echo: 'Echo',
  reverb: 'Reverb',
  convolver: 'Convolution reverb',
  tune: 'Pitch correction',
};

/** The effects by what they do, in the order a chain usually runs them, as a DAW's plug-in menu groups them. */
export const EFFECT_GROUPS: readonly (readonly [string, readonly TrackEffectKind[]])[] = [
  ['EQ and filter', ['eq', 'filter']],
  ['Dynamics', ['compressor', 'multiband', 'limiter', 'gate', 'transient', 'deess']],
  ['Pitch', ['tune']],
  ['Colour and width', ['distortion', 'width']],
  ['Modulation', ['chorus', 'flanger', 'phaser', 'tremolo']],
  ['Space', ['echo', 'reverb', 'convolver']],
];

/** What a new effect starts as, switched on: a flat equalizer, a rumble filter, a gentle compressor, a limiter a
 * decibel under full scale, a gate for room noise between phrases, the Tremolo, Phaser and Chorus effects' own
 * starting settings, a dotted-eighth echo at 120 BPM, a mid-sized room (the built-in room's impulse for convolution),
 * pitch correction to every semitone at Correct pitch's 20 ms. */
export function newTrackEffect(kind: TrackEffectKind): TrackEffect {
  const id = newId();
  switch (kind) {
    case 'eq':
      return { id, on: true, kind, bands: FLAT_EQ.map((b) => ({ ...b })) };
    case 'filter':
      return { id, on: true, kind, type: 'highpass', hz: 80 };
    case 'compressor':
      return { id, on: true, kind, thresholdDb: -18, ratio: 3, makeupDb: 0 };
    case 'multiband':
      return {
        id,
        on: true,
        kind,
        ...MULTIBAND_DEFAULTS,
        bands: MULTIBAND_DEFAULTS.bands.map((b) => ({ ...b })) as Multiband['bands'],
      };
    case 'limiter':
      return { id, on: true, kind, ceilingDb: -1, releaseMs: 50 };
    case 'gate':
      return { id, on: true, kind, thresholdDb: -45, reductionDb: -24 };
    case 'transient':
      return { id, on: true, kind, attackPct: 30, sustainPct: 0 };
    case 'deess':
      return { id, on: true, kind, ...DEESS_DEFAULTS };
    case 'distortion':
      return { id, on: true, kind, curve: 'tube', driveDb: 6, outputDb: -6 };
    case 'width':
      return { id, on: true, kind, widthPct: 130, monoBelowHz: 0 };
    case 'tremolo':
      return { id, on: true, kind, rateHz: 4, depth: 0.5 };
    case 'phaser':
      return { id, on: true, kind, rateHz: 0.5, depth: 0.7, feedback: 0.3 };
    case 'chorus':
      return { id, on: true, kind, rateHz: 0.8, depthMs: 3, mix: 0.5 };
    case 'flanger':
      return { id, on: true, kind, rateHz: 0.25, depth: 0.6, feedback: 0.5 };
    case 'echo':
      return { id, on: true, kind, delaySeconds: 0.375, decay: 0.4 };
    case 'reverb':
      return { id, on: true, kind, decaySeconds: 1.5, wetDb: -12 };
    case 'convolver':
      return { id, on: true, kind, impulse: { builtIn: 'room' }, wetDb: -12 };
    case 'tune':
      return { id, on: true, kind, tonic: null, mode: 'major', speedMs: 20, strength: 100 };
  }
}

const wet = (effect: { wetOnly?: boolean }) => (effect.wetOnly ? ', wet only' : '');

/** A one-line account of an effect's settings, for the chain's list and the track header's tooltip. */
export function describeEffect(effect: TrackEffect): string {
  const { dryWet } = effect;
  const mixed = dryWet !== undefined && dryWet < 1 ? `, ${Math.round(dryWet * 100)} % wet` : '';
  return `${describeSettings(effect)}${mixed}${lanesOf(effect).length ? ', automated' : ''}`;
}

function describeSettings(effect: TrackEffect): string {
  switch (effect.kind) {
    case 'eq': {
      const shaped = effect.bands.filter((b) => b.gainDb !== 0).length;
      return shaped === 0 ? 'Equalizer (flat)' : `Equalizer (${shaped} band${shaped === 1 ? '' : 's'})`;
    }
    case 'filter':
      return `${effect.type === 'highpass' ? 'High-pass' : 'Low-pass'} ${effect.hz} Hz`;
    case 'compressor': {
      const makeup = effect.makeupDb ? ` +${effect.makeupDb} dB` : '';
      return `Compressor ${effect.thresholdDb} dBFS ${effect.ratio}:1${makeup}${effect.key ? ', keyed' : ''}`;
    }
    case 'multiband': {
      const bands = effect.bands.map((b) => `${b.thresholdDb} dBFS ${b.ratio}:1`).join(' · ');
      const makeup = effect.makeupDb ? ` +${effect.makeupDb} dB` : '';
      const solo = effect.solo === undefined ? '' : `, ${BAND_NAMES[effect.solo].toLowerCase()} solo`;
      return `Multiband ${effect.lowHz} / ${effect.highHz} Hz: ${bands}${makeup}${solo}`;
    }
    case 'limiter':
      return `Limiter ${effect.ceilingDb} dBFS, release ${effect.releaseMs} ms`;
    case 'gate':
      return `Noise gate ${effect.thresholdDb} dBFS, ${effect.reductionDb} dB`;
    case 'transient': {
      const signed = (pct: number) => `${pct > 0 ? '+' : ''}${pct} %`;
      return `Transient shaper attack ${signed(effect.attackPct)}, sustain ${signed(effect.sustainPct)}`;
    }
    case 'deess':
      return `De-esser over ${effect.hz} Hz, ${effect.thresholdDb} dBFS, at most ${effect.maxReductionDb} dB${effect.listen ? ', listening' : ''}`;
    case 'distortion':
      return `Distortion (${effect.curve}) +${effect.driveDb} dB drive, ${effect.outputDb} dBFS out`;
    case 'width': {
      const mono = effect.monoBelowHz > 0 ? `, mono under ${effect.monoBelowHz} Hz` : '';
      return `Stereo width ${effect.widthPct} %${mono}`;
    }
    case 'tremolo':
      return `Tremolo ${effect.rateHz} Hz, depth ${effect.depth}`;
    case 'phaser':
      return `Phaser ${effect.rateHz} Hz, depth ${effect.depth}, feedback ${effect.feedback}`;
    case 'chorus':
      return `Chorus ${effect.rateHz} Hz, ±${effect.depthMs} ms, mix ${effect.mix}`;
    case 'flanger':
      return `Flanger ${effect.rateHz} Hz, depth ${effect.depth}, feedback ${effect.feedback}`;
    case 'echo':
      return effect.decay > 0
        ? `Echo ${effect.delaySeconds} s, each ${Math.round(20 * Math.log10(effect.decay))} dB${wet(effect)}`
        : 'Echo (no repeats)';
    case 'reverb':
      return `Reverb ${effect.decaySeconds} s at ${effect.wetDb} dB${wet(effect)}`;
    case 'convolver': {
      const { predelayMs, lowCutHz, highCutHz } = effect;
      const delay = predelayMs ? `, ${predelayMs} ms pre-delay` : '';
      const cuts = [lowCutHz ? `over ${lowCutHz} Hz` : '', highCutHz ? `under ${highCutHz} Hz` : ''].filter(Boolean);
      const band = cuts.length ? `, ${cuts.join(' and ')}` : '';
      const backwards = effect.reverse ? ', reversed' : '';
      return `Convolution reverb: ${impulseName(effect.impulse)} at ${effect.wetDb} dB${delay}${band}${backwards}${wet(effect)}`;
    }
    case 'tune':
      return `Pitch correction (${correctionText(effect)})`;
  }
}

function withEffects(project: Project, host: EffectHost, change: (effects: TrackEffect[]) => TrackEffect[]): Project {
  if (host === MASTER) {
    const master = masterOf(project);
    return { ...project, master: { ...master, effects: change(master.effects ?? []) } };
  }
  if (project.buses?.some((b) => b.id === host)) {
    const buses = project.buses.map((b) => (b.id === host ? { ...b, effects: change(b.effects ?? []) } : b));
    return { ...project, buses };
  }
  // A track's takes share its channel (as a DAW's take lanes), so its inserts: A/B compares them through the same.
  const channel = new Set(channelOf(project, host));
  return {
    ...project,
    tracks: project.tracks.map((t) => (channel.has(t.id) ? { ...t, effects: change(t.effects ?? []) } : t)),
  };
}

/** The effects of a track, a bus or the master, in order. */
export const effectsOf = (project: Project, host: EffectHost): readonly TrackEffect[] =>
  (host === MASTER
    ? masterOf(project).effects
    : (project.tracks.find((t) => t.id === host) ?? project.buses?.find((b) => b.id === host))?.effects) ?? NO_EFFECTS;

/** A host's chain where it has none: always the same list, so a view selecting it is not made again each time. */
const NO_EFFECTS: readonly TrackEffect[] = [];

/** The master fader at `gainDb`; out of its range throws with the reason. */
export function setMasterGain(project: Project, gainDb: number): TrackEdit {
  const { min, max } = MASTER_GAIN_DB;
  if (!(gainDb >= min && gainDb <= max)) throw new Error(`The master fader goes from ${min} to +${max} dB.`);
  return { label: 'Master gain', project: { ...project, master: { ...masterOf(project), gainDb } } };
}

export function addTrackEffect(project: Project, host: EffectHost, effect: TrackEffect): TrackEdit {
  return { label: `Add ${EFFECT_NAMES[effect.kind]}`, project: withEffects(project, host, (e) => [...e, effect]) };
}

/** The effect with `patch` applied; a setting out of bounds throws with the reason (the project unchanged). */
export function changeTrackEffect(
  project: Project,
  host: EffectHost,
  effectId: string,
  patch: Partial<TrackEffect>,
): TrackEdit {
  const effect = effectsOf(project, host).find((e) => e.id === effectId);
  if (!effect) throw new Error('That effect is no longer there.');
  const label =
    patch.on === undefined
      ? `Change ${EFFECT_NAMES[effect.kind]}`
      : `${EFFECT_NAMES[effect.kind]} ${patch.on ? 'on' : 'off'}`;
  return replaceTrackEffect(project, host, { ...effect, ...patch } as TrackEffect, label);
}

/** The host's effect of `changed`'s id replaced by it (one that cannot run refused with the reason). */
export function replaceTrackEffect(project: Project, host: EffectHost, changed: TrackEffect, label: string): TrackEdit {
  const problem = trackEffectProblem(changed);
  if (problem) throw new Error(problem);
  return { label, project: withEffects(project, host, (e) => e.map((x) => (x.id === changed.id ? changed : x))) };
}

export function removeTrackEffect(project: Project, host: EffectHost, effectId: string): TrackEdit {
  const effect = effectsOf(project, host).find((e) => e.id === effectId);
  const label = `Remove ${effect ? EFFECT_NAMES[effect.kind] : 'effect'}`;
  return { label, project: withEffects(project, host, (e) => e.filter((x) => x.id !== effectId)) };
}

/** Copies of `from`'s effects (with their settings, on or off) added after `to`'s own, as a DAW's copy of a plug-in
 * chain to another channel; `to`'s effects are kept. */
export function copyEffects(project: Project, from: EffectHost, to: EffectHost, toName: string): TrackEdit {
  const copies = effectsOf(project, from).map((e) => ({ ...e, id: newId() }));
  return addEffects(project, to, copies, `Copy effects to ${toName}`);
}

/** `effects` added after the host's own, as one edit under `label`. */
export function addEffects(project: Project, host: EffectHost, effects: TrackEffect[], label: string): TrackEdit {
  return { label, project: withEffects(project, host, (e) => [...e, ...effects]) };
}

/** The effect one place earlier (-1) or later (+1) in the chain; at either end it stays. */
export function moveTrackEffect(project: Project, host: EffectHost, effectId: string, by: -1 | 1): TrackEdit {
  const label = by < 0 ? 'Move effect up' : 'Move effect down';
  const effects = [...effectsOf(project, host)];
  const from = effects.findIndex((e) => e.id === effectId);
  const to = from + by;
  if (from < 0 || to < 0 || to >= effects.length) return { label, project };
  [effects[from], effects[to]] = [effects[to], effects[from]];
  return { label, project: withEffects(project, host, () => effects) };
}

/** The effect's lane for `param` set to `points` (none: the lane gone, the setting its own again). */
export function setEffectLane(
  project: Project,
  host: EffectHost,
  effectId: string,
  param: AutomatableParam,
  points: readonly AutomationPoint[],
): Project {
  return withEffects(project, host, (effects) =>
    effects.map((effect) => {
      if (effect.id !== effectId) return effect;
      const { [param]: _gone, ...others } = effect.automation ?? {};
      const automation = points.length ? { ...others, [param]: [...points] } : others;
      const { automation: _old, ...rest } = effect;
      return (Object.keys(automation).length ? { ...rest, automation } : rest) as TrackEffect;
    }),
  );
}

/** Whether any of the track's effects is heard. */
export const hasActiveEffects = (track: Track): boolean => (track.effects ?? []).some((e) => e.on);

/** What differs between two versions of a project where only effects, bus faders (the master's, the effect buses'),
 * tracks' volume, pan and send lanes and the master's and buses' volume and send lanes do: the hosts whose effects
 * changed and the tracks, buses or master whose lanes did; null where anything else differs (tracks or buses added, removed or reordered, clips, a track's gain, a send...). There
 * playback must start again; here what is sounding can simply take the new settings. */
export function liveChanges(before: Project, after: Project): { effects: EffectHost[]; lanes: string[] } | null {
  const { tracks: _a, master: _m, buses: busesBefore = [], ...restBefore } = before;
  const { tracks: _b, master: _n, buses: busesAfter = [], ...restAfter } = after;
  if (!sameFields(heardOnly(restBefore, UNHEARD_PROJECT), heardOnly(restAfter, UNHEARD_PROJECT))) return null;
  const hosts = [
    ...pairs(before.tracks, after.tracks, [...TRACK_LANES, ...UNHEARD_TRACK, 'sends']),
    ...pairs(busesBefore, busesAfter, ['gainDb', 'volume', 'mute', 'pan', 'name', 'sends']),
    ...pairs([{ id: MASTER, ...masterOf(before) }], [{ id: MASTER, ...masterOf(after) }], ['gainDb', 'volume']),
  ];
  if (hosts.includes(null)) return null;
  // A track's or bus's sends may differ in their level automation alone (lanes a playback follows), nothing else.
  if (after.tracks.some((t, i) => !sameButLanes(before.tracks[i].sends, t.sends))) return null;
  if (busesAfter.some((b, i) => !sameButLanes(busesBefore[i].sends, b.sends))) return null;
  const lanes = after.tracks
    .filter((t, i) => [...TRACK_LANES, 'sends' as const].some((k) => t[k] !== before.tracks[i][k]))
    .map((t) => t.id);
  if (masterOf(after).volume !== masterOf(before).volume) lanes.push(MASTER);
  const busLanes = (b: EffectBus, i: number) => b.volume !== busesBefore[i].volume || b.sends !== busesBefore[i].sends;
  lanes.push(...busesAfter.filter(busLanes).map((b) => b.id));
  return { effects: hosts.filter((h): h is EffectHost => h !== null && h !== false), lanes };
}

/** A track's lanes that a playback follows as they change (src/playback/lane-rides.ts). */
const TRACK_LANES = ['volume', 'panPoints'] as const;

/** What a playback never hears, so a change of it (a track renamed, a mix kept, a label added as it plays) leaves it
 * going: the project's prompts, tags, track groups and kept mixes; a track's name, colour, labels, what Analyze heard
 * in it and its group; a bus's name. */
const UNHEARD_PROJECT = ['prompts', 'tags', 'groups', 'mixes'];
const UNHEARD_TRACK = ['name', 'color', 'labels', 'tempoBpm', 'beatStart', 'musicKey', 'group'];

/** `fields` less the `unheard` ones. */
const heardOnly = (fields: object, unheard: readonly string[]) =>
  Object.fromEntries(Object.entries(fields).filter(([key]) => !unheard.includes(key)));

/** The same sends but for their level automation. */
function sameButLanes(before: readonly BusSend[] = [], after: readonly BusSend[] = []): boolean {
  const settings = ({ volume: _lane, ...rest }: BusSend) => rest;
  return (
    before === after ||
    (before.length === after.length && after.every((s, i) => sameFields(settings(s), settings(before[i]))))
  );
}

/** For each of two lists of the same things in the same order: false where one is unchanged but for `live` fields,
 * its id where its effects changed too, null where anything else did (or the lists differ in length). */
function pairs<T extends { id: string; effects?: TrackEffect[] }>(
  before: readonly T[],
  after: readonly T[],
  live: readonly string[] = [],
): (string | false | null)[] {
  if (before.length !== after.length) return [null];
  return after.map((thing, i) => {
    const old = before[i];
    if (thing === old) return false;
    const rest = (t: T) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'effects' && !live.includes(k)));
    if (!sameFields(rest(thing), rest(old))) return null;
    return thing.effects !== old.effects ? thing.id : false;
  });
}

/** The same keys holding the same values (===). */
function sameFields(a: object, b: object): boolean {
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  const record = (o: object) => o as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => record(a)[k] === record(b)[k]);
}
