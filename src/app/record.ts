/** Record (R), as a DAW records: the microphone into a new track at the playhead. Where the project already has audio
 * it plays along (an overdub), and the take is moved earlier by the round trip the performer plays through: from
 * when recording began to when the playback's first sample was heard (the output's latency, as the audio context
 * reports it), plus the input's latency (as the browser reports it), so what was played in time lands in time. */
import { hasAudio } from '../actions/targets';
import { importFiles } from '../import/import-files';
import type { Services } from './services';

/** The take being recorded: where it starts on the timeline, and how far its recording runs ahead of that, ms. */
let take: { from: number; leadMs: number } | null = null;

export async function toggleRecording(services: Services): Promise<void> {
  const { store, recorder, player } = services;
  if (!recorder.active) {
    try {
      await recorder.start();
    } catch (e) {
      store.getState().notify('error', e instanceof Error ? e.message : String(e));
      return;
    }
    take = { from: store.getState().playhead, leadMs: 0 };
    if (hasAudio(store.getState())) {
      await player.play(1); // the take must line up with the project at its own speed
      const heard = player.audibleStart();
      const leadMs = heard === null ? 0 : heard - recorder.startedAt + recorder.inputLatency * 1000;
      take = { from: player.startPosition(), leadMs: Math.max(0, leadMs) };
    }
    store.getState().set({ recording: true });
    return;
  }
  const file = await recorder.stop();
  if (store.getState().playing) player.pause();
  const { from, leadMs } = take ?? { from: store.getState().playhead, leadMs: 0 };
  take = null;
  store.getState().set({ recording: false, playhead: from });
  const rate = store.getState().project.sampleRate;
  const imported = await importFiles(services, [file], from - Math.round((leadMs / 1000) * rate));
  if (imported && leadMs > 0)
    store
      .getState()
      .notify(
        'info',
        `Recorded along with the project; the take sits ${Math.round(leadMs)} ms earlier, for the time from the speakers to the microphone.`,
      );
}
