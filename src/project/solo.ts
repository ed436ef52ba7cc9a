/** Solo in place along the routing, as a DAW's solo: with a track or an effect bus soloed, what is heard is what
 * passes through a soloed one on its way to the master. A soloed track keeps its sends and the buses it plays into;
 * a soloed group bus brings the tracks that play into it; a soloed reverb bus is heard alone, wet (the tracks sending
 * to it still feed it, their own sound no longer reaching the master). A muted track stays muted unless soloed. */
import { busOutputOf, busSendsOf } from './bus-routing';
import { outputOf, sendsOf } from './buses';
import type { Project, Track } from './types';

/** What the mix lets through, solos and mutes considered. */
export interface Heard {
  /** Whether the track plays at all. */
  track(track: Track): boolean;
  /** Whether sound from a track or a bus (`from`, its id) goes on into the bus `to`, or (undefined) the master. */
  passes(from: string, to: string | undefined): boolean;
}

const EVERYTHING: Heard = { track: (t) => !t.mute, passes: () => true };

/** What the mix lets through: with nothing soloed, every track not muted, every way; else solo in place. */
export function heardOf(project: Project): Heard {
  const soloed = new Set([
    ...project.tracks.filter((t) => t.solo).map((t) => t.id),
    ...(project.buses ?? []).filter((b) => b.solo).map((b) => b.id),
  ]);
  if (soloed.size === 0) return EVERYTHING;
  const onward = waysOn(project);
  const back = new Map<string, string[]>();
  for (const [from, tos] of onward) for (const to of tos) back.set(to, [...(back.get(to) ?? []), from]);
  const after = spread(soloed, (id) => onward.get(id) ?? []); // the soloed ones and all they feed
  const before = spread(soloed, (id) => back.get(id) ?? []); // the soloed ones and all that feeds them
  const heard = (id: string) => after.has(id) || before.has(id);
  return {
    track: (t) => t.solo || (!t.mute && before.has(t.id)),
    passes: (from, to) => heard(from) && (to === undefined ? after.has(from) : heard(to)),
  };
}

/** Each track's and bus's ways on into buses (its output's and its sends'), by its id. */
function waysOn(project: Project): Map<string, string[]> {
  const ways = new Map<string, string[]>();
  for (const track of project.tracks) {
    const output = outputOf(project, track);
    ways.set(track.id, [...(output ? [output] : []), ...sendsOf(project, track).map((s) => s.busId)]);
  }
  for (const bus of project.buses ?? []) {
    const output = busOutputOf(project, bus.id);
    ways.set(bus.id, [...(output ? [output] : []), ...busSendsOf(project, bus.id).map((s) => s.busId)]);
  }
  return ways;
}

/** `from` and everything reached from it along `next`. */
function spread(from: ReadonlySet<string>, next: (id: string) => string[]): Set<string> {
  const reached = new Set(from);
  const stack = [...from];
  while (stack.length) for (const to of next(stack.pop()!)) if (!reached.has(to)) stack.push(to), reached.add(to);
  return reached;
}
