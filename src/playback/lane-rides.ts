/**
 * The lanes a playback follows: each track's volume automation (a gain node before its fader) and its pan, and the
 * master fader's automation, with the clock and stretch of timeline they were scheduled for (a loop's passes each
 * have their own). A control
 * ridden while automation is written sets them at once; a lane changed while playing (a pass written, a point
 * dragged, undo) is followed from where playback is, without starting playback again.
 */
import { type GainPoint, rampsOver } from '../project/envelope';
import { type Clock, contextTime, timelineAt } from './clock';

/** The lanes a track's controls write: its volume automation, its pan and each send's level ("send " and the bus's
 * id); a bus's and the master's: its volume. */
export type RiddenLane = 'volume' | 'pan' | `send ${string}`;

/** The lane of a track's send to the bus. */
export const sendLane = (busId: string): RiddenLane => `send ${busId}`;

interface LaneParams {
  volume?: AudioParam;
  /** None on the master and the buses. */
  pan?: AudioParam;
  /** The sends' level automation, by bus id. */
  sends?: Record<string, AudioParam>;
  from: number;
  to: number;
  clock: Clock;
}

/** The param a playback's lanes play `lane` on, where they have it. */
function paramOf(params: LaneParams, lane: RiddenLane): AudioParam | undefined {
  if (lane === 'volume' || lane === 'pan') return params[lane];
  return params.sends?.[lane.slice('send '.length)];
}

/** A ridden control reaches its value over this long, so a fader's steps do not click. */
const RIDE_S = 0.01;

export class LaneRides {
  private readonly lanes = new Map<string, LaneParams[]>();
  /** The lanes being ridden and their values, by track id and lane: kept while playback starts again (an edit
   * elsewhere), so what is being written goes on being heard. */
  private readonly ridden = new Map<string, number>();

  /** A playback's lanes for a track or the master (a ridden one set to its value at once). */
  add(trackId: string, params: LaneParams): void {
    this.lanes.set(trackId, [...(this.lanes.get(trackId) ?? []), params]);
    const lanes: RiddenLane[] = ['volume', 'pan', ...Object.keys(params.sends ?? {}).map(sendLane)];
    for (const lane of lanes) {
      const value = this.ridden.get(rideKey(trackId, lane));
      const param = paramOf(params, lane);
      if (value === undefined || !param) continue;
      param.cancelScheduledValues(0);
      param.value = value;
    }
  }

  /** Forgets the playback's lanes (what is ridden stays ridden). */
  clear(): void {
    this.lanes.clear();
  }

  /** Sets the track's lane to `value` (its units: a gain, a pan) from context time `now`, whatever it had
   * scheduled, until `unride`. */
  ride(trackId: string, lane: RiddenLane, value: number, now: number): void {
    this.ridden.set(rideKey(trackId, lane), value);
    for (const params of this.lanes.get(trackId) ?? []) {
      const param = paramOf(params, lane);
      if (!param) continue;
      param.cancelScheduledValues(now);
      param.setValueAtTime(param.value, now);
      param.linearRampToValueAtTime(value, now + RIDE_S);
    }
  }

  /** The lane no longer ridden: what it schedules next (`follow`, the next playback) is heard. */
  unride(trackId: string, lane: RiddenLane): void {
    this.ridden.delete(rideKey(trackId, lane));
  }

  /** Follows `points` (the lane's points; none: `held` throughout) from context time `now` on; a lane being ridden
   * goes on at the control's value (another lane of its track edited as it plays leaves it be). */
  follow(trackId: string, lane: RiddenLane, points: readonly GainPoint[], held: number, now: number): void {
    if (this.ridden.has(rideKey(trackId, lane))) return;
    for (const params of this.lanes.get(trackId) ?? []) {
      const { from, to, clock } = params;
      const param = paramOf(params, lane);
      const at = Math.max(from, Math.round(timelineAt(clock, now)));
      if (!param || at >= to) continue;
      const ramps = points.length > 0 ? rampsOver(points, at, to) : [{ at, gain: held }];
      param.cancelScheduledValues(now);
      param.setValueAtTime(ramps[0].gain, Math.max(now, contextTime(clock, at)));
      for (const r of ramps.slice(1)) param.linearRampToValueAtTime(r.gain, contextTime(clock, r.at));
    }
  }
}

const rideKey = (trackId: string, lane: RiddenLane) => `${trackId} ${lane}`;
