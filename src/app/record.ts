/** Record (R), as a DAW records: the microphone into a new track at the playhead. Where the project already has audio
 * it plays along (an overdub), and the take is moved earlier by the round trip the performer plays through: from
 * when recording began to when the playback's first sample was heard (the output's latency, as the audio context
 * reports it), plus the input's latency (as the browser reports it), so what was played in time lands in time.
 * With the metronome on it clicks along (the playhead runs on past the project's end until the take stops), after
 * a count-in of its bars where one is set: the take begins at the playhead, the count-in not kept.
 *
 * Punch in (Alt+R), as Audacity's Punch and Roll and a DAW's auto-punch: the selection on a track is recorded
 * again. Playback starts PRE_ROLL_SECONDS before it (with the metronome counting in: its count-in's bars), so the
 * performer hears the lead-in; at stop, the take's part inside the selection (from a point: all of it after the
 * point) replaces the track's audio there with 20 ms crossfades, in one undo step; the pre-roll and what was played
 * past the selection are not kept.
 *
 * Loop recording, as a DAW's: with Loop on and a selection, Record plays the selection round and round and records
 * over it until stopped; each pass becomes a take (src/project/loop-takes.ts), the last one playing. */
import { hasAudio, loopRange, selectedRange } from '../actions/targets';
import { importFiles } from '../import/import-files';
import { decodeFile, ImportError } from '../import/decode-file';
import { EDGE_FADE_SECONDS, placeAsset, trackAudio } from '../project/generated-ops';
import { punchedAudio } from '../project/punch';
import { loopPasses, placeLoopTakes, recordedTake } from '../project/loop-takes';
import { discardTake, TakeJournal, unfinishedTake } from '../persist/take-journal';
import { encodeWav } from '../dsp/wav';
import type { SampleRange } from '../project/types';
import { barLength, projectGrid } from '../project/tempo';
import type { StudioState, StudioStore } from '../store/studio-store';
import type { Services } from './services';

export const PRE_ROLL_SECONDS = 2;

interface Take {
  /** Where the recording starts on the timeline, and how far it runs ahead of that, ms. */
  from: number;
  leadMs: number;
  /** The recording began with a count-in: what it holds before `from` is left out. */
  countedIn?: boolean;
  /** Recorded over a loop of this range: cut into its passes, each a take. */
  loop?: SampleRange;
  /** Where it is punched in: the track and the range it replaces. */
  punch?: { trackId: string; range: SampleRange };
}

let take: Take | null = null;
/** The take being kept in storage as it records, so a closed tab does not lose it. */
let journal: TakeJournal | null = null;

export async function toggleRecording(services: Services): Promise<void> {
  if (services.recorder.active) return finishTake(services);
  const state = services.store.getState();
  const loop = loopRange(state);
  if (loop) return startTake(services, loop.start, undefined, loop);
  await startTake(services, state.playhead);
}

export async function punchIn(services: Services): Promise<void> {
  if (services.recorder.active) return finishTake(services);
  const state = services.store.getState();
  const trackId = state.selection?.trackIds.find((id) => state.project.tracks.some((t) => t.id === id));
  if (!state.selection || !trackId)
    return state.notify(
      'info',
      'Punch in records a part of a track again: select it on the track (or click where to start), then punch in.',
    );
  const range = selectedRange(state) ?? { start: state.selection.start, end: Number.POSITIVE_INFINITY };
  const lead = countInLength(state) || Math.round(PRE_ROLL_SECONDS * state.project.sampleRate);
  const preRoll = Math.max(0, range.start - lead);
  await startTake(services, preRoll, { trackId, range });
}

async function startTake(services: Services, from: number, punch?: Take['punch'], loop?: SampleRange): Promise<void> {
  const { store, recorder, player } = services;
  recorder.hear(store.getState().hearInput);
  try {
    await recorder.start(store.getState().inputDevice);
  } catch (e) {
    store.getState().notify('error', e instanceof Error ? e.message : String(e));
    return;
  }
  const rate = store.getState().project.sampleRate;
  const countIn = punch ? 0 : countInLength(store.getState());
  take = { from, leadMs: 0, punch };
  const kept = new TakeJournal(
    { sampleRate: recorder.sampleRate, from: from - countIn, startedAt: Date.now() },
    (message) => store.getState().notify('error', message),
  );
  recorder.onChunk = (chunk) => kept.append(chunk);
  journal = kept;
  if (loop || hasAudio(store.getState()) || clicking(store.getState())) {
    await player.playAlong(from, countIn, loop); // the take must line up with the project at its own speed
    const heard = player.audibleStart();
    const leadMs = heard === null ? countIn / (rate / 1000) : heard - recorder.startedAt + recorder.inputLatency * 1000;
    take = { from: player.startPosition(), leadMs: Math.max(0, leadMs), punch, countedIn: countIn > 0, loop };
  }
  store.getState().set({ recording: true });
}

