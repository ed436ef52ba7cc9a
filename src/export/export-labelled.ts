/**
 * Each label as its own file, as Audacity's Export Multiple split by labels: a region label's span of the mix, a point
 * label's stretch up to the next point (or the end), so chapters marked with points become one file each. They come as
 * one zip (stored, not compressed), named in time order after the labels.
 */
import { zipSync } from 'fflate';
import type { AssetStore } from '../project/asset-store';
import { labelledStretches } from '../project/label-ops';
import { projectLength } from '../project/types';
import type { ExportSettings, StudioState } from '../store/studio-store';
import { encodeFile, ExportError, type ExportedFile, mixdownInBlocks } from './export-audio';
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
  const files: Record<string, Uint8Array> = {};
  let last: ExportedFile | undefined;
  for (const [i, stretch] of stretches.entries()) {
    const channels = await mixdownInBlocks(state, assets, stretch);
    last = await encodeFile(channels, state.project.sampleRate, settings, names[i]);
    files[last.fileName] = new Uint8Array(last.bytes);
  }
  const zip = zipSync(files, { level: 0 });
  return {
    bytes: zip.buffer as ArrayBuffer,
    fileName: 'omni-studio-labels.zip',
    mimeType: 'application/zip',
    sampleRate: last!.sampleRate,
    channelCount: last!.channelCount,
    notes: [...last!.notes, `${stretches.length} files, one per label: ${Object.keys(files).join(', ')}.`],
  };
}
