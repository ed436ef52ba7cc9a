/** Buses into buses, as a DAW routes a bus's output to another bus (drums and bass into a rhythm bus) and sends from
 * a bus (a vocal group's send to the reverb): each bus's output and sends, never a way back round, and the order a
 * mix runs them in. Each edit a project edit with its undo label. */
import type { GainPoint } from './envelope';
import type { TrackEdit } from './track-ops';
import type { BusSend, EffectBus, Project } from './types';

/** How loud a bus's send can be, dB (0: the bus as it returns), as a track's. */
export const BUS_SEND_DB = { min: -60, max: 6 } as const;
const GONE = 'That effect bus is no longer there.';
/** Where a new send from a bus starts. */
const NEW_BUS_SEND_DB = -12;

/** Where a bus's sound goes besides its own return: the bus it plays into (none: the master) and those it sends to. */
interface BusWays {
  output?: string;
  sends?: readonly BusSend[];
}

/** The buses a bus's sound goes on into: its output's, then its sends'. */
const onward = (way: BusWays | undefined): string[] => [
  ...(way?.output ? [way.output] : []),
  ...(way?.sends ?? []).map((s) => s.busId),
];

const heardWays = new WeakMap<readonly EffectBus[], ReadonlyMap<string, BusWays>>();

/** The buses' outputs and sends as heard: each taken in the list's order (a bus's output before its sends) unless it
 * goes to a bus that is gone or round to where it started (as a damaged file might have it): the buses never feed
 * back. The edits below refuse such a way, so in a project they made every way is heard. */
function waysOf(project: Project): ReadonlyMap<string, BusWays> {
  const buses = project.buses ?? [];
  const known = heardWays.get(buses);
  if (known) return known;
  const ways = new Map(buses.map((b) => [b.id, { sends: [] as BusSend[], output: undefined as string | undefined }]));
  const next = (id: string) => onward(ways.get(id));
  for (const bus of buses) {
    const way = ways.get(bus.id)!;
    const open = (target: string) => ways.has(target) && !reaches(next, target, bus.id);
    if (bus.output !== undefined && open(bus.output)) way.output = bus.output;
    for (const send of bus.sends ?? [])
      if (open(send.busId) && !way.sends.some((s) => s.busId === send.busId)) way.sends.push(send);
  }
  heardWays.set(buses, ways);
  return ways;
}

/** Whether sound at `from` gets to `to` (itself included) along the ways `next` gives. */
function reaches(next: (id: string) => string[], from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...next(at));
  }
  return false;
}

const busById = (project: Project, busId: string) => project.buses?.find((b) => b.id === busId);

/** Whether sound in bus `from` gets to bus `to` along the buses' outputs and sends as written. */
const leadsTo = (project: Project, from: string, to: string) => reaches((id) => onward(busById(project, id)), from, to);

/** The bus `busId` plays into instead of the master, or undefined (the master). */
export const busOutputOf = (project: Project, busId: string): string | undefined => waysOf(project).get(busId)?.output;

/** The sends from the bus `busId` that are heard. */
export const busSendsOf = (project: Project, busId: string): readonly BusSend[] =>
  waysOf(project).get(busId)?.sends ?? [];

/** The buses the bus can play or send into: any other whose way does not lead back to it. */
export const busTargets = (project: Project, busId: string): EffectBus[] =>
  (project.buses ?? []).filter((b) => !leadsTo(project, b.id, busId));

/** Why the bus cannot play or send into `target` (gone, itself, or leading back to it), or null. */
function wayProblem(project: Project, bus: EffectBus | undefined, target: string): string | null {
  const into = busById(project, target);
  if (!bus || !into) return GONE;
  if (target === bus.id) return 'A bus cannot play into itself.';
  if (leadsTo(project, target, bus.id))
    return `${into.name} plays into ${bus.name}: routed back, the sound would feed back on itself.`;
  return null;
}