const clicking = (s: StudioState) => s.click.on && projectGrid(s.project) !== null;

/** The metronome's count-in before a take, samples at the project's rate (0 when it is off or has no tempo). */
function countInLength(s: StudioState): number {
  const grid = projectGrid(s.project);
  return clicking(s) && grid ? Math.round(s.click.countInBars * barLength(grid, s.project.sampleRate)) : 0;
}

async function finishTake(services: Services): Promise<void> {
  const { store, recorder, player } = services;
  if (store.getState().playing) player.pause();
  const finished = take ?? { from: store.getState().playhead, leadMs: 0 };
  take = null;
  const kept = journal;
  journal = null;
  let file: File;
  try {
    file = await recorder.stop(finished.countedIn || finished.loop ? finished.leadMs / 1000 : 0);
  } catch (e) {
    store.getState().set({ recording: false });
    void kept?.discard();
    return store.getState().notify('error', e instanceof Error ? e.message : String(e));
  } finally {
    recorder.onChunk = undefined;
  }
  await place(services, file, finished);
  await kept?.discard(); // the take is in the project now (autosave keeps it from here)
}

/** The finished take on the timeline: punched in, or a new track where it began. */
async function place(services: Services, file: File, finished: Take): Promise<void> {
  const { store } = services;
  const rate = store.getState().project.sampleRate;
  // After a count-in the recorder left out the lead: the take begins where the playhead was.
  const takeStart = finished.countedIn ? finished.from : finished.from - Math.round((finished.leadMs / 1000) * rate);
  store.getState().set({ recording: false, playhead: finished.punch?.range.start ?? finished.from });
  if (finished.punch) return placePunch(services, file, takeStart, finished.punch);
  const armed = armedTrack(store.getState());
  if (finished.loop) return placeLoop(services, file, finished.loop, armed);
  if (armed) return placeArmed(services, file, takeStart, armed);
  const imported = await importFiles(services, [file], takeStart);
  if (imported && finished.countedIn) {
    const bars = store.getState().click.countInBars;
    store
      .getState()
      .notify(
        'info',
        `Counted in ${bars} bar${bars > 1 ? 's' : ''}: the take begins at the playhead, the count-in left out.`,
      );
  } else if (imported && finished.leadMs > 0)
    store
      .getState()
      .notify(
        'info',
        `Recorded along with the project; the take sits ${Math.round(finished.leadMs)} ms earlier, for the time from the speakers to the microphone.`,
      );
}

/** The punched part of the take in place of the track's audio (one undo step), or why nothing changed. */
async function placePunch(
  { store, assets }: Services,
  file: File,
  takeStart: number,
  { trackId, range }: NonNullable<Take['punch']>,
): Promise<void> {
  const { project } = store.getState();
  const rate = project.sampleRate;
  const channels = await decodedTake(store, file, 'Punch in');
  if (!channels) return;
  const now = store.getState().project;
  const track = now.tracks.find((t) => t.id === trackId);
  if (!track)
    return store.getState().notify('error', 'Punch in: the track was deleted meanwhile; the take was dropped.');
  const punch = punchedAudio(
    channels,
    takeStart,
    range,
    (r) => trackAudio(track, assets, r),
    Math.round(EDGE_FADE_SECONDS * rate),
  );
  if (!punch)
    return store
      .getState()
      .notify('info', 'Punch in: the recording stopped before the punch-in point, so the track is as it was.');
  const asset = assets.add(punch.channels, rate);
  const length = punch.range.end - punch.range.start;
  store.getState().commit('Punch in', placeAsset(now, trackId, punch.range.start, asset.id, length, 'Punch in', true));
  const cut =
    Number.isFinite(range.end) && punch.range.end < range.end ? ' (the recording stopped before its end)' : '';
  store
    .getState()
    .notify(
      'info',
      `Punched in on "${track.name}" from ${(punch.range.start / rate).toFixed(2)} s to ${(punch.range.end / rate).toFixed(2)} s${cut}; the pre-roll was not kept.`,
    );
}

/** The track a recording lands on as a take (the armed one, or the track an armed take was made from), where it is
 * still in the project. */
export function armedTrack(state: StudioState): string | undefined {
  const armed = state.project.tracks.find((t) => t.id === state.armedTrack);
  return armed?.takeOf && state.project.tracks.some((t) => t.id === armed.takeOf) ? armed.takeOf : armed?.id;
}

