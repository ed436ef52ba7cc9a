/** Turns a user's file into channels at the project rate, or a clear reason why it cannot. */
import { analysis } from '../client/analysis-client';
import { parseWavLayout, WavError } from '../dsp/wav';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface DecodedClip {
  channels: Float32Array[];
  sampleRate: number;
  /** Said to the user after a successful import (a truncated file, a resampled one). */
  notes: string[];
}

/** Decoded audio above this many bytes is refused before decoding, instead of crashing the tab. */
export function decodedBytesLimit(): number {
  const deviceGiB = (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? 8;
  return Math.min(3 * 2 ** 30, (deviceGiB * 2 ** 30) / 2);
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

async function isWav(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const text = String.fromCharCode(...head);
  return text.startsWith('RIFF') && text.slice(8, 12) === 'WAVE';
}

/**
 * Decodes `file` at `projectRate`; with `adoptRate` (an empty project) a WAV file keeps its own rate.
 * WAV is decoded in a worker in slices (any size, 8-32 bit); other formats by the browser's decoder.
 */
export async function decodeFile(file: File, projectRate: number, adoptRate: boolean): Promise<DecodedClip> {
  const name = `"${file.name}"`;
  if (file.size === 0) throw new ImportError(`${name} is empty (0 bytes).`);
  const limit = decodedBytesLimit();
  if (await isWav(file)) {
    const layout = parseWavLayoutOrExplain(await file.slice(0, 1 << 20).arrayBuffer(), file.size, name);
    const targetRate = adoptRate ? layout.sampleRate : projectRate;
    const bytes = layout.frameCount * layout.channelCount * 4 * Math.max(1, targetRate / layout.sampleRate);
    if (bytes > limit) throw tooLarge(name, bytes, limit);
    if (layout.frameCount === 0) throw new ImportError(`${name} holds no audio samples.`);
    const answer = await analysis().decodeWav(file, targetRate);
    if (!answer.ok) throw new ImportError(`${name} could not be read: ${answer.error.message}`);
    const decoded = answer.value;
    const notes = decoded.truncated
      ? [`${name} is truncated: imported the ${(layout.frameCount / layout.sampleRate).toFixed(2)} s it holds.`]
      : [];
    if (decoded.nonFinite > 0)
      notes.push(
        `${name} held ${decoded.nonFinite} samples that were not numbers (NaN or infinite); they were imported as silence.`,
      );
    if (decoded.originalRate !== decoded.sampleRate)
      notes.push(`${name} was resampled from ${decoded.originalRate} Hz to the project's ${decoded.sampleRate} Hz.`);
    return { channels: decoded.channels, sampleRate: decoded.sampleRate, notes };
  }
  // Compressed audio expands about 10-30x when decoded to float; refuse what would not fit.
  const estimate = file.size * 24;
  if (estimate > limit) throw tooLarge(name, estimate, limit);
  return decodeWithBrowser(file, projectRate, name);
}

function parseWavLayoutOrExplain(head: ArrayBuffer, size: number, name: string) {
  try {
    return parseWavLayout(head, size);
  } catch (e) {
    throw new ImportError(`${name} cannot be read: ${e instanceof WavError ? e.message : String(e)}`);
  }
}

const tooLarge = (name: string, bytes: number, limit: number) =>
  new ImportError(
    `${name} is too large to edit in this browser: it needs about ${mib(bytes)} of memory once decoded; the limit here is ${mib(limit)}. Split it into shorter files.`,
  );

async function decodeWithBrowser(file: File, projectRate: number, name: string): Promise<DecodedClip> {
  let buffer: AudioBuffer;
  try {
    const context = new OfflineAudioContext(1, 1, projectRate);
    buffer = await context.decodeAudioData(await file.arrayBuffer());
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ImportError(
      `${name} could not be decoded: it is not audio, it is damaged, or its format is not supported by this browser (${reason}).`,
    );
  }
  if (buffer.length === 0) throw new ImportError(`${name} holds no audio samples.`);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c).slice());
  return { channels, sampleRate: projectRate, notes: [] };
}
