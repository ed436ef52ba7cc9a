/** An impulse response for a convolution reverb (src/dsp/convolution.ts), as a convolution reverb's Load: a user's
 * file, decoded at the project's rate as an import is, the selected part of a track (a clap's decay recorded in a
 * room, an impulse placed on a track), or one measured with a sweep and its recording; its first IMPULSE_SECONDS kept
 * (and said), refused when silent; kept as an asset of the project, saved with it as a clip's audio is. The project
 * itself is not changed here. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { analysis, answerValue } from '../client/analysis-client';
import { toMono } from '../dsp/channels';
import { IMPULSE_SECONDS, type ImpulseSource } from '../dsp/convolution';
import { decodeFile, ImportError } from '../import/decode-file';
import { stripExtension } from '../import/import-files';
import { targetTrackAudio } from './effects';
import type { Services } from './services';

/** The loaded file's impulse, or null (said why) where it holds none. */
export async function loadImpulse(services: Services, file: File): Promise<ImpulseSource | null> {
  const { store } = services;
  store.getState().set({ busy: `Loading the impulse "${file.name}"…` });
  try {
    const rate = store.getState().project.sampleRate;
    const decoded = await decodeFile(file, rate, false);
    decoded.notes.forEach((n) => store.getState().notify('info', n));
    return keepImpulse(services, decoded.channels, `"${file.name}"`, stripExtension(file.name));
  } catch (e) {
    const text = e instanceof ImportError ? e.message : `"${file.name}" could not be read: ${String(e)}`;
    store.getState().notify('error', `${text} The effect is unchanged.`);
    return null;
  } finally {
    store.getState().set({ busy: null });
  }
}

/** The selection on its first track as an impulse, or null (said why) where none is selected or it is silent. */
export function impulseFromSelection(services: Services): ImpulseSource | null {
  const state = services.store.getState();
  const range = selectedRange(state);
  if (!range) {
    state.notify('info', 'Select the part of a track to take as the impulse (a clap and its decay, say).');
    return null;
  }
  const track = state.project.tracks.find((t) => t.id === state.selection?.trackIds[0]) ?? state.project.tracks[0];
  const [channels] = targetTrackAudio(services, range);
  const at = (range.start / state.project.sampleRate).toFixed(2);
  return keepImpulse(services, channels ?? [], 'The selection', `${track?.name ?? 'Selection'} at ${at} s`);
}

/** Each channel of a recording divided by the sweep played (src/dsp/deconvolve.ts), at most `most` samples each. */
export type Deconvolver = (recorded: Float32Array[], played: Float32Array, most: number) => Promise<Float32Array[]>;

/** In the analysis worker: a 10 s sweep takes about a second a channel. */
const deconvolveInWorker: Deconvolver = (recorded, played, most) =>
  answerValue(analysis().deconvolve(recorded, played, most));

/** The impulse measured with a sweep: the selection over two tracks, the upper one the sweep as played (a chirp from
 * Generate signal), the lower its recording in the room, from the sweep's start to after the room has died away;
 * each of the recording's channels gives one of the impulse's. Null (said why) otherwise. */
export async function impulseFromSweep(
  services: Services,
  measure: Deconvolver = deconvolveInWorker,
): Promise<ImpulseSource | null> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const ids = targetTrackIds(state);
  if (!range || ids.length !== 2) {
    state.notify(
      'info',
      'Select two tracks over the same time: the sweep as played above, its recording in the room below.',
    );
    return null;
  }
  const [sweep, recording] = targetTrackAudio(services, range);
  const played = toMono(sweep);
  if (played.every((v) => v === 0)) {
    state.notify('error', 'The upper selected track plays no sweep there. The effect is unchanged.');
    return null;
  }
  store.getState().set({ busy: 'Measuring the impulse…' });
  try {
    const measured = await measure(recording, played, IMPULSE_SECONDS * state.project.sampleRate);
    const length = Math.max(...measured.map((h) => h.length));
    const channels = measured.map((h) => {
      const even = new Float32Array(length);
      even.set(h);
      return even;
    });
    const name = state.project.tracks.filter((t) => ids.includes(t.id))[1].name;
    return keepImpulse(services, channels, 'The recording', `${name} (measured)`);
  } catch (e) {
    store.getState().notify('error', `The impulse could not be measured: ${String(e)}. The effect is unchanged.`);
    return null;
  } finally {
    store.getState().set({ busy: null });
  }
}

/** The channels (at the project's rate) as an impulse named `name`, cut to IMPULSE_SECONDS; null where silent. */
function keepImpulse(
  { store, assets }: Services,
  channels: readonly Float32Array[],
  what: string,
  name: string,
): ImpulseSource | null {
  const rate = store.getState().project.sampleRate;
  const most = IMPULSE_SECONDS * rate;
  const kept = channels.map((c) => c.slice(0, most));
  if (kept.every((c) => c.every((v) => v === 0))) {
    store.getState().notify('error', `${what} is silent: it holds no impulse. The effect is unchanged.`);
    return null;
  }
  const seconds = (channels[0]?.length ?? 0) / rate;
  if (seconds > IMPULSE_SECONDS)
    store
      .getState()
      .notify('info', `${what} is ${seconds.toFixed(1)} s long: its first ${IMPULSE_SECONDS} s are the impulse.`);
  const asset = assets.add(kept, rate);
  return { assetId: asset.id, name, seconds: kept[0].length / rate };
}
