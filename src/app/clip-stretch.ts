/** Stretching a clip by its edge (src/project/clip-stretch.ts), run in the analysis worker as an effect is, and Fit
 * to bars, which stretches it onto the project's bars. */
import { runInWorker } from '../client/effect-runner';
import { placeStretched, stretchedLength, stretchSpec } from '../project/clip-stretch';
import type { EffectRunner } from '../project/process-ops';
import { barLength, beatLength, projectGrid } from '../project/tempo';
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
    // The stretch is a new clip: it stays selected where the clip was.
    const made = project.tracks.flatMap((t) => t.clips).find((c) => c.assetId === stretched.id);
    if (made && store.getState().selectedClipIds.includes(clipId)) store.getState().set({ selectedClipIds: [made.id] });
    return true;
  } catch (error) {
    store.getState().notify('error', `${label} failed: ${(error as Error).message}`);
    return false;
  } finally {
    store.getState().set({ busy: null });
  }
}

/** The selected clip stretched (at its pitch, from its start) to the nearest whole number of the project's bars, or
 * of its beats where it is under a bar, as Ableton's warp to the set's tempo; what was done, or why not, is said. */
export async function fitToBars(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const state = services.store.getState();
  const grid = projectGrid(state.project);
  if (!grid)
    return state.notify(
      'info',
      'Fit to bars stretches a clip onto the bars of the project’s tempo: set a tempo first.',
    );
  const clip = state.selectedClipIds.length === 1 ? findClip(state.project, state.selectedClipIds[0])?.clip : undefined;
  if (!clip) return state.notify('info', 'Fit to bars: select one clip (click its name bar).');
  const rate = state.project.sampleRate;
  const bar = barLength(grid, rate);
  const unit = clip.length >= bar * 0.75 ? bar : beatLength(grid, rate);
  const count = Math.max(1, Math.round(clip.length / unit));
  const name = unit === bar ? 'bar' : 'beat';
  const length = Math.round(count * unit);
  const fits = `${count} ${name}${count > 1 ? 's' : ''}`;
  if (Math.abs(length - clip.length) <= 1) return state.notify('info', `Fit to bars: the clip is ${fits} already.`);
  if (await stretchClip(services, clip.id, 'end', clip.start + length, run))
    services.store.getState().notify('info', `Fitted the clip to ${fits} (×${(length / clip.length).toFixed(2)}).`);
}
