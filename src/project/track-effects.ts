/** Edits of a track's realtime effects (src/dsp/effect-chain.ts) as project edits with their undo labels: add one
 * with settings to start from, change, switch off and on, move up or down the chain, remove. */
import { type TrackEffect, type TrackEffectKind, trackEffectProblem } from '../dsp/effect-chain';
import { FLAT_EQ } from '../dsp/equalizer';
import type { TrackEdit } from './track-ops';
import { newId, type Project, type Track } from './types';

export const EFFECT_NAMES: Readonly<Record<TrackEffectKind, string>> = {
  eq: 'Equalizer',
  filter: 'Filter',
  compressor: 'Compressor',
};

/** What a new effect starts as: a flat equalizer, a rumble filter, a gentle compressor, each switched on. */
export function newTrackEffect(kind: TrackEffectKind): TrackEffect {
  const id = newId();
  switch (kind) {
    case 'eq':
      return { id, on: true, kind, bands: FLAT_EQ.map((b) => ({ ...b })) };
    case 'filter':
      return { id, on: true, kind, type: 'highpass', hz: 80 };
    case 'compressor':
      return { id, on: true, kind, thresholdDb: -18, ratio: 3, makeupDb: 0 };
  }
}

/** A one-line account of an effect's settings, for the chain's list and the track header's tooltip. */
export function describeEffect(effect: TrackEffect): string {
  switch (effect.kind) {
    case 'eq': {
      const shaped = effect.bands.filter((b) => b.gainDb !== 0).length;
      return shaped === 0 ? 'Equalizer (flat)' : `Equalizer (${shaped} band${shaped === 1 ? '' : 's'})`;
    }
    case 'filter':
      return `${effect.type === 'highpass' ? 'High-pass' : 'Low-pass'} ${effect.hz} Hz`;
    case 'compressor':
      return `Compressor ${effect.thresholdDb} dBFS ${effect.ratio}:1${effect.makeupDb ? ` +${effect.makeupDb} dB` : ''}`;
  }
}

const withEffects = (
  project: Project,
  trackId: string,
  change: (effects: TrackEffect[]) => TrackEffect[],
): Project => ({
  ...project,
  tracks: project.tracks.map((t) => (t.id === trackId ? { ...t, effects: change(t.effects ?? []) } : t)),
});

const trackEffects = (project: Project, trackId: string): readonly TrackEffect[] =>
  project.tracks.find((t) => t.id === trackId)?.effects ?? [];

export function addTrackEffect(project: Project, trackId: string, effect: TrackEffect): TrackEdit {
  return { label: `Add ${EFFECT_NAMES[effect.kind]}`, project: withEffects(project, trackId, (e) => [...e, effect]) };
}

/** The effect with `patch` applied; a setting out of bounds throws with the reason (the project unchanged). */
export function changeTrackEffect(
  project: Project,
  trackId: string,
  effectId: string,
  patch: Partial<TrackEffect>,
): TrackEdit {
  const effect = trackEffects(project, trackId).find((e) => e.id === effectId);
  if (!effect) throw new Error('That effect is no longer on the track.');
  const changed = { ...effect, ...patch } as TrackEffect;
  const problem = trackEffectProblem(changed);
  if (problem) throw new Error(problem);
  const label =
    patch.on === undefined
      ? `Change ${EFFECT_NAMES[effect.kind]}`
      : `${EFFECT_NAMES[effect.kind]} ${patch.on ? 'on' : 'off'}`;
  return { label, project: withEffects(project, trackId, (e) => e.map((x) => (x.id === effectId ? changed : x))) };
}

export function removeTrackEffect(project: Project, trackId: string, effectId: string): TrackEdit {
  const effect = trackEffects(project, trackId).find((e) => e.id === effectId);
  const label = `Remove ${effect ? EFFECT_NAMES[effect.kind] : 'effect'}`;
  return { label, project: withEffects(project, trackId, (e) => e.filter((x) => x.id !== effectId)) };
}

/** The effect one place earlier (-1) or later (+1) in the chain; at either end it stays. */
export function moveTrackEffect(project: Project, trackId: string, effectId: string, by: -1 | 1): TrackEdit {
  const label = by < 0 ? 'Move effect up' : 'Move effect down';
  const effects = [...trackEffects(project, trackId)];
  const from = effects.findIndex((e) => e.id === effectId);
  const to = from + by;
  if (from < 0 || to < 0 || to >= effects.length) return { label, project };
  [effects[from], effects[to]] = [effects[to], effects[from]];
  return { label, project: withEffects(project, trackId, () => effects) };
}

/** Whether any of the track's effects is heard. */
export const hasActiveEffects = (track: Track): boolean => (track.effects ?? []).some((e) => e.on);

/** The ids of the tracks whose effects alone differ between two versions of a project, or null where anything else
 * differs (tracks added, removed or reordered, clips, gain...): there playback must start again; here the effects
 * already sounding can simply take the new settings. */
export function effectsOnlyChanges(before: Project, after: Project): string[] | null {
  if (before.sampleRate !== after.sampleRate || before.tracks.length !== after.tracks.length) return null;
  const { tracks: _a, ...restBefore } = before;
  const { tracks: _b, ...restAfter } = after;
  if (!sameFields(restBefore, restAfter)) return null;
  const changed: string[] = [];
  for (const [i, track] of after.tracks.entries()) {
    const old = before.tracks[i];
    if (track === old) continue;
    const { effects: _x, ...rest } = track;
    const { effects: _y, ...oldRest } = old;
    if (!sameFields(rest, oldRest)) return null;
    changed.push(track.id);
  }
  return changed;
}

/** The same keys holding the same values (===). */
function sameFields(a: object, b: object): boolean {
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  const record = (o: object) => o as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => record(a)[k] === record(b)[k]);
}
