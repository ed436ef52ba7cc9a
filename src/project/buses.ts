/** Effect buses and the tracks' sends to them, as a DAW's aux sends and returns: a reverb or an echo that several
 * tracks share, each sending as much as it wants; each edit a project edit with its undo label. The bus's effects are
 * edited as any host's (src/project/track-effects.ts). */
import type { TrackEffect } from '../dsp/effect-chain';
import { setBusOutput, withOutput, withSendVolume } from './bus-routing';
import { busesSoloed, type TrackEdit } from './track-ops';
import { type EffectHost, MASTER, MASTER_GAIN_DB, masterOf, newTrackEffect } from './track-effects';
import type { GainPoint } from './envelope';
import { channelOf, groupOf } from './track-groups';
import { type EffectBus, newId, type Project, type Track, type TrackSend } from './types';

/** How loud a send can be, dB (0: the track as heard). */
export const SEND_DB = { min: -60, max: 6 } as const;
/** Where a new send starts: a reverb under the sound, not over it. */
const NEW_SEND_DB = -12;

const inRange = (v: number, { min, max }: { min: number; max: number }) => v >= min && v <= max;

/** An effect as a bus wants it: an echo or a reverb wet only, a reverb at full level (the send sets how much). */
export function forBus(effect: TrackEffect): TrackEffect {
  if (effect.kind === 'echo') return { ...effect, wetOnly: true };
  if (effect.kind === 'reverb' || effect.kind === 'convolver') return { ...effect, wetOnly: true, wetDb: 0 };
  return effect;
}

/** A new bus with a room reverb, wet only, and a send to it from `trackId`. */
export function createBus(project: Project, trackId: string): TrackEdit {
  const reverb = { ...forBus(newTrackEffect('reverb')), decaySeconds: 1.8 };
  const { bus, withBus } = addBus(project, [reverb]);
  return { label: 'New effect bus', project: setSend(withBus, trackId, bus.id, NEW_SEND_DB).project };
}

/** A new bus with no effects yet and the track played into it (its output): a group bus to put effects on. */
export function createOutputBus(project: Project, trackId: string): TrackEdit {
  const { bus, withBus } = addBus(project, []);
  return { label: 'New group bus', project: setOutput(withBus, trackId, bus.id).project };
}

/** A new bus with no effects yet and the tracks (with their takes) played into it, as a DAW's "new bus for the
 * selected tracks": named for their track group where they all are in one (and no bus has its name). */
export function createBusFor(project: Project, trackIds: readonly string[]): TrackEdit {
  const groups = new Set(trackIds.map((id) => groupOf(project, id)?.name));
  const [group] = groups;
  const { bus, withBus } = addBus(project, []);
  const named = groups.size === 1 && group && !project.buses?.some((b) => b.name === group);
  const grouped = named ? renameBus(withBus, bus.id, group).project : withBus;
  const routed = trackIds.reduce((p, id) => setOutput(p, id, bus.id).project, grouped);
  return { label: 'New group bus', project: routed };
}

/** A new bus with no effects yet and the bus `busId` played into it: a group bus of group buses. */
export function createBusOutputBus(project: Project, busId: string): TrackEdit {
  const { bus, withBus } = addBus(project, []);
  return { label: 'New group bus', project: setBusOutput(withBus, busId, bus.id).project };
}

/** The project with a new bus, named for its place, at 0 dB with `effects`. */
function addBus(project: Project, effects: TrackEffect[]): { bus: EffectBus; withBus: Project } {
  const taken = new Set((project.buses ?? []).map((b) => b.name));
  let n = (project.buses?.length ?? 0) + 1;
  while (taken.has(`Bus ${n}`)) n++; // one deleted or renamed: never two of a name
  const bus: EffectBus = { id: newId(), name: `Bus ${n}`, gainDb: 0, effects };
  return { bus, withBus: { ...project, buses: [...(project.buses ?? []), bus] } };
}

/** The bus named `name` (trimmed), as a DAW's bus is ("Drums", "Vox reverb"); an empty name or another bus's throws
 * with the reason. */
