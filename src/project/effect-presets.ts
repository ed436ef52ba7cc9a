/** One effect's settings kept by name, as a plug-in's preset menu in a DAW: built-in starting points for each kind of
 * effect, and the user's own, saved from an effect and kept in the browser for every project
 * (src/persist/effect-presets-storage.ts). Choosing one sets the effect's settings, one undo step; the effect's place,
 * its switch, its lanes, its sidechain key and a scale's key stay as they were. */
import { type TrackEffect, type TrackEffectKind, trackEffectProblem } from '../dsp/effect-chain';
import { EQ_PRESETS, presetBands } from '../dsp/equalizer';
import { EFFECT_NAMES, type EffectHost, effectsOf, replaceTrackEffect } from './track-effects';
import type { TrackEdit } from './track-ops';
import type { Project } from './types';

/** A preset: the kind it is for and what it sets (an effect's settings, less what stays with the effect). */
export interface EffectPreset {
  name: string;
  settings: PresetSettings;
}

type Settings<E> = E extends TrackEffect ? Omit<E, StaysKey> : never;
export type PresetSettings = Settings<TrackEffect>;

/** What a preset never sets: the effect's identity and switch, its lanes, the track a compressor listens to, whether
 * a bus's echo or reverb is wet only, and the key a pitch corrector tunes to (the song's, not the sound's). */
const STAYS = ['id', 'on', 'automation', 'key', 'wetOnly', 'tonic', 'mode'] as const;
type StaysKey = (typeof STAYS)[number];

/** The longest name a saved preset may have. */
export const PRESET_NAME_MAX = 60;

/** The settings a preset of `kind` gives. */
type SettingsOf<K extends TrackEffectKind> = Omit<Extract<TrackEffect, { kind: K }>, StaysKey | 'kind'>;

const presets = <K extends TrackEffectKind>(kind: K, list: [string, SettingsOf<K>][]): EffectPreset[] =>
  list.map(([name, settings]) => ({ name, settings: { kind, ...settings } as unknown as PresetSettings }));

/** Where comparable tools start their users: voices, drums, bass and the mix bus for the dynamics; the everyday
 * cuts; rooms, plates and halls; tempo-friendly echoes at 120 BPM. */
