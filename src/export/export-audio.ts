/** Renders the mix, a track or the selection to a WAV, FLAC or MP3 file (the stems: export-stems.ts). */
import * as Comlink from 'comlink';
import { analysis, answerValue } from '../client/analysis-client';
import { gainToDb, peakOf, samplesOverFullScale } from '../dsp/gain';
import { nearestMp3Rate } from '../dsp/mp3';
import { OPUS_RATE } from '../dsp/opus';
import type { AssetStore } from '../project/asset-store';
import { mixdown, TrackChains } from '../project/mixdown';
import { labelledStretches } from '../project/label-ops';
import { FILE_FORMATS } from './file-formats';
import { exportTail, heardEnd } from './ring-out';
import { DELIVERY_CEILING_DBTP, DELIVERY_LUFS, type Delivery } from './deliver';
import type { FileMetadata } from './tags';
import { projectLength, type SampleRange } from '../project/types';
import type { ExportSettings, StudioState } from '../store/studio-store';

export interface ExportedFile {
  bytes: ArrayBuffer;
  fileName: string;
  mimeType: string;
  sampleRate: number;
  channelCount: number;
  notes: string[];
}

export class ExportError extends Error {
  override name = 'ExportError';
}

/** Which tracks and which range the export covers. */
function scopeOf(state: StudioState, settings: ExportSettings) {
  const { project, selection } = state;
  if (settings.scope === 'selection') {
    if (!selection || selection.end <= selection.start)
      throw new ExportError('Select a range first to export the selection.');
    return { range: { start: selection.start, end: selection.end }, trackIds: selection.trackIds, label: 'selection' };
  }
  if (settings.scope === 'track') {
    const id = selection?.trackIds[0] ?? project.tracks[0]?.id;
    const track = project.tracks.find((t) => t.id === id);
    if (!track) throw new ExportError('There is no track to export.');
    // A track exports from the project's start to its own last sample, so it lines up with the mix.
    const range = { start: 0, end: projectLength({ ...project, tracks: [track] }) };
    return { range, trackIds: [track.id], label: track.name.replace(/[^\w-]+/g, '-').toLowerCase() };
  }
  return { range: { start: 0, end: projectLength(project) }, trackIds: undefined, label: 'mix' };
}

export async function exportAudio(
  state: StudioState,
  assets: AssetStore,
  settings: ExportSettings,
): Promise<ExportedFile> {
  const { range, trackIds, label } = scopeOf(state, settings);
  if (range.end <= range.start) throw new ExportError('There is no audio to export.');
  const { min, max } = DELIVERY_LUFS;
  if (settings.normalize && !(settings.normalizeLufs >= min && settings.normalizeLufs <= max))
    throw new ExportError(`Normalize to a loudness from ${min} to ${max} LUFS.`);
  // The mix or a track rings out past its end (a selection is what was selected), to where the sound has died away.
  const tail = settings.ringOut && settings.scope !== 'selection' ? exportTail(state.project, trackIds) : 0;
  const rendered = await mixdownInBlocks(state, assets, { ...range, end: range.end + tail }, trackIds);
  const length = heardEnd(rendered, range.end - range.start);
  const channels = length < rendered[0].length ? rendered.map((c) => c.slice(0, length)) : rendered;
  const metadata = fileMetadata(state, settings, range);
  const delivery = settings.normalize ? { lufs: settings.normalizeLufs, ceilingDb: DELIVERY_CEILING_DBTP } : undefined;
  const name = `omni-studio-${label}`;
  const file = await encodeFile(channels, state.project.sampleRate, settings, name, metadata, delivery);
  const rang = (length - (range.end - range.start)) / state.project.sampleRate;
  if (rang > 0) file.notes.push(`The effects rang out ${rang.toFixed(2)} s past the end (Ring out).`);
  if (settings.chapters && !metadata.chapters.length) file.notes.push('There are no labels here to make chapters of.');
  else if (settings.chapters && FILE_FORMATS[settings.format].extension === 'wav')
    file.notes.push('A WAV file has no place players read chapters from: export FLAC, MP3 or Opus to keep them.');
  return file;
}

/** The project's tags, and the labels written by hand (not what Analyze or Find similar found) as chapters where asked (their times from the exported range's start, cut to
 * it; chapters outside it left out). */
