/** Exports the project's video with the studio's mix as its soundtrack: the picture copied, not re-encoded. */
import type { Services } from '../app/services';
import { resample } from '../dsp/resample';
import { download, mixdownInBlocks } from '../export/export-audio';
import { withSoundtrack } from './video-file';
import { videoFile } from './video-store';

/** Opus runs at these rates; a mix at another (44.1 kHz) is resampled to 48 kHz for it. */
const OPUS_RATES = [8000, 12000, 16000, 24000, 48000];

export async function exportVideoNow({ store, assets }: Services): Promise<void> {
  const state = store.getState();
  const video = state.project.video;
  if (!video) return state.notify('error', 'Import a video first: there is no picture to export.');
  const file = await videoFile(video.id);
  if (!file)
    return state.notify('error', `The file of "${video.name}" is not in this browser any more: import it again.`);
  state.set({ busy: 'Exporting the video…' });
  try {
    const rate = state.project.sampleRate;
    const mix = await mixdownInBlocks(state, assets, { start: 0, end: Math.round(video.seconds * rate) });
    const opusRate = OPUS_RATES.includes(rate) ? rate : 48000;
    const sound = opusRate === rate ? mix : mix.map((ch) => resample(ch, rate, opusRate));
    const blob = await withSoundtrack(file, sound, opusRate);
    const fileName = `omni-studio-${video.name.replace(/\.[^.]+$/, '')}.${video.container}`;
    download({
      bytes: await blob.arrayBuffer(),
      fileName,
      mimeType: blob.type,
    });
    state.notify('info', `Exported ${fileName}: the picture as it was, the mix as its sound (Opus, ${opusRate} Hz).`);
    state.set({ panel: 'none' });
  } catch (e) {
    state.notify('error', `The video export failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    store.getState().set({ busy: null });
  }
}
