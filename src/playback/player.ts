/** Plays the project through Web Audio: one source per clip (through its fades and volume envelope), per-track
 * effects (an AudioWorklet running the mixdown's chain), volume automation, gain and pan, loop over the selection;
 * the metronome clicks along where it is on. */
import trackEffectsWorklet from '../../workers/track-effects.worklet.ts?worker&url';
import { impulseAssetIds } from '../dsp/convolution';
import { effectsLatency, keyTracks, type TrackEffect } from '../dsp/effect-chain';
import { impulsesOf } from '../project/impulses';
import { dbToGain } from '../dsp/gain';
import type { AssetStore } from '../project/asset-store';
import { loopRange } from '../actions/targets';
import { audibleTracks, effectBusChannels } from '../project/mixdown';
import { busesInMixOrder, busOutputOf, busSendsOf } from '../project/bus-routing';
import { heardOf } from '../project/solo';
import { type Compensation, compensationOf, NO_COMPENSATION } from '../project/bus-latency';
import { busVolumeOf, outputOf, sendsOf } from '../project/buses';
import { type EffectHost, effectsOf, liveChanges, MASTER, masterOf } from '../project/track-effects';
import { clipFadeGainAt, fadeCurves } from '../project/clip-fades';
import { envelopeRamps, type GainPoint, rampsOver } from '../project/envelope';
import { panAsLine, panRamps } from '../project/pan-automation';
import type { Clip, MasterBus, Project, SampleRange, Track } from '../project/types';
import { clipEnd, projectLength } from '../project/types';
import type { StudioStore } from '../store/studio-store';
import { METER_BUFFER, PEAK_WINDOW } from './meter';
import { Metronome, type TimelineClock } from './metronome';
import { type Clock, contextTime, scheduleRamps } from './clock';
import { LaneRides, type RiddenLane, sendLane } from './lane-rides';
import { projectGrid } from '../project/tempo';

/** Timeline sample `from` reaches an effect chain's input at context time `when`. */
interface ChainTimeline {
  from: number;
  when: number;
}

export const SPEED_RANGE = { min: 0.25, max: 3 } as const;

/** A scrub grain: how long each piece of the project heard while the playhead is dragged lasts, and its fades, s. */
const SCRUB_GRAIN_S = 0.07;
const SCRUB_FADE_S = 0.008;

/** A track meter's taps hold this many samples: its peak window and no more. */
const TRACK_METER_BUFFER = PEAK_WINDOW;

export class Player {
  private context: AudioContext | undefined;
  /** Where every track plays into, and the meter's taps on its two channels (made with the context). */
  private master: AudioNode | undefined;
  /** Between the master bus and the speakers: where Mono sums the mix, heard only (meters and exports keep stereo). */
  private monitor: GainNode | undefined;
  private taps: AnalyserNode[] = [];
  /** Each playing track's taps after its gain and pan, left and right, for its own meter; each effect bus's after its
   * fader, by its id. */
  private trackTaps = new Map<string, AnalyserNode[]>();
  private readonly buffers = new Map<string, AudioBuffer>();
  private sources: AudioScheduledSourceNode[] = [];
  private nodes: AudioNode[] = [];
  private startedAt = 0;
  private startSample = 0;
  /** The speed the current playback runs at (recording plays along at 1). */
  private speed = 1;
  private loopRange: SampleRange | undefined;
  /** Playing along with a take: on past the project's end until stopped. */
  private openEnded = false;
  /** Playing along with a take (which is timed against this playback, so nothing restarts it). */
  private alongTake = false;
  private frame = 0;
  private metronome: Metronome | undefined;
  /** The running playback's timeline against the audio clock (the metronome's too). */
  private clock: TimelineClock | undefined;
  /** The effect nodes sounding, by host: a track (a loop's passes each have their own), a bus, the master. */
  private effectNodes = new Map<string, AudioWorkletNode[]>();
  /** The effects' processor loaded into the context; false: it could not be (effects unheard, and said so). */
  private effectsLoaded: Promise<boolean> | undefined;
  private effectsUsable = false;
  /** The running playback's master strip: where its tracks play in (made with each start). */
  private strip: AudioNode | undefined;
  /** This playback's bus faders (the master's, the effect buses'), and the effect buses' inputs, by id. */
  private faders = new Map<EffectHost, GainNode>();
  /** The gains this playback's bus faders' volume automation rides (the master's, the effect buses'), by host. */
  private busLanes = new Map<EffectHost, GainNode>();
  /** Each effect bus's sends' level automation, by the bus sent to (unity where a send has none). */
  private busSendLanes = new Map<string, Record<string, AudioParam>>();
  /** This playback's effect buses' pans, by id. */
  private busPans = new Map<EffectHost, StereoPannerNode>();
  private busInputs = new Map<string, AudioNode>();
  /** When the scrub grain sounding now ends (context time). */
  private scrubbingUntil = 0;

