/**
 * Mix snapshots, as a DAW's mixer snapshots or scenes (Studio One's, Reaper's SWS snapshots): the faders, pans, mutes,
 * solos, inserts (their settings, on or off), sends and outputs (the tracks' and the buses') kept under a name, to compare two mixes of the same song and go
 * back to either. Recalling one sets the tracks and buses it knows (their effect chains as they were kept, effects
 * added since going with them) and leaves those added since as they are.
 */
import { MASTER, masterOf } from './track-effects';
import type { TrackEdit } from './track-ops';
import { type MixSnapshot, newId, type Project } from './types';

/** The mix as it is now, kept as "Mix A", "Mix B"... (the next free letter). */
export function saveMix(project: Project): TrackEdit {
  const taken = new Set((project.mixes ?? []).map((m) => m.name));
  let n = 0;
  while (taken.has(mixName(n))) n++;
  const tracks = Object.fromEntries(
    project.tracks.map(({ id, gainDb, pan, mute, solo, effects = [], sends = [], output }) => [
      id,
      { gainDb, pan, mute, solo, effects, sends, output: output ?? null },
    ]),
  );
  const hosts = [{ id: MASTER, ...masterOf(project) }, ...(project.buses ?? [])];
  const faders = Object.fromEntries(hosts.map((h) => [h.id, h.gainDb]));
  const effects = Object.fromEntries(hosts.map((h) => [h.id, h.effects ?? []]));
  const buses = Object.fromEntries(
    (project.buses ?? []).map((b) => [
      b.id,
      { output: b.output ?? null, mute: b.mute ?? false, solo: b.solo ?? false, pan: b.pan ?? 0, sends: b.sends ?? [] },
    ]),
  );
  const mix: MixSnapshot = { id: newId(), name: mixName(n), tracks, faders, effects, buses };
  return { label: `Save ${mix.name}`, project: { ...project, mixes: [...(project.mixes ?? []), mix] } };
}

const mixName = (n: number) => `Mix ${n < 26 ? String.fromCharCode(65 + n) : n + 1}`;

/** The kept mix set again on the tracks and buses it knows. */
export function recallMix(project: Project, mixId: string): TrackEdit {
  const mix = project.mixes?.find((m) => m.id === mixId);
  if (!mix) return { label: 'Recall mix', project };
  const tracks = project.tracks.map((t) => {
    const kept = mix.tracks[t.id];
    if (!kept) return t;
    const { output, ...rest } = kept;
    return routedAsKept(output, { ...t, ...rest });
  });
  const recalled: Project = { ...project, tracks };
  const master = masterOf(project);
  const masterDb = mix.faders[MASTER] ?? master.gainDb;
  const masterEffects = mix.effects?.[MASTER] ?? master.effects;
  if (masterDb !== master.gainDb || masterEffects !== master.effects)
    recalled.master = { ...master, gainDb: masterDb, effects: masterEffects };
  if (project.buses)
    recalled.buses = project.buses.map(({ mute, solo, sends, pan, ...b }) => {
      const kept = mix.buses?.[b.id];
      const panned = kept?.pan ?? pan ?? 0;
      const muted = kept ? kept.mute : mute;
      const soloed = kept?.solo ?? solo;
      const sent = kept?.sends ?? sends ?? [];
      return routedAsKept(kept?.output, {
        ...b,
        gainDb: mix.faders[b.id] ?? b.gainDb,
        effects: mix.effects?.[b.id] ?? b.effects,
        ...(muted ? { mute: true } : {}),
        ...(soloed ? { solo: true } : {}),
        ...(panned ? { pan: panned } : {}),
        ...(sent.length ? { sends: sent } : {}),
      });
    });
  return { label: `Recall ${mix.name}`, project: recalled };
}

/** A track or bus played into the bus kept (`kept`: its id), or (null) the master; a mix kept before outputs were
 * (undefined) leaves it as it is. */
function routedAsKept<T extends { output?: string }>(kept: string | null | undefined, routed: T): T {
  if (kept === undefined) return routed;
  const { output: _now, ...rest } = routed;
  return (kept === null ? rest : { ...rest, output: kept }) as T;
}

export function deleteMix(project: Project, mixId: string): TrackEdit {
  const mix = project.mixes?.find((m) => m.id === mixId);
  const mixes = (project.mixes ?? []).filter((m) => m.id !== mixId);
  return { label: `Delete ${mix?.name ?? 'mix'}`, project: { ...project, mixes: mixes.length ? mixes : undefined } };
}