export const BUILT_IN_PRESETS: readonly EffectPreset[] = [
  ...Object.keys(EQ_PRESETS).map((name) => ({
    name,
    settings: { kind: 'eq', bands: presetBands(name) } as PresetSettings,
  })),
  ...presets('filter', [
    ['Rumble cut (80 Hz high-pass)', { type: 'highpass', hz: 80 }],
    ['Voice (120 Hz high-pass)', { type: 'highpass', hz: 120 }],
    ['Thin (400 Hz high-pass)', { type: 'highpass', hz: 400 }],
    ['Muffled (1.2 kHz low-pass)', { type: 'lowpass', hz: 1200 }],
    ['Hiss cut (10 kHz low-pass)', { type: 'lowpass', hz: 10000 }],
  ]),
  ...presets('compressor', [
    ['Vocal: gentle', { thresholdDb: -20, ratio: 3, makeupDb: 4 }],
    ['Vocal: upfront', { thresholdDb: -26, ratio: 5, makeupDb: 8 }],
    ['Drums: punch', { thresholdDb: -14, ratio: 4, makeupDb: 4 }],
    ['Bass: even', { thresholdDb: -22, ratio: 5, makeupDb: 6 }],
    ['Mix bus: glue', { thresholdDb: -10, ratio: 2, makeupDb: 2 }],
    ['Parallel crush', { thresholdDb: -36, ratio: 20, makeupDb: 18, dryWet: 0.35 }],
  ]),
  ...presets('limiter', [
    ['Streaming: -1 dBFS', { ceilingDb: -1, releaseMs: 50 }],
    ['Broadcast: -2 dBFS, slow', { ceilingDb: -2, releaseMs: 200 }],
    ['Loud: -0.3 dBFS, fast', { ceilingDb: -0.3, releaseMs: 20 }],
  ]),
  ...presets('gate', [
    ['Room noise between phrases', { thresholdDb: -45, reductionDb: -24 }],
    ['Drums: tight', { thresholdDb: -30, reductionDb: -60 }],
    ['Gentle', { thresholdDb: -55, reductionDb: -10 }],
  ]),
  ...presets('transient', [
    ['Drums: more attack', { attackPct: 50, sustainPct: 0 }],
    ['Drums: tighter', { attackPct: 0, sustainPct: -50 }],
    ['Softer attack', { attackPct: -40, sustainPct: 0 }],
    ['Roomier', { attackPct: 0, sustainPct: 40 }],
  ]),
  ...presets('deess', [
    ['Higher voice', { hz: 7000, thresholdDb: -30, maxReductionDb: 10 }],
    ['Lower voice', { hz: 5000, thresholdDb: -30, maxReductionDb: 10 }],
    ['Gentle', { hz: 6000, thresholdDb: -24, maxReductionDb: 6 }],
  ]),
  ...presets('distortion', [
    ['Warm tube', { curve: 'tube', driveDb: 6, outputDb: -6 }],
    ['Crunch', { curve: 'soft', driveDb: 18, outputDb: -14 }],
    ['Fuzz', { curve: 'hard', driveDb: 30, outputDb: -24 }],
    ['Parallel grit', { curve: 'hard', driveDb: 24, outputDb: -18, dryWet: 0.3 }],
  ]),
  ...presets('width', [
    ['Wider, lows mono', { widthPct: 150, monoBelowHz: 120 }],
    ['Lows mono (150 Hz)', { widthPct: 100, monoBelowHz: 150 }],
    ['Narrower', { widthPct: 60, monoBelowHz: 0 }],
    ['Mono', { widthPct: 0, monoBelowHz: 0 }],
  ]),
  ...presets('tremolo', [
    ['Slow pulse', { rateHz: 2, depth: 0.5 }],
    ['Fast shimmer', { rateHz: 8, depth: 0.4 }],
    ['Chop', { rateHz: 6, depth: 1 }],
  ]),
  ...presets('phaser', [
    ['Slow swirl', { rateHz: 0.3, depth: 0.6, feedback: 0.4 }],
    ['Jet', { rateHz: 1.5, depth: 0.9, feedback: 0.7 }],
  ]),
  ...presets('chorus', [
    ['Subtle doubling', { rateHz: 0.5, depthMs: 2, mix: 0.35 }],
    ['Lush', { rateHz: 0.8, depthMs: 5, mix: 0.6 }],
  ]),
  ...presets('flanger', [
    ['Slow sweep', { rateHz: 0.15, depth: 0.7, feedback: 0.5 }],
    ['Metallic', { rateHz: 0.5, depth: 0.8, feedback: 0.85 }],
  ]),
  ...presets('echo', [
    ['Slapback', { delaySeconds: 0.11, decay: 0.2 }],
    ['Dotted eighth at 120 BPM', { delaySeconds: 0.375, decay: 0.4 }],
    ['Quarter at 120 BPM', { delaySeconds: 0.5, decay: 0.35 }],
    ['Canyon', { delaySeconds: 0.8, decay: 0.6 }],
  ]),
  ...presets('reverb', [
    ['Small room', { decaySeconds: 0.6, wetDb: -14 }],
    ['Vocal plate', { decaySeconds: 1.5, wetDb: -12 }],
    ['Large hall', { decaySeconds: 3, wetDb: -10 }],
    ['Ambient wash', { decaySeconds: 6, wetDb: -8 }],
  ]),
  ...presets('convolver', [
    ['Room', { impulse: { builtIn: 'room' }, wetDb: -12 }],
    ['Plate', { impulse: { builtIn: 'plate' }, wetDb: -12 }],
    ['Hall', { impulse: { builtIn: 'hall' }, wetDb: -10, predelayMs: 20 }],
  ]),
  ...presets('tune', [
    ['Natural', { speedMs: 40, strength: 80, humanize: 40 }],
    ['Tight', { speedMs: 15, strength: 100, humanize: 20 }],
    ['Robotic (hard tune)', { speedMs: 0, strength: 100 }],
  ]),
];

/** What an effect's settings are as a preset keeps them. */
export function settingsOf(effect: TrackEffect): PresetSettings {
  const settings: Record<string, unknown> = { ...effect };
  for (const key of STAYS) delete settings[key];
  return settings as PresetSettings;
}

