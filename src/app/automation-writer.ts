/**
 * Writes automation as the project plays, as a DAW's Touch and Latch modes (src/project/automation-write.ts): while a
 * track plays in one of them, its fader and pan control, once pressed, ride its volume or pan lane (heard at once,
 * through the player) and what they do is written into the lane: in Touch when the control is let go, in Latch
 * (which goes on writing the last value) when playback stops. Each pass is one undo step; where playback loops or
 * jumps back, the pass so far is written and a new one begins. Outside those modes, or stopped, the controls change
 * the track's gain and pan as ever.
 */
import { dbToGain } from '../dsp/gain';
import { clampGain, envelopeGainAt, type GainPoint } from '../project/envelope';
import { AUTOMATION_MODES, type AutomationMode, GLIDE_S, writePass } from '../project/automation-write';
import { panAsLine } from '../project/pan-automation';
import { linkedTracks } from '../project/track-groups';
import type { Project, Track } from '../project/types';
import type { RiddenLane } from '../playback/lane-rides';
import type { StudioStore } from '../store/studio-store';
import {
  busSendVolumeLine,
  busVolumeLine,
  type GainLine,
  sendVolumeLine,
  trackPanLine,
  trackVolumeLine,
} from './project-commands';
import { busSendsOf } from '../project/bus-routing';
import { busVolumeOf } from '../project/buses';
import { MASTER } from '../project/track-effects';

/** Sets how a track's lanes play: Read, Touch or Latch (a setting of the session, not an edit); its group's tracks
 * are set with it. */
export function setAutomationMode(store: StudioStore, trackId: string, mode: AutomationMode): void {
  const { automationModes, project } = store.getState();
  const set = Object.fromEntries(linkedTracks(project, trackId).map((id) => [id, mode]));
  store.getState().set({ automationModes: { ...automationModes, ...set } });
}

/** The mode after `mode`, round Read, Touch and Latch (the shortcut's order). */
export const nextMode = (mode: AutomationMode) =>
  AUTOMATION_MODES[(AUTOMATION_MODES.indexOf(mode) + 1) % AUTOMATION_MODES.length];

/** What writing needs of the player: a lane ridden as it plays, and where that is heard (null: nothing plays). */
export interface LaneRider {
  ride(trackId: string, lane: RiddenLane, value: number): number | null;
  unride(trackId: string, lane: RiddenLane): void;
}

interface Touch {
  trackId: string;
  lane: RiddenLane;
  /** What the control did, at the timeline samples it was heard at. */
  values: GainPoint[];
  /** The control's value now. */
  value: number;
  /** Let go of (a latched control goes on writing until playback stops). */
  released: boolean;
  /** A grouped track's control moving with the one pressed (its key): both values when it was pressed. */
  follows?: { key: string; from: number; leaderFrom: number };
}

/** A pass's points are kept where they stray more than this from the line through the others (a gain's or a pan's
 * units: about 0.05 dB at unity, half a percent of the pan). */
const TOLERANCE = 0.005;

const touchKey = (trackId: string, lane: RiddenLane) => `${trackId} ${lane}`;

export class AutomationWriter {
  private readonly touches = new Map<string, Touch>();

  constructor(
    private readonly store: StudioStore,
    private readonly rider: LaneRider,
  ) {
    store.subscribe((state, previous) => {
      if (this.touches.size === 0) return;
      const jumped = state.playhead - previous.playhead > state.project.sampleRate; // a seek ahead, not a frame
      if (!state.playing) this.finish([...this.touches.keys()], previous.playhead);
      else if (state.playhead < previous.playhead || jumped) this.startOver(previous.playhead, state.playhead);
      else if (state.playhead !== previous.playhead) this.hold(state.playhead);
      const reading = [...this.touches.values()].filter((t) => this.modeOf(t.trackId) === 'read');
      if (reading.length > 0)
        this.finish(
          reading.map((t) => touchKey(t.trackId, t.lane)),
          state.playhead,
        );
    });
  }

  /** Whether the track's controls write its lanes now: it plays, in Touch or Latch. */
  writes(trackId: string): boolean {
    return this.store.getState().playing && this.modeOf(trackId) !== 'read';
  }

  /** A control pressed at `value` (the lane's units: a gain, a pan): true where it now writes its lane; false where
   * it changes the track as ever. */
  press(trackId: string, lane: RiddenLane, value: number): boolean {
    if (!this.writes(trackId)) return false;
    const held = this.touches.get(touchKey(trackId, lane));
    if (held) {
      held.released = false;
      return true;
    }
    const at = this.rider.ride(trackId, lane, value);
    if (at === null) return false;
    this.touches.set(touchKey(trackId, lane), { trackId, lane, values: [{ at, gain: value }], value, released: false });
    this.showLane(trackId, lane);
    this.pressMates(trackId, lane, value);
    this.publish();
    return true;
  }