function fileMetadata(state: StudioState, settings: ExportSettings, range: SampleRange): FileMetadata {
  const { project } = state;
  if (!settings.chapters) return { tags: project.tags ?? {}, chapters: [] };
  const seconds = (at: number) => (Math.min(range.end, Math.max(range.start, at)) - range.start) / project.sampleRate;
  const chapters = labelledStretches(project, projectLength(project), (label) => label.written === true)
    .map((s) => ({ title: s.name, start: seconds(s.start), end: seconds(s.end) }))
    .filter((c) => c.end > c.start);
  return { tags: project.tags ?? {}, chapters };
}

/** The rate a file is written at, and a note where the format cannot store the one asked for. */
function fileRate(settings: ExportSettings, projectRate: number): { rate: number; notes: string[] } {
  const rate = settings.sampleRate || projectRate;
  if (settings.format === 'opus') {
    const asked = settings.sampleRate && settings.sampleRate !== OPUS_RATE;
    return { rate: OPUS_RATE, notes: asked ? [`Opus runs at 48 kHz only; exported at 48000 Hz.`] : [] };
  }
  if (settings.format !== 'mp3' || nearestMp3Rate(rate) === rate) return { rate, notes: [] };
  return {
    rate: nearestMp3Rate(rate),
    notes: [`MP3 cannot store ${rate} Hz; exported at ${nearestMp3Rate(rate)} Hz.`],
  };
}

/** A note where the file's format will cut samples past full scale flat (a loud mix, peaks De-clip restored). */
function clippingNote(channels: Float32Array[], settings: ExportSettings): string[] {
  if (settings.format === 'float32') return [];
  const over = samplesOverFullScale(channels);
  if (over === 0) return [];
  const { depth } = FILE_FORMATS[settings.format];
  const format = depth ? `the ${depth}-bit file` : 'the MP3';
  return [
    `The audio goes past full scale (peak +${gainToDb(peakOf(channels)).toFixed(1)} dBFS): ${over} samples were ` +
      `cut flat in ${format}. Lower the gain or normalize the peak, or export as 32-bit float, to keep them.`,
  ];
}

/** Channels at the project rate -> a WAV, FLAC or MP3 file (encoded in the analysis worker). */
export async function encodeFile(
  channels: Float32Array[],
  projectRate: number,
  settings: ExportSettings,
  baseName: string,
  metadata?: FileMetadata,
  delivery?: Delivery,
): Promise<ExportedFile> {
  const { rate, notes } = fileRate(settings, projectRate);
  if (!delivery) notes.push(...clippingNote(channels, settings)); // a delivery's limiter holds the peaks
  const channelCount = channels.length;
  const transferred = Comlink.transfer(
    channels,
    channels.map((c) => c.buffer as ArrayBuffer),
  );
  const encoded = await answerValue(
    analysis().encode(
      transferred,
      projectRate,
      rate,
      settings.format,
      settings.kbps,
      settings.dither ? { seed: seedOf(baseName) } : null,
      metadata ?? null,
      delivery ?? null,
    ),
  );
  notes.unshift(...encoded.notes);
  const { extension, mimeType } = FILE_FORMATS[settings.format];
  return {
    bytes: encoded.bytes,
    fileName: `${baseName}.${extension}`,
    mimeType,
    sampleRate: rate,
    channelCount,
    notes,
  };
}

/** A dither seed from a file's name: each file of a zip (stems, labels) gets noise of its own, so summed stems' noise
 * adds as independent noise does (3 dB a doubling), not 6; the same file gets the same bytes every time. */
function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Mixes block by block, yielding between blocks, so a long export never freezes the page. */
export async function mixdownInBlocks(
  state: StudioState,
  assets: AssetStore,
  range: SampleRange,
  trackIds?: readonly string[],
  stereo?: boolean,
  through?: string,
): Promise<Float32Array[]> {
  const BLOCK = 1 << 20;
  const chains = new TrackChains(assets); // the tracks' effects run on across the blocks
  let out: Float32Array[] | undefined;
  for (let start = range.start; start < range.end; start += BLOCK) {
    const block = mixdown(state.project, assets, {
      range: { start, end: Math.min(range.end, start + BLOCK) },
      trackIds,
      stereo,
      through,
      chains,
    });
    out ??= block.map(() => new Float32Array(range.end - range.start));
    block.forEach((ch, c) => out![c].set(ch, start - range.start));
    await new Promise((resolve) => setTimeout(resolve));
  }
  return out ?? [];
}

/** Hands the file to the browser's download manager. */
export function download(file: Pick<ExportedFile, 'bytes' | 'fileName' | 'mimeType'>): void {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