  private refreshPending = false;
  /** The tracks' volume and pan lanes this playback follows. */
  private readonly rides = new LaneRides();
  /** The preview sounding: its end timer and the buffers made for its audio alone (dropped when it stops). */
  private previewEnd: ReturnType<typeof setTimeout> | undefined;
  private previewAssets: string[] = [];

  constructor(
    private readonly store: StudioStore,
    private readonly assets: AssetStore,
  ) {
    // The player follows the project and the loop switch: any change while playing (an edit, undo, a gain slider, a
    // take switched, looping turned on) is heard at once, however it was made. Changes in one task restart it once.
    // Along with a take nothing restarts (the take is timed against this playback); the metronome's switch, level and
    // tempo, and effects' settings, are heard at once all the same, on what is already running.
    store.subscribe((state, previous) => {
      if (state.monoMonitor !== previous.monoMonitor) this.monitorMono(state.monoMonitor);
      const clicksChanged = state.click !== previous.click || state.project.tempo !== previous.project.tempo;
      if (state.playing && clicksChanged) this.restartClicks();
      const changed =
        state.project !== previous.project ||
        state.loop !== previous.loop ||
        state.loopRegion !== previous.loopRegion ||
        state.playbackSpeed !== previous.playbackSpeed;
      if (!changed || !state.playing || this.refreshPending) return;
      const sameTransport =
        state.loop === previous.loop &&
        state.loopRegion === previous.loopRegion &&
        state.playbackSpeed === previous.playbackSpeed;
      const retuned = sameTransport && this.retune(state, previous);
      if (retuned || this.alongTake) return;
      this.refreshPending = true;
      setTimeout(() => {
        this.refreshPending = false;
        this.refresh();
      }, 0);
    });
  }

  toggle(): void {
    if (this.store.getState().playing) this.pause();
    else void this.play();
  }

  /** Plays from the playhead (or loops the selection) at `speed`, the Play-at-speed setting unless given. An empty
   * project with the metronome on plays its clicks until stopped, to practise to. */
  async play(speed?: number): Promise<void> {
    const state = this.store.getState();
    const { playhead, project, click } = state;
    const looping = loopRange(state);
    const empty = projectLength(project) === 0;
    const from = looping ? looping.start : playhead >= projectLength(project) && !empty ? 0 : playhead;
    const openEnded = empty && click.on && projectGrid(project) !== null;
    await this.start(from, speed ?? state.playbackSpeed, { loopRange: looping, openEnded });
  }

  /** Plays along with a take: from `from` at its own speed, once through and on past the project's end until
   * stopped (round `loop` instead, for loop recording); `countIn` samples of clicks first (the timeline waits at
   * `from` meanwhile). */
  async playAlong(from: number, countIn = 0, loop?: SampleRange): Promise<void> {
    await this.start(from, 1, { openEnded: !loop, countIn, loopRange: loop, alongTake: true });
  }

  private async start(
    from: number,
    speed: number,
    {
      loopRange,
      openEnded = false,
      countIn = 0,
      alongTake = false,
    }: { loopRange?: SampleRange; openEnded?: boolean; countIn?: number; alongTake?: boolean },
  ): Promise<void> {
    this.stopPreview();
    const { project } = this.store.getState();
    const context = this.contextFor(project.sampleRate);
    await context.resume();
    await this.effectsReady();
    this.stopSources();
    this.speed = speed;
    this.loopRange = loopRange;
    this.openEnded = openEnded;
    this.alongTake = alongTake;
    this.startSample = from;
    const clicksFrom = context.currentTime + 0.05 + this.mostLookAhead(project);
    this.startedAt = clicksFrom + countIn / (project.sampleRate * speed);
    this.strip = this.masterStrip(project, { from, when: this.startedAt });
    this.schedule(project, from, loopRange?.end ?? projectLength(project), this.startedAt, speed);
    this.clock = { from: from - countIn, when: clicksFrom, rate: project.sampleRate * speed, loop: loopRange };
    this.restartClicks();
    this.store.getState().set({ playing: true });
    this.tick();
  }

  /** The metronome on the running playback's clock, as the settings and the grid are now (off: silent). */
  private restartClicks(): void {
    this.metronome?.stop();
    const { project, click } = this.store.getState();
    const grid = projectGrid(project);
    if (click.on && grid && this.clock) this.metronome!.start(grid, project.sampleRate, this.clock, click.levelDb);
  }

  /** Where the metronome's clicks come out (before anything has played: none). */
  clickOutput(): AudioNode | undefined {
    return this.metronome?.output;
  }

  /** The timeline sample the last playback started from. */
  startPosition(): number {
    return this.startSample;
  }

  /** When the sample playback started from is heard, in performance.now() milliseconds (the output's latency
   * counted, as the context reports it); null when nothing plays or the context cannot tell. */
  audibleStart(): number | null {
    if (!this.context || !this.store.getState().playing) return null;
    const { contextTime, performanceTime } = this.context.getOutputTimestamp();
    if (contextTime === undefined || performanceTime === undefined || performanceTime === 0) return null;
    return performanceTime + (this.startedAt - contextTime) * 1000;
  }

