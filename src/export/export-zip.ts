/** Several files of one export (stems, each label) encoded one after another and stored in one zip (stored, not
 * compressed: WAV and MP3 gain nothing from it). */
import { zipSync } from 'fflate';
import type { ExportSettings } from '../store/studio-store';
import { encodeFile, type ExportedFile } from './export-audio';

export interface ZipPart {
  /** The file's name without its extension. */
  name: string;
  /** Its audio at the project rate, rendered when its turn comes (one part in memory at a time). */
  render: () => Promise<Float32Array[]>;
}

/** The zip of every part; its notes end with `what` ("2 stems") and the files' names. */
export async function zipOfParts(
  parts: readonly ZipPart[],
  projectRate: number,
  settings: ExportSettings,
  fileName: string,
  what: string,
): Promise<ExportedFile> {
  const files: Record<string, Uint8Array> = {};
  let last: ExportedFile | undefined;
  for (const part of parts) {
    last = await encodeFile(await part.render(), projectRate, settings, part.name);
    files[last.fileName] = new Uint8Array(last.bytes);
  }
  if (!last) throw new Error('A zip needs at least one file.');
  const zip = zipSync(files, { level: 0 });
  return {
    bytes: zip.buffer as ArrayBuffer,
    fileName,
    mimeType: 'application/zip',
    sampleRate: last.sampleRate,
    channelCount: last.channelCount,
    notes: [...last.notes, `${what}: ${Object.keys(files).join(', ')}.`],
  };
}
