import { describe, expect, it } from 'vitest';
import { emptyProject, newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import {
  AutomationWriter,
  laneGainFor,
  laneValueAt,
  nextMode,
  passPoints,
  setAutomationMode,
  trackLane,
  writtenLane,
} from './automation-writer';
import { type RiddenLane, sendLane } from '../playback/lane-rides';
import { MASTER } from '../project/track-effects';
import { groupTracks } from '../project/track-groups';
import { createBus } from '../project/buses';

/** A store playing one track, a writer on it, and what the writer rode (the player stood in for). */
function playing(mode: 'read' | 'touch' | 'latch') {
  const store = createStudioStore();
  const track = { ...newTrack(0), pan: 0.5 };
  store.getState().set({ project: { ...emptyProject(1000), tracks: [track] }, playing: true, playhead: 0 });
  setAutomationMode(store, track.id, mode);
  const rides: [string, number][] = [];
  const rider = {
    ride: (_: string, lane: string, value: number) => {
      rides.push([lane, value]);
      return store.getState().playhead;
    },
    unride: (_: string, lane: string) => rides.push([lane, Number.NaN]),
  };
  const writer = new AutomationWriter(store, rider);
  const at = (playhead: number) => store.getState().set({ playhead });
  const lane = () => store.getState().project.tracks[0];
  return { store, writer, id: track.id, rides, at, lane };
}

describe('AutomationWriter', () => {
  it('Touch: rides while held, holds between moves, and writes one pass with a glide back when let go', () => {
    const { store, writer, id, rides, at, lane } = playing('touch');
    at(1000);
    expect(writer.press(id, 'volume', 1)).toBe(true);
    at(1200);
    writer.move(id, 'volume', 0.5);
    expect(store.getState().riding[`${id} volume`].value).toBe(0.5);
    at(1500);
    // The pass so far, for the lane to draw as it will land.
    const { values } = store.getState().riding[`${id} volume`];
    expect(values.map((p) => p.at)).toEqual([1000, 1200, 1500]);
    expect(passPoints(trackLane(lane(), 'volume'), values, 1500, 1000).map((p) => p.at)).toEqual([
      1000, 1200, 1500, 1600,
    ]);
    at(2000);
    writer.release(id, 'volume');
    expect(rides.slice(-2)).toEqual([
      ['volume', 0.5],
      ['volume', Number.NaN], // let go: the lane follows its points again
    ]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Write volume automation');
    expect(lane().volume).toEqual([
      { at: 1000, gain: 1 },
      { at: 1200, gain: 0.5 }, // from the last value held (each frame's, as it plays) to the move
      { at: 2000, gain: 0.5 },
      { at: 2100, gain: 1 }, // the glide back: a tenth of a second at 1000 Hz
    ]);
    expect(store.getState().riding).toEqual({});
  });

  it('Latch: goes on writing after it is let go, until playback stops', () => {
    const { store, writer, id, at, lane } = playing('latch');
    at(100);
    writer.press(id, 'pan', 0.5);
    writer.move(id, 'pan', -1);
    writer.release(id, 'pan');
    at(900);
    expect(lane().panPoints).toBeUndefined();
    store.getState().set({ playing: false });
    expect(lane().panPoints).toEqual([
      { at: 99, pan: 0.5 },
      { at: 100, pan: -1 },
      { at: 900, pan: -1 },
      { at: 1000, pan: 0.5 }, // back to the track's own pan
    ]);
    expect(laneValueAt(store.getState().project, id, 'pan', 500)).toBe(-1);
  });

  it('writes what a loop pass wrote when playback comes round, and goes on writing from the loop start', () => {
    const { store, writer, id, rides, at, lane } = playing('latch');
    at(500);
    writer.press(id, 'volume', 0.25);
    at(800);
    at(100); // round the loop
    expect(rides.at(-1)).toEqual(['volume', 0.25]); // still heard over the lane just written
    expect(lane().volume?.map((p) => p.at)).toEqual([499, 500, 800, 900]); // a step up to it from unity
    at(300);
    store.getState().set({ playing: false });
    expect(lane().volume?.map((p) => p.at)).toEqual([99, 100, 300, 400, 499, 500, 800, 900]);
    expect(store.getState().history.past.map((s) => s.label)).toEqual([
      'Write volume automation',
      'Write volume automation',
    ]);
  });

  it('writes nothing in Read, or stopped: the control changes the track as ever', () => {
    const { store, writer, id } = playing('read');
    expect(writer.press(id, 'volume', 1)).toBe(false);
    setAutomationMode(store, id, 'touch');
    store.getState().set({ playing: false });
    expect(writer.press(id, 'volume', 1)).toBe(false);
    expect(writer.writes(id)).toBe(false);
  });

  it('finishes a pass when its track is set back to Read mid-pass', () => {
    const { store, writer, id, at, lane } = playing('touch');
    at(10);
    writer.press(id, 'volume', 0.5);
    at(20);
    setAutomationMode(store, id, 'read');
    expect(lane().volume?.[0]).toEqual({ at: 9, gain: 1 });
    expect(store.getState().riding).toEqual({});
  });
});

describe('lane values', () => {
  it('turns a fader position into the volume lane gain over the fader', () => {
    expect(laneGainFor(-6, -6)).toBe(1);
    expect(laneGainFor(-6, -26)).toBeCloseTo(0.1, 6);
    expect(laneGainFor(-6, 40)).toBeCloseTo(10 ** (12 / 20), 6); // the lane's +12 dB at most
  });

  it("reads a track's lanes and the master's, unity or the track's pan where they have no points", () => {
    const track = { ...newTrack(0), pan: -0.25 };
    const project = { ...emptyProject(1000), tracks: [track], master: { gainDb: 0, volume: [{ at: 0, gain: 0.5 }] } };
    expect(laneValueAt(project, track.id, 'volume', 0)).toBe(1);
    expect(laneValueAt(project, track.id, 'pan', 0)).toBe(-0.25);
    expect(laneValueAt(project, MASTER, 'volume', 10)).toBe(0.5);
    expect(laneValueAt(project, 'gone', 'volume', 10)).toBe(1);
  });

  it('cycles Read, Touch, Latch', () => {
    expect([nextMode('read'), nextMode('touch'), nextMode('latch')]).toEqual(['touch', 'latch', 'read']);
  });
});

describe('writing the master fader', () => {
  it('rides and writes the master volume lane as one undo step named for it', () => {
    const store = createStudioStore();
    store.getState().set({ project: { ...emptyProject(1000), tracks: [newTrack(0)] }, playing: true, playhead: 0 });
    setAutomationMode(store, MASTER, 'touch');
    const rides: number[] = [];
    const rider = {
      ride: (host: string, _: string, value: number) => (
        host === MASTER && rides.push(value), store.getState().playhead
      ),
      unride: () => {},
    };
    const writer = new AutomationWriter(store, rider);
    store.getState().set({ playhead: 100 });
    expect(writer.press(MASTER, 'volume', 1)).toBe(true);
    writer.move(MASTER, 'volume', 0.25);
    store.getState().set({ playhead: 300 });
    writer.release(MASTER, 'volume');
    expect(rides).toEqual([1, 0.25]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Write master automation');
    expect(store.getState().project.master?.volume?.map((p) => [p.at, p.gain])).toEqual([
      [99, 1],
      [100, 0.25],
      [300, 0.25],
      [400, 1],
    ]);
    expect(store.getState().busVolumeLanes).toEqual([MASTER]); // its lane shown as it was written
  });
});

describe('writing an effect bus fader', () => {
  it("rides and writes the bus's volume lane, named for a bus, its lane shown", () => {
    const store = createStudioStore();
    const track = newTrack(0);
    const project = createBus({ ...emptyProject(1000), tracks: [track] }, track.id).project;
    const busId = project.buses?.[0].id ?? '';
    store.getState().set({ project, playing: true, playhead: 100 });
    setAutomationMode(store, busId, 'touch');
    const writer = new AutomationWriter(store, { ride: () => store.getState().playhead, unride: () => {} });
    expect(writer.press(busId, 'volume', 1)).toBe(true);
    writer.move(busId, 'volume', 0.5);
    store.getState().set({ playhead: 300 });
    writer.release(busId, 'volume');
    expect(store.getState().history.past.at(-1)?.label).toBe('Write bus automation');
    expect(store.getState().project.buses?.[0].volume?.find((p) => p.at === 300)?.gain).toBe(0.5);
    expect(store.getState().busVolumeLanes).toEqual([busId]);
  });
});

describe("writing a track's send", () => {
  it("rides and writes the send's level lane, named for a send, its lane shown; a send it lacks writes nothing", () => {
    const store = createStudioStore();
    const track = newTrack(0);
    const project = createBus({ ...emptyProject(1000), tracks: [track] }, track.id).project;
    const busId = project.buses?.[0].id ?? '';
    store.getState().set({ project, playing: true, playhead: 100 });
    setAutomationMode(store, track.id, 'touch');
    const rides: string[] = [];
    const rider = {
      ride: (_: string, lane: string) => (rides.push(lane), store.getState().playhead),
      unride: () => {},
    };
    const writer = new AutomationWriter(store, rider);
    expect(writer.press(track.id, sendLane(busId), 1)).toBe(true);
    writer.move(track.id, sendLane(busId), 0.25);
    store.getState().set({ playhead: 300 });
    writer.release(track.id, sendLane(busId));
    expect(rides).toEqual([`send ${busId}`, `send ${busId}`]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Write send automation');
    const send = store.getState().project.tracks[0].sends?.[0];
    expect(send?.levelDb).toBe(-12); // the send's own level untouched
    expect(send?.volume?.find((p) => p.at === 300)?.gain).toBe(0.25);
    expect(store.getState().sendLanes).toEqual([{ trackId: track.id, busId }]);
    expect(writtenLaneOf(store, track.id, 'send elsewhere')).toBeNull();
  });
});

const writtenLaneOf = (store: ReturnType<typeof createStudioStore>, host: string, lane: RiddenLane) =>
  writtenLane(store.getState().project, host, lane);

describe('a seek ahead while writing', () => {
  it('writes the pass up to where playback left, and goes on from where it landed', () => {
    const { store, writer, id, at, lane } = playing('latch');
    at(100);
    writer.press(id, 'volume', 0.5);
    at(200);
    at(5000); // more than a second of timeline on: a seek, not a frame
    store.getState().set({ playing: false });
    expect(lane().volume?.map((p) => p.at)).toEqual([99, 100, 200, 300, 4999, 5000, 5100]);
  });
});

describe('a grouped fader', () => {
  it("writes its group's lanes with it, each by as many decibels, in one undo step; its mode is theirs", () => {
    const store = createStudioStore();
    const [kick, snare, bass] = [newTrack(0), { ...newTrack(1), volume: [{ at: 0, gain: 0.5 }] }, newTrack(2)];
    const project = { ...emptyProject(1000), tracks: [kick, snare, bass] };
    store.getState().set({ project: groupTracks(project, [kick.id, snare.id]).project, playing: true, playhead: 0 });
    setAutomationMode(store, kick.id, 'touch');
    expect(store.getState().automationModes).toEqual({ [kick.id]: 'touch', [snare.id]: 'touch' });
    const writer = new AutomationWriter(store, { ride: () => store.getState().playhead, unride: () => {} });
    store.getState().set({ playhead: 100 });
    writer.press(kick.id, 'volume', 1);
    writer.move(kick.id, 'volume', 0.25);
    expect(store.getState().riding[`${snare.id} volume`].value).toBe(0.125); // shown on its fader as it rides
    store.getState().set({ playhead: 300 });
    writer.release(kick.id, 'volume');
    expect(store.getState().history.past.at(-1)?.label).toBe('Write volume automation');
    const held = (i: number) => store.getState().project.tracks[i].volume?.find((p) => p.at === 300)?.gain;
    expect([held(0), held(1)]).toEqual([0.25, 0.125]);
    expect(store.getState().project.tracks[2].volume).toBeUndefined();
    expect(store.getState().riding).toEqual({});
  });
});