  pause(): void {
    this.stopPreview();
    this.stopSources();
    this.store.getState().set({ playing: false });
  }

  stop(): void {
    this.pause();
    this.store.getState().set({ playhead: this.loopRange?.start ?? 0 });
  }

  /** Plays [range) of `project`, a copy with an effect applied whose new audio is in `assets` (never the store's
   * project: nothing in it changes), once from the range's start; playback stops first. */
  async preview(project: Project, assets: AssetStore, range: SampleRange): Promise<void> {
    this.pause();
    this.stopPreview();
    const context = this.contextFor(project.sampleRate);
    await context.resume();
    await this.effectsReady();
    this.previewAssets = assets.ids().filter((id) => !this.assets.has(id));
    const when = context.currentTime + 0.05 + this.mostLookAhead(project);
    this.strip = this.masterStrip(project, { from: range.start, when });
    this.schedule(project, range.start, range.end, when, 1, assets);
    const seconds = (range.end - range.start) / project.sampleRate;
    this.previewEnd = setTimeout(() => this.stopPreview(), (seconds + 0.1) * 1000);
    this.store.getState().set({ previewing: true });
  }

  stopPreview(): void {
    if (this.previewEnd === undefined) return;
    clearTimeout(this.previewEnd);
    this.previewEnd = undefined;
    this.stopSources();
    this.forget(this.previewAssets);
    this.previewAssets = [];
    this.store.getState().set({ previewing: false });
  }

  /** Scrubbing, as Audacity's Seek and a DAW's scrub: a short grain of the project from timeline sample `at` (with
   * fades, so no click), so a playhead dragged along the ruler is heard; nothing plays on after it, and nothing is
   * done while the project plays. A grain is never cut short: moves during one wait for its end. */
  async scrub(at: number): Promise<void> {
    if (this.store.getState().playing) return;
    const { project } = this.store.getState();
    const context = this.contextFor(project.sampleRate);
    if (context.currentTime < this.scrubbingUntil) return;
    this.stopPreview();
    await context.resume();
    await this.effectsReady();
    this.stopSources();
    const when = context.currentTime + 0.005 + this.mostLookAhead(project);
    this.scrubbingUntil = when + SCRUB_GRAIN_S;
    const grain = new GainNode(context, { gain: 0 });
    grain.gain.setValueAtTime(0, when);
    grain.gain.linearRampToValueAtTime(1, when + SCRUB_FADE_S);
    grain.gain.setValueAtTime(1, when + SCRUB_GRAIN_S - SCRUB_FADE_S);
    grain.gain.linearRampToValueAtTime(0, when + SCRUB_GRAIN_S);
    // No sends: a grain's fades would not reach them.
    grain.connect(this.masterStrip(project, { from: at, when }, false));
    this.nodes.push(grain);
    const end = Math.min(projectLength(project), at + Math.round(SCRUB_GRAIN_S * project.sampleRate));
    this.schedule(project, at, end, when, 1, this.assets, grain);
  }

  /** Restarts from the current position so changed gain, pan, mute, solo or clips are heard at once. */
  private refresh(): void {
    if (!this.store.getState().playing) return;
    this.store.getState().set({ playhead: this.position() });
    void this.play();
  }

  private contextFor(rate: number): AudioContext {
    if (this.context?.sampleRate !== rate) {
      void this.context?.close();
      this.context = new AudioContext({ sampleRate: rate, latencyHint: 'interactive' });
      this.buffers.clear();
      this.master = this.masterBus(this.context);
      this.metronome = new Metronome(this.context);
      this.effectsLoaded = this.loadEffects(this.context);
    }
    return this.context;
  }

  private bufferFor(assetId: string, context: AudioContext, assets: AssetStore): AudioBuffer {
    let buffer = this.buffers.get(assetId);
    if (!buffer) {
      const asset = assets.get(assetId);
      buffer = context.createBuffer(asset.channels.length, asset.channels[0].length, asset.sampleRate);
      asset.channels.forEach((ch, c) => buffer!.copyToChannel(ch as Float32Array<ArrayBuffer>, c));
      this.buffers.set(assetId, buffer);
    }
    return buffer;
  }