/** `routed` played into bus `busId`, or (undefined) into the master. */
export const withOutput = <T extends { output?: string }>(routed: T, busId: string | undefined): T => {
  const { output: _was, ...rest } = routed;
  return (busId === undefined ? rest : { ...rest, output: busId }) as T;
};

/** The bus played into bus `target` instead of the master, or (undefined) back into the master; a bus that is not
 * there, or one that would feed it back into itself, throws with the reason. */
export function setBusOutput(project: Project, busId: string, target: string | undefined): TrackEdit {
  const bus = busById(project, busId);
  const refused = target === undefined ? !bus && GONE : wayProblem(project, bus, target);
  if (refused) throw new Error(refused);
  const into = target === undefined ? undefined : busById(project, target);
  const buses = project.buses?.map((b) => (b.id === busId ? withOutput(b, target) : b));
  return {
    label: into ? `${bus!.name} to ${into.name}` : `${bus!.name} to the master`,
    project: { ...project, buses },
  };
}

/** The bus's send to bus `target` at `levelDb` (made where it had none: at -12 dB unless given), after its fader;
 * out of range, or a way that would feed back, throws with the reason. */
export function setBusSend(project: Project, busId: string, target: string, levelDb = NEW_BUS_SEND_DB): TrackEdit {
  const { min, max } = BUS_SEND_DB;
  if (!(levelDb >= min && levelDb <= max)) throw new Error(`A send's level must be ${min} to +${max} dB.`);
  const bus = busById(project, busId);
  const refused = wayProblem(project, bus, target);
  if (refused) throw new Error(refused);
  const sends = bus!.sends ?? [];
  // Its level automation stays, times the new level.
  const send = { ...sends.find((s) => s.busId === target), busId: target, levelDb };
  const changed = sends.some((s) => s.busId === target)
    ? sends.map((s) => (s.busId === target ? send : s))
    : [...sends, send];
  return { label: 'Send level', project: withBusSends(project, busId, changed) };
}

/** The bus's send to `target` with the level automation `points` (none: taken away). */
export function setBusSendVolume(
  project: Project,
  busId: string,
  target: string,
  points: readonly GainPoint[],
): Project {
  const sends = (busById(project, busId)?.sends ?? []).map((s) => (s.busId === target ? withSendVolume(s, points) : s));
  return withBusSends(project, busId, sends);
}

/** A send (a track's or a bus's) with the level automation `points` (none: taken away). */
export function withSendVolume<S extends BusSend>(send: S, points: readonly GainPoint[]): S {
  const { volume: _was, ...rest } = send;
  return (points.length ? { ...rest, volume: [...points] } : rest) as S;
}

export function removeBusSend(project: Project, busId: string, target: string): TrackEdit {
  const sends = (busById(project, busId)?.sends ?? []).filter((s) => s.busId !== target);
  return { label: 'Remove send', project: withBusSends(project, busId, sends) };
}

function withBusSends(project: Project, busId: string, sends: BusSend[]): Project {
  const buses = project.buses?.map((b) => {
    if (b.id !== busId) return b;
    const { sends: _was, ...rest } = b;
    return sends.length ? { ...rest, sends } : rest;
  });
  return { ...project, buses };
}

/** The buses in the order a mix runs them: each before every bus it plays or sends into. */
export function busesInMixOrder(project: Project): EffectBus[] {
  const ways = waysOf(project);
  const depths = new Map<string, number>();
  // How many buses, at most, sound from this one passes on its way to the master.
  const depth = (id: string): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const d = Math.max(0, ...onward(ways.get(id)).map((a) => 1 + depth(a)));
    depths.set(id, d);
    return d;
  };
  return [...(project.buses ?? [])].sort((a, b) => depth(b.id) - depth(a.id));
}

/** The buses the bus's sound goes on into (its output's, then its sends'), as heard. */
export const busesAfter = (project: Project, busId: string): string[] => onward(waysOf(project).get(busId));
