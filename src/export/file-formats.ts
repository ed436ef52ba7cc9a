/** The file formats Export writes: one table for their names, extensions and depths, one routine that encodes them
 * (run in the analysis worker). */
import { encodeFlac } from '../dsp/flac';
import { encodeMp3 } from '../dsp/mp3';
import { encodeOpus } from '../dsp/opus';
import { encodeWav } from '../dsp/wav';
import { appendRiffChunk, type FileMetadata, id3Tag, vorbisComments, wavInfoChunk, withPrefix } from './tags';

export type ExportFormat = 'pcm16' | 'pcm24' | 'float32' | 'flac16' | 'flac24' | 'mp3' | 'opus';

export interface FileFormat {
  label: string;
  extension: 'wav' | 'flac' | 'mp3' | 'opus';
  /** Lossy: encoded at a bit rate. */
  lossy?: boolean;
  mimeType: string;
  /** Bits of a fixed-point format: samples are rounded to them (dither applies) and cut flat past full scale. */
  depth?: 16 | 24;
}

export const FILE_FORMATS: Record<ExportFormat, FileFormat> = {
  pcm16: { label: 'WAV, 16-bit', extension: 'wav', mimeType: 'audio/wav', depth: 16 },
  pcm24: { label: 'WAV, 24-bit', extension: 'wav', mimeType: 'audio/wav', depth: 24 },
  float32: { label: 'WAV, 32-bit float', extension: 'wav', mimeType: 'audio/wav' },
  flac16: {
    label: 'FLAC, 16-bit (lossless, about half the size)',
    extension: 'flac',
    mimeType: 'audio/flac',
    depth: 16,
  },
  flac24: { label: 'FLAC, 24-bit (lossless)', extension: 'flac', mimeType: 'audio/flac', depth: 24 },
  mp3: { label: 'MP3', extension: 'mp3', mimeType: 'audio/mpeg', lossy: true },
  opus: { label: 'Opus (Ogg, 48 kHz)', extension: 'opus', mimeType: 'audio/ogg', lossy: true },
};

/** Steps of full scale in a fixed-point format: what dither's step is. */
export const fullScaleOf = (format: ExportFormat) => {
  const { depth } = FILE_FORMATS[format];
  return depth ? 2 ** (depth - 1) : undefined;
};

/** The bytes' own buffer where they fill it (no copy), else a copy of them. */
const bufferOf = (bytes: Uint8Array) =>
  (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer
    : bytes.slice().buffer) as ArrayBuffer;

const NO_METADATA: FileMetadata = { tags: {}, chapters: [] };

/** Channels at `rate` as the bytes of a file of the format, its tags and chapters where the format has a place (Opus:
 * `rate` must be 48 kHz, and it needs the browser's encoder). */
export async function encodeAs(
  channels: Float32Array[],
  rate: number,
  format: ExportFormat,
  kbps: number,
  metadata: FileMetadata = NO_METADATA,
): Promise<ArrayBuffer> {
  if (format === 'opus') return bufferOf(await encodeOpus(channels, kbps, vorbisComments(metadata)));
  if (format === 'mp3') return bufferOf(withPrefix(id3Tag(metadata), encodeMp3(channels, rate, kbps)));
  if (format === 'flac16' || format === 'flac24')
    return bufferOf(encodeFlac(channels, rate, FILE_FORMATS[format].depth!, vorbisComments(metadata)));
  const wav = encodeWav(channels, rate, format);
  const info = wavInfoChunk(metadata.tags);
  return info ? appendRiffChunk(wav, info) : wav;
}