  /** Schedules timeline samples [from, to) to start sounding at context time `when`, at `speed` (each source's
   * playback rate; the ramps and fades timed to match), into `bus` (the master's, unless given). */
  private schedule(
    project: Project,
    from: number,
    to: number,
    when: number,
    speed: number,
    assets = this.assets,
    bus: AudioNode = this.strip ?? this.master!,
  ): void {
    const context = this.context!;
    const rate = project.sampleRate;
    const clock = { from, when, rate: rate * speed };
    // Delay compensation: what goes through a limiter's or gate's look-ahead plays that much early, so it is heard on
    // time (as the mixdown feeds it early): the fader's automation ahead of the master's, the clips ahead of both.
    const early = (clock: Clock, seconds: number): Clock => ({ ...clock, when: clock.when - seconds });
    const masterClock = early(clock, this.lookAhead(masterOf(project).effects));
    // Through the buses, each track and bus as early as the look-ahead of the buses it plays through (compensation).
    const comp = this.compensation(project);
    const earlyBy = (id: string) => early(masterClock, comp.early(id) / context.sampleRate);
    // The master's fader automation on the clock as heard (after its look-ahead), a bus's on its fader's.
    for (const [host, lane] of this.busLanes) {
      const volume = busVolumeOf(project, host);
      const laneClock = host === MASTER ? clock : earlyBy(host);
      if (volume?.length) scheduleRamps(lane.gain, rampsOver(volume, from, to), laneClock);
      const sends = this.busSendLanes.get(host) ?? {};
      for (const send of busSendsOf(project, host))
        if (send.volume?.length && sends[send.busId])
          scheduleRamps(sends[send.busId], rampsOver(send.volume, from, to), laneClock);
      this.rides.add(host, { volume: lane.gain, sends, from, to, clock: laneClock });
    }
    const routes = heardOf(project);
    for (const track of audibleTracks(project)) {
      const faderClock = earlyBy(track.id);
      const gain = new GainNode(context, { gain: dbToGain(track.gainDb) });
      const pan = new StereoPannerNode(context, { pan: track.pan });
      gain.connect(pan);
      // Into the bus its output is routed to (a group bus), else the master's strip, where a solo lets it.
      const output = outputOf(project, track);
      if (routes.passes(track.id, output))
        this.held(pan, comp.hold(track.id, output)).connect((output && this.busInputs.get(output)) || bus);
      this.nodes.push(gain, pan, ...this.tapTrack(track.id, pan));
      this.automatePan(pan, track, from, to, faderClock);
      // The track's volume automation, before its gain and pan (unity where it has none, ready to be written).
      const volume = track.volume?.length ? rampsOver(track.volume, from, to) : [{ at: from, gain: 1 }];
      const fader = this.rampNode(volume, gain, faderClock);
      this.rides.add(track.id, { volume: fader.gain, pan: pan.pan, from, to, clock: faderClock });
      // What a pre-fader send takes: the track after its effects, before its fader.
      const preFader = sendsOf(project, track).some((s) => s.preFader) ? new GainNode(context) : undefined;
      preFader?.connect(fader);
      this.send(track, project, { post: pan, pre: preFader }, { from, to, clock: faderClock });
      const sourceClock = early(faderClock, this.lookAhead(track.effects));
      const playing = { from, to, clock: sourceClock, speed, assets };
      // Its effects before that (as a DAW's inserts, before the fader); a keyed compressor's key tracks' clips played
      // into it on the same clock.
      const effects = track.effects?.length && this.effectsUsable ? track.effects : undefined;
      const keys = effects
        ? keyTracks(effects).filter((id) => id !== track.id && project.tracks.some((t) => t.id === id))
        : [];
      const chainAt = { from, when: sourceClock.when };
      const trackIn = effects
        ? this.effectsNode(track.id, effects, effectBusChannels(track, assets), preFader ?? fader, chainAt, keys)
        : (preFader ?? fader);
      this.playClips(track, trackIn, playing);
      keys.forEach((id, i) => {
        const keyIn = new GainNode(context);
        keyIn.connect(trackIn, 0, 1 + i);
        this.nodes.push(keyIn);
        this.playClips(project.tracks.find((t) => t.id === id)!, keyIn, playing);
      });
    }
  }

  /** Plays the track's clips over timeline samples [from, to) into `into`, `from` sounding at `clock.when`, through
   * their fades and volume envelopes. */
  private playClips(
    track: Track,
    into: AudioNode,
    { from, to, clock, speed, assets }: { from: number; to: number; clock: Clock; speed: number; assets: AssetStore },
  ): void {
    const context = this.context!;
    const rate = clock.rate / speed;
    for (const clip of track.clips) {
      const start = Math.max(clip.start, from);
      const end = Math.min(clipEnd(clip), to);
      if (end <= start) continue;
      const buffer = this.bufferFor(clip.assetId, context, assets);
      const source = new AudioBufferSourceNode(context, { buffer, playbackRate: speed });
      const faded = this.fadeNode(clip, start, end, into, clock) ?? into;
      source.connect(this.envelopeNode(clip, start, end, faded, clock) ?? faded);
      // When on the clock; where and how long in the recording's own seconds.
      source.start(
        clock.when + (start - from) / clock.rate,
        (clip.offset + start - clip.start) / rate,
        (end - start) / rate,
      );
      this.sources.push(source);
    }
  }

  /** How late `effects` make what goes through them, in seconds, where they are heard (their processor loaded). */
  private lookAhead(effects: readonly TrackEffect[] | undefined): number {
    const rate = this.context!.sampleRate;
    return this.effectsUsable ? effectsLatency(effects, rate) / rate : 0;
  }