/** The recording as decoded at the project's rate, or null (and why, under `what`) where it cannot be read. */
async function decodedTake(store: StudioStore, file: File, what: string): Promise<Float32Array[] | null> {
  try {
    return (await decodeFile(file, store.getState().project.sampleRate, false)).channels;
  } catch (e) {
    const why = e instanceof ImportError ? e.message : String(e);
    store.getState().notify('error', `${what}: the take could not be read (${why}). Nothing changed.`);
    return null;
  }
}

/** A recording onto the armed track: its newest take, where it began, playing in place of the others (one undo
 * step), as a DAW's take folder or playlist gathers the attempts at one part. */
async function placeArmed({ store, assets }: Services, file: File, takeStart: number, trackId: string): Promise<void> {
  const channels = await decodedTake(store, file, 'Recording');
  if (!channels) return;
  const rate = store.getState().project.sampleRate;
  const before = store.getState().project;
  const project = recordedTake(before, trackId, assets.add(channels, rate).id, takeStart, channels[0].length);
  const take = project.tracks.filter((t) => t.takeOf === trackId).at(-1);
  const source = before.tracks.find((t) => t.id === trackId)?.name ?? 'the track';
  store.getState().commit(`Record ${take?.name ?? 'take'}`, project);
  store
    .getState()
    .notify(
      'info',
      `${take?.name ?? 'The take'} of "${source}" plays now (A/B for the others; Comp takes its best parts).`,
    );
}

/** A loop recording's passes as takes over the loop (one undo step), or why nothing changed. */
async function placeLoop({ store, assets }: Services, file: File, loop: SampleRange, armed?: string): Promise<void> {
  const rate = store.getState().project.sampleRate;
  const channels = await decodedTake(store, file, 'Loop recording');
  if (!channels) return;
  const passes = loopPasses(channels, loop.end - loop.start, rate);
  if (passes.length === 0)
    return store.getState().notify('info', 'Loop recording: stopped before a pass was recorded, so nothing was added.');
  const ids = passes.map((p) => assets.add(p, rate).id);
  const lengths = passes.map((p) => p[0].length);
  const takes = `${passes.length} take${passes.length > 1 ? 's' : ''}`;
  const project = placeLoopTakes(store.getState().project, ids, lengths, loop, armed);
  store.getState().commit(`Loop recording (${takes})`, project);
  const onto = armed ? project.tracks.find((t) => t.id === armed)?.name : 'Loop take 1';
  store
    .getState()
    .notify('info', `Loop recording: ${takes} of the loop on "${onto}"; the last one plays (A/B to hear the others).`);
}

/** Monitor: the meter reads the chosen input without recording (again: stops), as Audacity's monitoring does. */
export async function toggleMonitoring({ store, recorder }: Services): Promise<void> {
  if (store.getState().monitoring) {
    recorder.stopMonitoring();
    return store.getState().set({ monitoring: false });
  }
  recorder.hear(store.getState().hearInput);
  try {
    await recorder.monitor(store.getState().inputDevice);
  } catch (e) {
    return store.getState().notify('error', e instanceof Error ? e.message : String(e));
  }
  store.getState().set({ monitoring: true });
}

/** Hear the input (software playthrough) on or off, at once where it is open and for every take and monitoring after. */
export function toggleHearing({ store, recorder }: Services): void {
  const on = !store.getState().hearInput;
  store.getState().set({ hearInput: on });
  recorder.hear(on);
  if (on)
    store
      .getState()
      .notify('info', 'The input is heard on the speakers while it is open: use headphones, or it will feed back.');
}

/** Records from `deviceId` from now on ('' for the default input); an input being monitored moves to it. */
export async function chooseInput(services: Services, deviceId: string): Promise<void> {
  const { store } = services;
  store.getState().set({ inputDevice: deviceId });
  if (!store.getState().monitoring) return;
  store.getState().set({ monitoring: false });
  services.recorder.stopMonitoring();
  await toggleMonitoring(services);
}

/** A take the tab closed on before it was stopped (the journal kept it as it recorded), back as a new track where it
 * began; a punched take comes back the same way, beside the track, so nothing is replaced unasked. */
export async function recoverUnfinishedTake(services: Services): Promise<void> {
  const take = await unfinishedTake();
  if (!take) return;
  const seconds = (take.channels[0]?.length ?? 0) / take.meta.sampleRate;
  if (!(seconds > 0)) return discardTake();
  const when = new Date(take.meta.startedAt).toLocaleString();
  const wav = encodeWav(take.channels, take.meta.sampleRate, 'float32');
  const file = new File([wav], 'Recovered recording.wav', { type: 'audio/wav' });
  if (!(await importFiles(services, [file], take.meta.from))) return; // said by the import; kept for another try
  await discardTake();
  services.store
    .getState()
    .notify(
      'info',
      `A recording begun ${when} was not stopped before the page closed: its ${seconds.toFixed(1)} s were recovered as a new track.`,
    );
}