/** The effect set as the preset says, keeping what stays with it (a preset for another kind is refused). */
export function withPreset(effect: TrackEffect, preset: EffectPreset): TrackEffect {
  if (preset.settings.kind !== effect.kind)
    throw new Error(
      `“${preset.name}” is a ${EFFECT_NAMES[preset.settings.kind]} preset, not a ${EFFECT_NAMES[effect.kind]}'s.`,
    );
  const stays = Object.fromEntries(STAYS.filter((k) => k in effect).map((k) => [k, effect[k as keyof TrackEffect]]));
  return { ...structuredClone(preset.settings), ...stays } as TrackEffect;
}

/** The host's effect set as the preset says; one undo step. */
export function applyEffectPreset(
  project: Project,
  host: EffectHost,
  effectId: string,
  preset: EffectPreset,
): TrackEdit {
  const effect = effectsOf(project, host).find((e) => e.id === effectId);
  if (!effect) throw new Error('That effect is no longer there.');
  return replaceTrackEffect(project, host, withPreset(effect, preset), `Preset ${preset.name}`);
}

/** The presets for effects of `kind`: the built-in ones, then the user's. */
export function presetsFor(kind: TrackEffectKind, saved: readonly EffectPreset[]) {
  const of = (list: readonly EffectPreset[]) => list.filter((p) => p.settings.kind === kind);
  return { builtIn: of(BUILT_IN_PRESETS), saved: of(saved) };
}

/** The name of the preset (built-in first) whose settings the effect has now, or null: as a DAW's preset menu shows
 * the preset loaded until a setting moves. */
export function presetMatching(effect: TrackEffect, saved: readonly EffectPreset[]): string | null {
  const now = canonical(settingsOf(effect));
  const { builtIn, saved: own } = presetsFor(effect.kind, saved);
  return [...builtIn, ...own].find((p) => canonical(p.settings) === now)?.name ?? null;
}

/** A value as JSON with its keys sorted, so settings made in any order compare. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The saved presets with the effect's settings saved as `name` for its kind (one of that kind and name replaced);
 * an empty, too long or built-in name throws with the reason. */
export function saveEffectPreset(saved: readonly EffectPreset[], name: string, effect: TrackEffect): EffectPreset[] {
  const trimmed = name.trim();
  const kind = EFFECT_NAMES[effect.kind];
  if (!trimmed) throw new Error('Name the preset to save it.');
  if (trimmed.length > PRESET_NAME_MAX) throw new Error(`A preset's name is at most ${PRESET_NAME_MAX} characters.`);
  if (presetsFor(effect.kind, []).builtIn.some((p) => p.name === trimmed))
    throw new Error(`“${trimmed}” is a built-in ${kind} preset; save under another name.`);
  const preset = { name: trimmed, settings: structuredClone(settingsOf(effect)) };
  const others = saved.filter((p) => !(p.name === trimmed && p.settings.kind === effect.kind));
  return [...others, preset].sort(
    (a, b) => a.settings.kind.localeCompare(b.settings.kind) || a.name.localeCompare(b.name),
  );
}

export const deleteEffectPreset = (saved: readonly EffectPreset[], kind: TrackEffectKind, name: string) =>
  saved.filter((p) => !(p.name === name && p.settings.kind === kind));

/** Why a stored value is not a preset that can be used, or null. */
export function effectPresetProblem(value: unknown): string | null {
  const preset = value as Partial<EffectPreset> | null;
  if (typeof preset !== 'object' || preset === null || typeof preset.name !== 'string' || !preset.name.trim())
    return 'a preset without a name';
  const settings = preset.settings as Partial<PresetSettings> | undefined;
  if (typeof settings !== 'object' || settings === null || !(String(settings.kind) in EFFECT_NAMES))
    return `“${preset.name}” is for no effect the studio has`;
  const scale = settings.kind === 'tune' ? { tonic: null, mode: 'major' } : {};
  const problem = trackEffectProblem({ ...scale, ...settings, id: 'preset', on: true } as TrackEffect);
  return problem && `“${preset.name}”: ${problem}`;
}