  /** The most any audible track's clips are played early to make up for look-ahead (its own and the master's). */
  private mostLookAhead(project: Project): number {
    const comp = this.compensation(project);
    const rate = this.context!.sampleRate;
    const tracks = audibleTracks(project).map((t) => this.lookAhead(t.effects) + comp.early(t.id) / rate);
    return this.lookAhead(masterOf(project).effects) + Math.max(0, ...tracks);
  }

  /** The delay compensation through the buses, as far as their effects are heard (their processor loaded). */
  private compensation(project: Project): Compensation {
    return compensationOf(project, heardOf(project), (bus) => this.latenessOf(bus));
  }

  /** How many samples a bus's effects make it late, where they are heard. */
  private latenessOf(bus: MasterBus): number {
    return this.effectsUsable ? effectsLatency(bus.effects, this.context!.sampleRate) : 0;
  }

  /** `node`, or a delay after it holding what comes out back by `samples` (delay compensation); returns the last. */
  private held(node: AudioNode, samples: number): AudioNode {
    if (samples === 0) return node;
    const seconds = samples / this.context!.sampleRate;
    const delay = new DelayNode(this.context!, { delayTime: seconds, maxDelayTime: Math.max(1, seconds) });
    node.connect(delay);
    this.nodes.push(delay);
    return delay;
  }

  /** `input`, or a delay into it holding what comes in back by `samples`; returns where to connect. */
  private heldInto(input: AudioNode, samples: number): AudioNode {
    if (samples === 0) return input;
    const seconds = samples / this.context!.sampleRate;
    const delay = new DelayNode(this.context!, { delayTime: seconds, maxDelayTime: Math.max(1, seconds) });
    delay.connect(input);
    this.nodes.push(delay);
    return delay;
  }

  /** An effects chain in the audio thread (a track's, a bus's or the master's) on `channels` channels, as the
   * mixdown runs it, feeding `into`; timeline sample `at.from` reaches it at context time `at.when` (its LFOs and
   * lanes follow); `keys`: the tracks whose clips come in on its inputs 1, 2, ... (sidechains). */
  private effectsNode(
    host: EffectHost,
    effects: TrackEffect[],
    channels: number,
    into: AudioNode,
    at: ChainTimeline,
    keys: string[] = [],
  ): AudioWorkletNode {
    const node = new AudioWorkletNode(this.context!, 'omni-track-effects', {
      numberOfInputs: 1 + keys.length,
      numberOfOutputs: 1,
      outputChannelCount: [channels],
      channelCount: channels,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions: {
        effects,
        impulses: impulsesOf(effects, this.assets),
        channels,
        from: at.from,
        when: at.when,
        keys,
      },
    });
    node.connect(into);
    node.port.onmessage = (e: MessageEvent<{ readings: Record<string, number> }>) => {
      const readings = { ...this.store.getState().effectReadings, ...e.data.readings };
      this.store.getState().set({ effectReadings: readings });
    };
    this.nodes.push(node);
    this.effectNodes.set(host, [...(this.effectNodes.get(host) ?? []), node]);
    return node;
  }

  /** This playback's master strip (its effects, then its fader, into the metered bus) and, `withBuses`, the effect
   * buses' strips returning into it; returns where tracks play in. Timeline sample `heard.from` is heard at context
   * time `heard.when`: it reaches the strips that much before as the master looks ahead. */
  private masterStrip(project: Project, heard: ChainTimeline, withBuses = true): AudioNode {
    const at = { ...heard, when: heard.when - this.lookAhead(masterOf(project).effects) };
    const input = this.busStrip(MASTER, masterOf(project), this.master!, at);
    if (!withBuses) return input;
    // Each bus made after the bus it plays into (else the master's strip), so that its input is there to feed; then
    // its sends, from after its fader, volume automation and pan.
    const routes = heardOf(project);
    const comp = this.compensation(project);
    const rate = this.context!.sampleRate;
    for (const bus of busesInMixOrder(project).reverse()) {
      const target = busOutputOf(project, bus.id);
      const into = routes.passes(bus.id, target) ? (target && this.busInputs.get(target)) || input : undefined;
      // Where compensated, what it hears comes as early as it must send on, and its own look-ahead.
      const lateness = comp === NO_COMPENSATION ? 0 : this.latenessOf(bus);
      const busAt = { ...at, when: at.when - (comp.early(bus.id) + lateness) / rate };
      const held = into && this.heldInto(into, comp.hold(bus.id, target));
      this.busInputs.set(bus.id, this.busStrip(bus.id, bus, held, busAt));
    }
    for (const bus of project.buses ?? [])
      for (const { busId, levelDb } of busSendsOf(project, bus.id).filter((s) => routes.passes(bus.id, s.busId))) {
        const level = new GainNode(this.context!, { gain: dbToGain(levelDb) });
        // Its level automation, scheduled with the bus's fader lane (`schedule`), ready to be written as it plays.
        const automated = new GainNode(this.context!);
        const into = this.heldInto(this.busInputs.get(busId)!, comp.hold(bus.id, busId));
        this.busPans.get(bus.id)!.connect(level).connect(automated).connect(into);
        this.nodes.push(level, automated);
        this.busSendLanes.set(bus.id, { ...this.busSendLanes.get(bus.id), [busId]: automated.gain });
      }
    return input;
  }