export function renameBus(project: Project, busId: string, name: string): TrackEdit {
  const named = name.trim();
  if (!named) throw new Error('A bus needs a name.');
  if (project.buses?.some((b) => b.id !== busId && b.name === named)) throw new Error(`Another bus is named ${named}.`);
  const buses = project.buses?.map((b) => (b.id === busId ? { ...b, name: named } : b));
  return { label: 'Rename bus', project: { ...project, buses } };
}

/** The track's send to the bus at `levelDb` (made where it had none); out of range throws with the reason. */
export function setSend(project: Project, trackId: string, busId: string, levelDb: number): TrackEdit {
  if (!inRange(levelDb, SEND_DB)) throw new Error(`A send's level must be ${SEND_DB.min} to +${SEND_DB.max} dB.`);
  if (!project.buses?.some((b) => b.id === busId)) throw new Error('That effect bus is no longer there.');
  const kept = project.tracks.find((t) => t.id === trackId)?.sends?.find((s) => s.busId === busId);
  const send = { ...kept, busId, levelDb };
  return {
    label: 'Send level',
    project: withSends(project, trackId, (sends) =>
      sends.some((s) => s.busId === busId) ? sends.map((s) => (s.busId === busId ? send : s)) : [...sends, send],
    ),
  };
}

/** The track's send to the bus taken before its fader (`preFader`) or after it and its pan. */
export function setSendPreFader(project: Project, trackId: string, busId: string, preFader: boolean): TrackEdit {
  return {
    label: preFader ? 'Send before the fader' : 'Send after the fader',
    project: withSends(project, trackId, (sends) =>
      sends.map((s) => {
        if (s.busId !== busId) return s;
        const { preFader: _was, ...rest } = s;
        return preFader ? { ...rest, preFader } : rest;
      }),
    ),
  };
}

/** The send's level automation replaced (no points: none, its level alone). */
export function setSendVolume(project: Project, trackId: string, busId: string, points: readonly GainPoint[]): Project {
  return withSends(project, trackId, (sends) => sends.map((s) => (s.busId === busId ? withSendVolume(s, points) : s)));
}

export function removeSend(project: Project, trackId: string, busId: string): TrackEdit {
  return {
    label: 'Remove send',
    project: withSends(project, trackId, (sends) => sends.filter((s) => s.busId !== busId)),
  };
}

/** The bus's fader at `gainDb`; out of range throws with the reason. */
export function setBusGain(project: Project, busId: string, gainDb: number): TrackEdit {
  const { min, max } = MASTER_GAIN_DB;
  if (!inRange(gainDb, MASTER_GAIN_DB)) throw new Error(`A bus's fader goes from ${min} to +${max} dB.`);
  const buses = (project.buses ?? []).map((b) => (b.id === busId ? { ...b, gainDb } : b));
  return { label: 'Bus level', project: { ...project, buses } };
}

/** The bus panned after its fader, -1 (left) to 1 (right); out of range throws with the reason. */
export function setBusPan(project: Project, busId: string, pan: number): TrackEdit {
  if (!(pan >= -1 && pan <= 1)) throw new Error("A bus's pan goes from -1 (left) to 1 (right).");
  return { label: 'Bus pan', project: { ...project, buses: withBusSetting(project, busId, 'pan', pan, 0) } };
}

/** The bus muted (nothing of it heard) or heard again. */
export function setBusMute(project: Project, busId: string, mute: boolean): TrackEdit {
  const bus = project.buses?.find((b) => b.id === busId);
  const buses = withBusSetting(project, busId, 'mute', mute, false);
  return { label: `${mute ? 'Mute' : 'Unmute'} ${bus?.name ?? 'bus'}`, project: { ...project, buses } };
}

/** The bus soloed in place (what plays through it heard alone) or not. */
export function setBusSolo(project: Project, busId: string, solo: boolean): TrackEdit {
  const bus = project.buses?.find((b) => b.id === busId);
  const buses = withBusSetting(project, busId, 'solo', solo, false);
  return { label: `${solo ? 'Solo' : 'Unsolo'} ${bus?.name ?? 'bus'}`, project: { ...project, buses } };
}

