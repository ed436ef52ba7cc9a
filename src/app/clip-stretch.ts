/** Stretching a clip by its edge (src/project/clip-stretch.ts), run in the analysis worker as an effect is. */
import { runInWorker } from '../client/effect-runner';
import { placeStretched, stretchedLength, stretchSpec } from '../project/clip-stretch';
import type { EffectRunner } from '../project/process-ops';
import { clipEnd, findClip } from '../project/types';
import type { Services } from './services';

/** The clip stretched so that its `edge` lands on timeline sample `at` (within the stretch's bounds), one undo step;
 * false where nothing changed (the same length, the clip gone, or the project changed while it ran: said). */
export async function stretchClip(
  services: Services,
  clipId: string,
  edge: 'start' | 'end',
  at: number,
  run: EffectRunner = runInWorker,
): Promise<boolean> {
  const { store, assets } = services;
  const state = store.getState();
  const clip = findClip(state.project, clipId)?.clip;
  if (!clip) return false;
  const length = stretchedLength(clip, edge, at);
  if (length === clip.length) return false;
  const factor = length / clip.length;
  const label = `Stretch clip ×${factor.toFixed(2)}`;
  state.set({ busy: `${label}…` });
  try {
    const channels = await assets.sliceGently(clip.assetId, clip.offset, clip.length);
    const range = { start: clip.start, end: clipEnd(clip) };
    const piece = { start: clip.start, length: clip.length, channels };
    const result = await run(stretchSpec(factor), [piece], range, state.project.sampleRate);
    if (store.getState().project !== state.project) {
      store.getState().notify('error', `${label} was not applied: the project changed while it ran. Try it again.`);
      return false;
    }
    const stretched = assets.add(result.channels[0], state.project.sampleRate);
    const project = placeStretched(state.project, clipId, edge, {
      assetId: stretched.id,
      length: result.channels[0][0].length,
    });
    store.getState().commit(label, project);
    return true;
  } catch (error) {
    store.getState().notify('error', `${label} failed: ${(error as Error).message}`);
    return false;
  } finally {
    store.getState().set({ busy: null });
  }
}