  /** A bus's effects, then its fader and the gain its volume automation rides, into `into` (none: a solo elsewhere
   * keeps it from the master); returns its input. */
  private busStrip(
    host: EffectHost,
    bus: MasterBus & { pan?: number },
    into: AudioNode | undefined,
    at: ChainTimeline,
  ): AudioNode {
    const { effects } = bus;
    // Always there (unity where there are no points), ready to be written as it plays.
    const lane = new GainNode(this.context!);
    this.nodes.push(lane);
    this.busLanes.set(host, lane);
    // An effect bus panned, then metered as it returns, as a track is (the master has the level meter).
    const out = host === MASTER ? lane : this.busPanner(host, bus.pan ?? 0, lane);
    if (into) out.connect(into);
    if (host !== MASTER) this.nodes.push(...this.tapTrack(host, out));
    const fader = new GainNode(this.context!, { gain: faderGain(bus) });
    fader.connect(lane);
    this.nodes.push(fader);
    this.faders.set(host, fader);
    return effects?.length && this.effectsUsable ? this.effectsNode(host, effects, 2, fader, at) : fader;
  }

  /** An effect bus's pan after `lane`, kept to take a new pan as it plays; returns it. */
  private busPanner(host: EffectHost, pan: number, lane: AudioNode): StereoPannerNode {
    const panner = new StereoPannerNode(this.context!, { pan });
    lane.connect(panner);
    this.nodes.push(panner);
    this.busPans.set(host, panner);
    return panner;
  }

  /** Where only effects or bus faders changed, and each changed chain is sounding, they take the new settings as
   * they play (no restart, as a DAW's knobs); false where playback must start again. */
  private retune(state: { project: Project }, previous: { project: Project }): boolean {
    const changed = liveChanges(previous.project, state.project);
    if (!changed?.effects.every((host) => this.effectNodes.has(host))) return false;
    const { project } = state;
    // A look-ahead or a sidechain key added or taken away changes what plays into the chain: playback starts again,
    // compensated and keyed anew (along a take, which nothing restarts, the new settings are heard at once: a
    // look-ahead a few milliseconds off, a new key unheard, until the next playback).
    const late = (p: Project, host: EffectHost) => this.lookAhead(effectsOf(p, host));
    const keyed = (p: Project, host: EffectHost) => keyTracks(effectsOf(p, host)).join();
    const moved = changed.effects.some(
      (host) =>
        late(project, host) !== late(previous.project, host) || keyed(project, host) !== keyed(previous.project, host),
    );
    if (moved && !this.alongTake) return false;
    for (const host of changed.effects) {
      const effects = effectsOf(project, host);
      // An impulse's samples travel (copied) only where another impulse is loaded, not with each turn of a knob.
      const loaded = impulseAssetIds(effects).join() !== impulseAssetIds(effectsOf(previous.project, host)).join();
      const impulses = loaded ? impulsesOf(effects, this.assets) : undefined;
      for (const node of this.effectNodes.get(host)!) node.port.postMessage({ effects, impulses });
    }
    const now = this.context!.currentTime;
    for (const bus of [{ id: MASTER, ...masterOf(project) }, ...(project.buses ?? [])])
      this.faders.get(bus.id)?.gain.setValueAtTime(faderGain(bus), now);
    for (const bus of project.buses ?? []) this.busPans.get(bus.id)?.pan.setValueAtTime(bus.pan ?? 0, now);
    for (const track of project.tracks.filter((t) => changed.lanes.includes(t.id))) {
      this.rides.follow(track.id, 'volume', track.volume ?? [], 1, now);
      this.rides.follow(track.id, 'pan', panAsLine(track.panPoints ?? []), track.pan, now);
      for (const send of sendsOf(project, track))
        this.rides.follow(track.id, sendLane(send.busId), send.volume ?? [], 1, now);
    }
    for (const host of [MASTER, ...(project.buses ?? []).map((b) => b.id)])
      if (changed.lanes.includes(host)) {
        this.rides.follow(host, 'volume', busVolumeOf(project, host) ?? [], 1, now);
        for (const send of busSendsOf(project, host))
          this.rides.follow(host, sendLane(send.busId), send.volume ?? [], 1, now);
      }
    return true;
  }