/** The buses with the one `busId`'s setting `key` at `value`, left out where that is its default (`unset`). */
function withBusSetting<K extends 'mute' | 'solo' | 'pan'>(
  project: Project,
  busId: string,
  key: K,
  value: NonNullable<EffectBus[K]>,
  unset: NonNullable<EffectBus[K]>,
): EffectBus[] | undefined {
  return project.buses?.map((b) => {
    if (b.id !== busId) return b;
    const { [key]: _was, ...rest } = b;
    return (value === unset ? rest : { ...rest, [key]: value }) as EffectBus;
  });
}

/** Exclusive solo, as Ctrl/Cmd+click on a track's Solo: the bus soloed, every other solo (a track's or a bus's) off;
 * on a bus already soloed alone, every solo off. */
export function soloBusOnly(project: Project, busId: string): TrackEdit {
  const alone =
    !project.tracks.some((t) => t.solo) && (project.buses ?? []).every((b) => (b.solo ?? false) === (b.id === busId));
  const tracks = project.tracks.map((t) => (t.solo ? { ...t, solo: false } : t));
  const buses = busesSoloed(project, alone ? undefined : busId);
  return { label: alone ? 'Unsolo all' : 'Solo only', project: { ...project, tracks, buses } };
}

/** The bus gone, every send to it (a track's or a bus's), and the tracks and buses played into it back on the
 * master. */
export function deleteBus(project: Project, busId: string): TrackEdit {
  const bus = project.buses?.find((b) => b.id === busId);
  // Without their sends to it, and back on the master where they played into it.
  const freed = <T extends { output?: string; sends?: readonly { busId: string }[] }>(thing: T): T => {
    const sent = thing.sends?.some((s) => s.busId === busId)
      ? { ...thing, sends: thing.sends.filter((s) => s.busId !== busId) }
      : thing;
    return sent.output === busId ? withOutput(sent, undefined) : sent;
  };
  const tracks = project.tracks.map(freed);
  const buses = (project.buses ?? []).filter((b) => b.id !== busId).map(freed);
  return { label: `Delete ${bus?.name ?? 'effect bus'}`, project: { ...project, tracks, buses } };
}

/** The bus the track plays into instead of the master, or undefined (the master; a bus that is gone is never
 * played into). */
export const outputOf = (project: Project, track: Track): string | undefined =>
  track.output !== undefined && project.buses?.some((b) => b.id === track.output) ? track.output : undefined;

/** The track (and its takes, one channel) played into the bus `busId` instead of the master, or (undefined) back
 * into the master; a bus that is not there throws. */
export function setOutput(project: Project, trackId: string, busId: string | undefined): TrackEdit {
  const bus = project.buses?.find((b) => b.id === busId);
  if (busId !== undefined && !bus) throw new Error('That effect bus is no longer there.');
  const channel = new Set(channelOf(project, trackId));
  return {
    label: bus ? `Output to ${bus.name}` : 'Output to the master',
    project: { ...project, tracks: project.tracks.map((t) => (channel.has(t.id) ? withOutput(t, busId) : t)) },
  };
}

/** The track's sends to buses that exist (a send whose bus is gone is never heard). */
export const sendsOf = (project: Project, track: Track): TrackSend[] =>
  (track.sends ?? []).filter((s) => project.buses?.some((b) => b.id === s.busId));

/** The project with `change` made to a track's sends, and its takes' (one channel, as their fader and inserts). */
function withSends(project: Project, trackId: string, change: (sends: TrackSend[]) => TrackSend[]): Project {
  const channel = new Set(channelOf(project, trackId));
  return {
    ...project,
    tracks: project.tracks.map((t) => (channel.has(t.id) ? { ...t, sends: change(t.sends ?? []) } : t)),
  };
}

/** The volume automation of the master's fader or an effect bus's (none: the fader alone). */
export const busVolumeOf = (project: Project, host: EffectHost): GainPoint[] | undefined =>
  host === MASTER ? masterOf(project).volume : project.buses?.find((b) => b.id === host)?.volume;

/** The project with the master's or an effect bus's volume automation replaced (no points: none). */
export function setBusVolume(project: Project, host: EffectHost, points: readonly GainPoint[]): Project {
  const volume = points.length ? [...points] : undefined;
  if (host === MASTER) return { ...project, master: { ...masterOf(project), volume } };
  return { ...project, buses: project.buses?.map((b) => (b.id === host ? { ...b, volume } : b)) };
}