  /** The same control of the pressed track's group's other tracks (those writing too) rides along with it, as a
   * DAW's grouped faders write their lanes together (src/project/track-groups.ts). */
  private pressMates(trackId: string, lane: RiddenLane, value: number): void {
    const { project, playhead } = this.store.getState();
    const key = touchKey(trackId, lane);
    for (const mate of linkedTracks(project, trackId)) {
      if (mate === trackId || !this.writes(mate) || this.touches.has(touchKey(mate, lane))) continue;
      if (!writtenLane(project, mate, lane)) continue; // a send the mate does not have
      const from = laneValueAt(project, mate, lane, playhead);
      const at = this.rider.ride(mate, lane, from);
      if (at === null) continue;
      const follows = { key, from, leaderFrom: value };
      this.touches.set(touchKey(mate, lane), {
        trackId: mate,
        lane,
        values: [{ at, gain: from }],
        value: from,
        released: false,
        follows,
      });
      this.showLane(mate, lane);
    }
  }

  /** The touch and those following it. */
  private withFollowers(key: string): Touch[] {
    return [...this.touches.values()].filter((t) => touchKey(t.trackId, t.lane) === key || t.follows?.key === key);
  }

  /** The pressed control moved to `value`: heard at once, and written. */
  move(trackId: string, lane: RiddenLane, value: number): void {
    if (!this.touches.has(touchKey(trackId, lane))) return;
    for (const touch of this.withFollowers(touchKey(trackId, lane))) {
      touch.value = touch.follows ? followed(lane, touch.follows, value) : value;
      const at = this.rider.ride(touch.trackId, lane, touch.value);
      if (at !== null) record(touch, at);
    }
    this.publish();
  }

  /** The control let go: in Touch its pass is written now and the lane takes over again; in Latch it goes on. */
  release(trackId: string, lane: RiddenLane): void {
    if (!this.touches.has(touchKey(trackId, lane))) return;
    const touches = this.withFollowers(touchKey(trackId, lane));
    for (const touch of touches) touch.released = true;
    if (this.modeOf(trackId) !== 'latch')
      this.finish(
        touches.map((t) => touchKey(t.trackId, t.lane)),
        this.store.getState().playhead,
      );
  }

  private modeOf(trackId: string) {
    return this.store.getState().automationModes[trackId] ?? 'read';
  }

  /** Each control being written holds its value up to `at` (so a held value stays flat, not a slope to the next). */
  private hold(at: number): void {
    for (const touch of this.touches.values()) record(touch, at);
    this.publish();
  }

  /** Playback went back or skipped ahead (a loop came round, the playhead moved): what was written up to `until` is
   * kept, and the controls still writing begin again at `at`, still heard. */
  private startOver(until: number, at: number): void {
    const going = [...this.touches.values()].filter((t) => !t.released || this.modeOf(t.trackId) === 'latch');
    this.finish([...this.touches.keys()], until);
    for (const touch of going) {
      this.touches.set(touchKey(touch.trackId, touch.lane), restart(touch, at));
      this.rider.ride(touch.trackId, touch.lane, touch.value);
    }
    this.publish();
  }

  /** Writes the passes of `keys`, held up to `end`, as one undo step; the controls still writing keep riding. */
  private finish(keys: string[], end: number): void {
    const passes = keys.flatMap((key) => this.touches.get(key) ?? []);
    keys.forEach((key) => this.touches.delete(key));
    for (const touch of passes) this.rider.unride(touch.trackId, touch.lane);
    const state = this.store.getState();
    const project = passes.reduce((p, touch) => written(p, touch, end), state.project);
    if (project !== state.project) state.commit(`Write ${passesNamed(passes, project)}automation`, project);
    // The player follows the lanes written; what is still being written rides on over them.
    for (const touch of this.touches.values()) this.rider.ride(touch.trackId, touch.lane, touch.value);
    this.publish();
  }

  private showLane(trackId: string, lane: RiddenLane): void {
    const state = this.store.getState();
    if (lane.startsWith('send ')) {
      const busId = lane.slice('send '.length);
      const shown = state.sendLanes.some((k) => k.trackId === trackId && k.busId === busId);
      if (!shown) state.set({ sendLanes: [...state.sendLanes, { trackId, busId }] });
      return;
    }
    const key = isBus(state.project, trackId) ? 'busVolumeLanes' : lane === 'volume' ? 'volumeLanes' : 'panLanes';
    if (!state[key].includes(trackId)) state.set({ [key]: [...state[key], trackId] });
  }