  /** Loads the effects' processor into a new context; where it cannot be, says so once (playback goes on without
   * the effects rather than not at all). */
  private async loadEffects(context: AudioContext): Promise<boolean> {
    try {
      await context.audioWorklet.addModule(trackEffectsWorklet);
      return true;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.store
        .getState()
        .notify('error', `Track effects cannot play in this browser (${reason}); exports keep them.`);
      return false;
    }
  }

  private async effectsReady(): Promise<void> {
    this.effectsUsable = (await this.effectsLoaded) ?? false;
  }

  /** The track's sends into the effect buses' inputs this playback made: after its pan (`post`), or, a pre-fader
   * send, from `pre` (after its effects, before its fader). */
  private send(
    track: Track,
    project: Project,
    taps: { post: AudioNode; pre?: AudioNode },
    over: { from: number; to: number; clock: Clock },
  ): void {
    const context = this.context!;
    // Before the fader the track is centred on the bus, as the mixdown centres it.
    const centred = taps.pre && new StereoPannerNode(context, { pan: 0 });
    if (centred) {
      taps.pre!.connect(centred);
      this.nodes.push(taps.pre!, centred);
    }
    const lanes: Record<string, AudioParam> = {};
    const routes = heardOf(project);
    const comp = this.compensation(project);
    for (const { busId, levelDb, preFader, volume } of sendsOf(project, track)) {
      const input = this.busInputs.get(busId);
      if (!input || !routes.passes(track.id, busId)) continue;
      // Its level automation, ramped on the fader's clock, after its level (unity where it has none, ready to be
      // written as it plays).
      const ramps = volume?.length ? rampsOver(volume, over.from, over.to) : [{ at: over.from, gain: 1 }];
      const automated = this.rampNode(ramps, this.heldInto(input, comp.hold(track.id, busId)), over.clock);
      lanes[busId] = automated.gain;
      const level = new GainNode(context, { gain: dbToGain(levelDb) });
      (preFader && centred ? centred : taps.post).connect(level).connect(automated);
      this.nodes.push(level);
    }
    this.rides.add(track.id, { sends: lanes, ...over });
  }

  /** The pan following the track's pan automation over [from, to), where it has any (linear ramps, as the mixdown
   * draws its lines). */
  private automatePan(node: StereoPannerNode, track: Track, from: number, to: number, clock: Clock): void {
    const ramps = panRamps(track, from, to);
    if (ramps) scheduleRamps(node.pan, panAsLine(ramps), clock);
  }

  /** A gain node playing the clip's volume envelope over [start, end), feeding `into`; null where it has none. */
  private envelopeNode(clip: Clip, start: number, end: number, into: AudioNode, clock: Clock): GainNode | null {
    const ramps = envelopeRamps(clip, start, end);
    return ramps && this.rampNode(ramps, into, clock);
  }

  /** A gain node ramping linearly through `ramps` (timeline samples), feeding `into`. */
  private rampNode(ramps: GainPoint[], into: AudioNode, clock: Clock): GainNode {
    const node = new GainNode(this.context!, { gain: ramps[0].gain });
    scheduleRamps(node.gain, ramps, clock);
    node.connect(into);
    this.nodes.push(node);
    return node;
  }

  /** A gain node playing the clip's fades over [start, end), feeding `into`; null where none reaches that stretch. */
  private fadeNode(clip: Clip, start: number, end: number, into: AudioNode, clock: Clock): GainNode | null {
    const curves = fadeCurves(clip, start, end);
    if (curves.length === 0) return null;
    const node = new GainNode(this.context!, { gain: clipFadeGainAt(clip, start - clip.start) });
    const time = (at: number) => contextTime(clock, at);
    for (const c of curves) node.gain.setValueCurveAtTime(c.values, time(c.at), c.length / clock.rate);
    node.connect(into);
    this.nodes.push(node);
    return node;
  }

  /** The bus the tracks play into: on to the speakers (through the monitor), and split into left and right for the
   * level meter. */
  private masterBus(context: AudioContext): AudioNode {
    const bus = new GainNode(context, { channelCount: 2, channelCountMode: 'explicit' });
    this.monitor = new GainNode(context, { channelCount: 2, channelCountMode: 'explicit' });
    this.monitorMono(this.store.getState().monoMonitor);
    bus.connect(this.monitor).connect(context.destination);
    const split = new ChannelSplitterNode(context, { numberOfOutputs: 2 });
    bus.connect(split);
    this.taps = [0, 1].map((channel) => {
      const tap = new AnalyserNode(context, { fftSize: METER_BUFFER });
      split.connect(tap, channel);
      return tap;
    });
    return bus;
  }

  /** Taps on a track as it is heard (after its gain and pan), or on an effect bus as it returns, for its meter;
   * returns the nodes made. */
  private tapTrack(trackId: string, pan: AudioNode): AudioNode[] {
    const split = new ChannelSplitterNode(this.context!, { numberOfOutputs: 2 });
    pan.connect(split);
    const taps = [0, 1].map((channel) => {
      const tap = new AnalyserNode(this.context!, { fftSize: TRACK_METER_BUFFER });
      split.connect(tap, channel);
      return tap;
    });
    this.trackTaps.set(trackId, taps);
    return [split, ...taps];
  }

