/** A user's impulse response file for a convolution reverb (src/dsp/convolution.ts), as a convolution reverb's Load:
 * decoded at the project's rate as an import is, its first IMPULSE_SECONDS kept (and said), refused when silent; kept
 * as an asset of the project, saved with it as a clip's audio is. */
import { IMPULSE_SECONDS, type ImpulseSource } from '../dsp/convolution';
import { decodeFile, ImportError } from '../import/decode-file';
import { stripExtension } from '../import/import-files';
import type { Services } from './services';

/** The loaded impulse, or null (said why) where the file holds none; the project is not changed here. */
export async function loadImpulse(services: Services, file: File): Promise<ImpulseSource | null> {
  const { store, assets } = services;
  const notify = store.getState().notify;
  store.getState().set({ busy: `Loading the impulse "${file.name}"…` });
  try {
    const rate = store.getState().project.sampleRate;
    const decoded = await decodeFile(file, rate, false);
    const most = IMPULSE_SECONDS * rate;
    const channels = decoded.channels.map((c) => (c.length > most ? c.slice(0, most) : c));
    if (channels.every((c) => c.every((v) => v === 0))) {
      notify('error', `"${file.name}" is silent: it holds no impulse. The effect is unchanged.`);
      return null;
    }
    decoded.notes.forEach((n) => notify('info', n));
    const seconds = decoded.channels[0].length / rate;
    if (seconds > IMPULSE_SECONDS)
      notify('info', `"${file.name}" is ${seconds.toFixed(1)} s long: its first ${IMPULSE_SECONDS} s are the impulse.`);
    const asset = assets.add(channels, rate);
    return { assetId: asset.id, name: stripExtension(file.name), seconds: channels[0].length / rate };
  } catch (e) {
    const text = e instanceof ImportError ? e.message : `"${file.name}" could not be read: ${String(e)}`;
    notify('error', `${text} The effect is unchanged.`);
    return null;
  } finally {
    store.getState().set({ busy: null });
  }
}
