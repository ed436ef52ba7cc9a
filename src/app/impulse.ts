/** An impulse response for a convolution reverb (src/dsp/convolution.ts), as a convolution reverb's Load: a user's
 * file, decoded at the project's rate as an import is, or the selected part of a track (a clap's decay recorded in
 * a room, an impulse placed on a track); its first IMPULSE_SECONDS kept (and said), refused when silent; kept as an
 * asset of the project, saved with it as a clip's audio is. The project itself is not changed here. */
import { selectedRange } from '../actions/targets';
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