  /** A track's or an effect bus's meter taps, left and right, while it plays (none while a track is silent, muted or
   * not soloed). */
  trackMeterTaps(trackId: string): readonly AnalyserNode[] {
    return this.trackTaps.get(trackId) ?? [];
  }

  /** Where the spectrum of what an effects host sends on can be read while it plays: a track's left after its
   * fader and pan, an effect bus's after its fader, the mix's left after the master; none while it is silent. */
  spectrumTap(host: EffectHost): AnalyserNode | undefined {
    return host === MASTER ? this.taps[0] : this.trackTaps.get(host)?.[0];
  }

  /** Rides a track's volume automation (a gain) or pan, or the master's volume automation, as it plays, from now on, whatever its lane says: automation
   * being written is heard as the control moves. Returns the timeline sample now sounding; null when nothing plays. */
  ride(trackId: string, lane: RiddenLane, value: number): number | null {
    if (!this.context || !this.store.getState().playing) return null;
    this.rides.ride(trackId, lane, value, this.context.currentTime);
    return this.position();
  }

  /** The lane no longer ridden: it follows its points again from the next change of them (or the next playback). */
  unride(trackId: string, lane: RiddenLane): void {
    this.rides.unride(trackId, lane);
  }

  /** The level meter's taps: what is sounding now on the left and the right (none before anything has played). */
  /** The mix as it goes to the speakers (after Mono), for tests to hear. */
  monitorOutput(): AudioNode | undefined {
    return this.monitor;
  }

  /** Mono on: the monitor takes one channel, so Web Audio sums left and right into it (half each) and the speakers
   * play that in both; off: left and right as they are. */
  private monitorMono(on: boolean): void {
    if (this.monitor) this.monitor.channelCount = on ? 1 : 2;
  }

  meterTaps(): readonly AnalyserNode[] {
    return this.taps;
  }

  /** The timeline sample now sounding. */
  private position(): number {
    const context = this.context;
    if (!context) return this.startSample;
    const elapsed = Math.max(0, context.currentTime - this.startedAt) * context.sampleRate * this.speed;
    if (!this.loopRange) return Math.round(this.startSample + elapsed);
    const length = this.loopRange.end - this.loopRange.start;
    return this.loopRange.start + Math.round(elapsed % length);
  }

  private tick = (): void => {
    cancelAnimationFrame(this.frame);
    const state = this.store.getState();
    if (!state.playing || !this.context) return;
    const position = this.position();
    const end = this.loopRange?.end ?? projectLength(state.project);
    if (this.loopRange) this.scheduleNextLoopPass(state.project);
    if (!this.loopRange && !this.openEnded && position >= end) {
      this.pause();
      state.set({ playhead: end });
      return;
    }
    state.set({ playhead: position });
    this.frame = requestAnimationFrame(this.tick);
  };

  private loopsScheduled = 1;

  /** Loop passes are scheduled half a pass ahead at exact context times, so the seam is sample-accurate. */
  private scheduleNextLoopPass(project: Project): void {
    const range = this.loopRange!;
    const seconds = (range.end - range.start) / (project.sampleRate * this.speed);
    if (this.context!.currentTime < this.startedAt + seconds * (this.loopsScheduled - 0.5)) return;
    this.schedule(project, range.start, range.end, this.startedAt + seconds * this.loopsScheduled, this.speed);
    this.loopsScheduled++;
  }

  private stopSources(): void {
    cancelAnimationFrame(this.frame);
    this.metronome?.stop();
    this.clock = undefined;
    for (const s of this.sources) {
      s.onended = null;
      try {
        s.stop();
      } catch {
        /* never started */
      }
      s.disconnect();
    }
    this.nodes.forEach((n) => n.disconnect());
    // A processor runs until told to stop (its tails outlive its input), so each is told.
    for (const nodes of this.effectNodes.values())
      for (const node of nodes) {
        node.port.onmessage = null;
        node.port.postMessage({ stop: true });
      }
    if (Object.keys(this.store.getState().effectReadings).length > 0) this.store.getState().set({ effectReadings: {} });
    this.effectNodes.clear();
    this.strip = undefined;
    this.faders.clear();
    this.busLanes.clear();
    this.busSendLanes.clear();
    this.busPans.clear();
    this.rides.clear();
    this.busInputs.clear();
    this.sources = [];
    this.nodes = [];
    this.trackTaps.clear();
    this.loopsScheduled = 1;
  }

  /** Drops cached buffers of assets that no longer exist. */
  forget(assetIds: Iterable<string>): void {
    for (const id of assetIds) this.buffers.delete(id);
  }
}

/** A bus's fader as a gain: 0 where the bus is muted. */
const faderGain = (bus: MasterBus & { mute?: boolean }) => (bus.mute ? 0 : dbToGain(bus.gainDb));
