/**
 * Each label as its own file, as Audacity's Export Multiple split by labels: a region label's span of the mix, a point
 * label's stretch up to the next point (or the end), so chapters marked with points become one file each. They come as
 * one zip (export-zip.ts), named in time order after the labels.
 */
import type { AssetStore } from '../project/asset-store';
import { labelledStretches } from '../project/label-ops';
import { projectLength } from '../project/types';
import type { ExportSettings, StudioState } from '../store/studio-store';
import { ExportError, type ExportedFile, mixdownInBlocks } from './export-audio';
import { zipOfParts } from './export-zip';
import { numberedNames } from './export-stems';

export async function exportEachLabel(
  state: StudioState,
  assets: AssetStore,
  settings: ExportSettings,
): Promise<ExportedFile> {
  const stretches = labelledStretches(state.project, projectLength(state.project));
  if (!stretches.length)
    throw new ExportError('There is no label to export: add one with Add label (Ctrl+B), or let Analyze find sounds.');
  const names = numberedNames(
    stretches.map((s) => s.name),
    'label',
  );
  const parts = stretches.map((stretch, i) => ({
    name: names[i],
    render: () => mixdownInBlocks(state, assets, stretch),
  }));
  const what = `${stretches.length} file${stretches.length === 1 ? '' : 's'}, one per label`;
  return zipOfParts(parts, state.project.sampleRate, settings, 'omni-studio-labels.zip', what);
}
