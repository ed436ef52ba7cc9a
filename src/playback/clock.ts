import type { GainPoint } from '../project/envelope';

/** Where playback started on the timeline (`from`, samples), when in the context's time (`when`, s), and how many
 * timeline samples pass a second (the project's rate times the playback speed). */
export interface Clock {
  from: number;
  when: number;
  rate: number;
}

/** The context time at which timeline sample `at` sounds. */
export const contextTime = (clock: Clock, at: number) => clock.when + (at - clock.from) / clock.rate;

/** The timeline sample that sounds at context time `time`. */
export const timelineAt = (clock: Clock, time: number) => clock.from + (time - clock.when) * clock.rate;

/** `param` set to the first of `ramps` (timeline samples) and ramped linearly through the rest, on `clock`: how the
 * player plays a line of points (linear in the value, as the mixdown draws it). */
export function scheduleRamps(param: AudioParam, ramps: readonly GainPoint[], clock: Clock): void {
  param.setValueAtTime(ramps[0].gain, contextTime(clock, ramps[0].at));
  for (const r of ramps.slice(1)) param.linearRampToValueAtTime(r.gain, contextTime(clock, r.at));
}