  /** The controls being written: their values, for the controls to show (a fader under the mouse stays put), and
   * their passes so far, for the lanes to draw. */
  private publish(): void {
    const riding = Object.fromEntries(
      [...this.touches.values()].map((t) => [touchKey(t.trackId, t.lane), { value: t.value, values: [...t.values] }]),
    );
    this.store.getState().set({ riding });
  }
}

/** Whether a host is the master or an effect bus (whose fader writes its volume lane), not a track. */
const isBus = (project: Project, host: string) => host === MASTER || (project.buses ?? []).some((b) => b.id === host);

/** What the history calls the lanes of `passes` ("volume ", "master ", "bus ", "" for several kinds). */
function passesNamed(passes: readonly Touch[], project: Project): string {
  const kind = (t: Touch) =>
    t.lane.startsWith('send ') ? 'send' : t.trackId === MASTER ? 'master' : isBus(project, t.trackId) ? 'bus' : t.lane;
  const names = new Set(passes.map(kind));
  return names.size === 1 ? `${[...names][0]} ` : '';
}

/** A control's value at `at`, after the last one written (one at the same sample is replaced). */
function record(touch: Touch, at: number): void {
  const last = touch.values[touch.values.length - 1];
  if (at > last.at) touch.values.push({ at, gain: touch.value });
  else if (at === last.at) last.gain = touch.value;
}

const restart = (touch: Touch, at: number): Touch => ({ ...touch, values: [{ at, gain: touch.value }] });

/** A grouped control's value as the pressed one moves to `value`: a fader by as many decibels (a lane at silence
 * when pressed stays there), a pan by as much, each held in its range. */
function followed(lane: RiddenLane, { from, leaderFrom }: NonNullable<Touch['follows']>, value: number): number {
  if (lane === 'pan') return Math.min(1, Math.max(-1, from + value - leaderFrom));
  return leaderFrom > 0 ? clampGain((from * value) / leaderFrom) : from;
}

/** The project with a control's pass written into its lane, held to `end`. */
function written(project: Project, touch: Touch, end: number): Project {
  const lane = writtenLane(project, touch.trackId, touch.lane);
  if (!lane) return project;
  return lane.line.set(project, passPoints(lane, touch.values, end, project.sampleRate));
}

/** A lane the controls write: a track's volume or pan, or the master's volume; its points (a pan as a line) and its
 * value where it has none (unity gain, the track's own pan). */
export interface WrittenLane {
  line: GainLine;
  points: readonly GainPoint[];
  held: number;
}

export function writtenLane(project: Project, host: string, lane: RiddenLane): WrittenLane | null {
  const busId = lane.startsWith('send ') ? lane.slice('send '.length) : null;
  if (isBus(project, host)) {
    if (lane === 'volume') return { line: busVolumeLine(host), points: busVolumeOf(project, host) ?? [], held: 1 };
    const send = busSendsOf(project, host).find((s) => s.busId === busId);
    return send && busId ? { line: busSendVolumeLine(host, busId), points: send.volume ?? [], held: 1 } : null;
  }
  const track = project.tracks.find((t) => t.id === host);
  if (!track) return null;
  if (lane === 'volume' || lane === 'pan') return trackLane(track, lane);
  // A send's level: none where the track does not send to that bus.
  const send = track.sends?.find((s) => s.busId === busId);
  return send && busId ? { line: sendVolumeLine(track.id, busId), points: send.volume ?? [], held: 1 } : null;
}

export const trackLane = (track: Track, lane: 'volume' | 'pan'): WrittenLane =>
  lane === 'volume'
    ? { line: trackVolumeLine(track.id), points: track.volume ?? [], held: 1 }
    : { line: trackPanLine(track.id), points: panAsLine(track.panPoints ?? []), held: track.pan };

/** The lane with a pass (`values`, held to `end`) written into it: what the lane becomes, and what it shows while
 * the pass is being written. */
export function passPoints(
  { points, held }: Pick<WrittenLane, 'points' | 'held'>,
  values: readonly GainPoint[],
  end: number,
  sampleRate: number,
): GainPoint[] {
  const pass = { values: [...values], end: Math.max(end, values[values.length - 1].at) };
  const glide = Math.round(GLIDE_S * sampleRate);
  return writePass(points, pass, { glide, held, tolerance: TOLERANCE });
}

/** What a lane says at timeline sample `at` (its value where it has no points; unity where there is no such lane). */
export function laneValueAt(project: Project, host: string, lane: RiddenLane, at: number): number {
  const written = writtenLane(project, host, lane);
  if (!written) return 1;
  return written.points.length ? envelopeGainAt(written.points, at) : written.held;
}

/** The volume lane's gain that makes a fader at `gainDb` give `db` (a fader written in Touch). */
export const laneGainFor = (gainDb: number, db: number) => clampGain(dbToGain(db - gainDb));
