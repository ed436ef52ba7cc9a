/** Delay compensation through the buses, as a DAW's plug-in delay compensation across its routing: a bus whose
 * effects look ahead (a limiter, a gate, pitch correction on a group) makes all that plays through it late, so each
 * track is played that much early, and each of its other ways (a send to a reverb bus, say) is held back by the
 * difference: every way from every track reaches the master on time. The mixdown and the player both take it from
 * here. */
import { busOutputOf, busSendsOf } from './bus-routing';
import { outputOf, sendsOf } from './buses';
import type { Heard } from './solo';
import type { MasterBus, Project } from './types';

/** How far ahead, in samples, what a track or a bus sends on must be, and how long each of its ways is held back. */
export interface Compensation {
  /** How many samples early what the track or bus (by id) sends on is played (0: on time). */
  early(id: string): number;
  /** How many samples a way from the track or bus `from` into the bus `to` (undefined: the master) is held back. */
  hold(from: string, to: string | undefined): number;
}

/** None: every way on time as it is (a track mixed alone, or no bus looks ahead). */
export const NO_COMPENSATION: Compensation = { early: () => 0, hold: () => 0 };

/** The compensation the heard ways need; `lateness`: how many samples a bus's effects make it late. */
export function compensationOf(project: Project, routes: Heard, lateness: (bus: MasterBus) => number): Compensation {
  const buses = new Map((project.buses ?? []).map((b) => [b.id, b]));
  if (![...buses.values()].some((b) => lateness(b) > 0)) return NO_COMPENSATION;
  const ways = (id: string): (string | undefined)[] => {
    const track = project.tracks.find((t) => t.id === id);
    const output = track ? outputOf(project, track) : busOutputOf(project, id);
    const sends = track ? sendsOf(project, track) : busSendsOf(project, id);
    return [output, ...sends.map((s) => s.busId)].filter((to) => routes.passes(id, to));
  };
  const known = new Map<string, number>();
  // How late a way into `to` makes what takes it: that bus's lateness and how early that bus must send on.
  const late = (to: string | undefined): number => (to === undefined ? 0 : lateness(buses.get(to)!) + early(to));
  const early = (id: string): number => {
    if (!known.has(id)) known.set(id, Math.max(0, ...ways(id).map(late)));
    return known.get(id)!;
  };
  return { early, hold: (from, to) => early(from) - late(to) };
}
