import { describe, expect, it } from 'vitest';
import { LaneRides } from './lane-rides';

/** An AudioParam that keeps what was scheduled on it, in order. */
function param() {
  const events: string[] = [];
  return {
    events,
    value: 0,
    cancelScheduledValues: (t: number) => events.push(`cancel ${t}`),
    setValueAtTime: (v: number, t: number) => events.push(`set ${v} ${t}`),
    linearRampToValueAtTime: (v: number, t: number) => events.push(`ramp ${v} ${t}`),
  };
}

const CLOCK = { from: 0, when: 0, rate: 100 };

function rides() {
  const lanes = new LaneRides();
  const pan = param();
  const volume = param();
  lanes.add('t', {
    pan: pan as unknown as AudioParam,
    volume: volume as unknown as AudioParam,
    from: 0,
    to: 1000,
    clock: CLOCK,
  });
  return { lanes, pan, volume };
}

describe('LaneRides', () => {
  it('a ridden lane goes on at the control while its track follows its other lanes, and follows its own once let go', () => {
    const { lanes, pan, volume } = rides();
    lanes.ride('t', 'pan', -1, 1);
    expect(pan.events).toEqual(['cancel 1', 'set 0 1', 'ramp -1 1.01']);
    lanes.follow('t', 'pan', [], 0, 2);
    lanes.follow('t', 'volume', [{ at: 300, gain: 0.5 }], 1, 2);
    expect(pan.events).toHaveLength(3);
    expect(volume.events.slice(0, 2)).toEqual(['cancel 2', 'set 0.5 2']);
    lanes.unride('t', 'pan');
    lanes.follow('t', 'pan', [], 0.25, 3);
    expect(pan.events.slice(3)).toEqual(['cancel 3', 'set 0.25 3']);
  });

  it("a new playback's lanes start at the ridden value", () => {
    const { lanes } = rides();
    lanes.ride('t', 'pan', -1, 1);
    lanes.clear();
    const pan = param();
    lanes.add('t', { pan: pan as unknown as AudioParam, from: 0, to: 1000, clock: CLOCK });
    expect(pan.events).toEqual(['cancel 0']);
    expect(pan.value).toBe(-1);
  });
});
