/** WAV (RIFF/WAVE) encoding and decoding: 8/16/24/32-bit integer PCM, 32/64-bit float, plain or WAVE_FORMAT_EXTENSIBLE. */

export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';

export class WavError extends Error {
  override name = 'WavError';
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Where the sample data of a WAV file lies, and how to read it. */
export interface WavLayout {
  sampleRate: number;
  channelCount: number;
  bitsPerSample: number;
  isFloat: boolean;
  dataOffset: number;
  /** Whole frames present in the file (fewer than declared when the file is truncated). */
  frameCount: number;
  truncated: boolean;
}

const bytesPerFrameOf = (l: Pick<WavLayout, 'bitsPerSample' | 'channelCount'>) =>
  (l.bitsPerSample / 8) * l.channelCount;

function fourCC(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** Reads the chunk headers. `head` holds the file's first bytes (enough to reach the data chunk); `fileSize` is the whole size. */
export function parseWavLayout(head: ArrayBuffer, fileSize: number = head.byteLength): WavLayout {
  const view = new DataView(head);
  if (fileSize === 0) throw new WavError('The file is empty (0 bytes).');
  if (head.byteLength < 12 || fourCC(view, 0) !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw new WavError('Not a WAV file (no RIFF/WAVE header).');
  }
  let fmt: Omit<WavLayout, 'dataOffset' | 'frameCount' | 'truncated'> | undefined;
  let at = 12;
  while (at + 8 <= head.byteLength) {
    const id = fourCC(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (body + 16 > head.byteLength) break;
      fmt = readFmt(view, body, size);
    } else if (id === 'data') {
      if (!fmt) throw new WavError('Corrupt WAV file: the data chunk comes before the format chunk.');
      const frameBytes = bytesPerFrameOf(fmt);
      const available = Math.max(0, fileSize - body);
      const declared = size === 0xffffffff || size === 0 ? available : size;
      const present = Math.min(declared, available);
      return { ...fmt, dataOffset: body, frameCount: Math.floor(present / frameBytes), truncated: present < declared };
    }
    at = body + size + (size & 1);
  }
  throw new WavError(
    fmt ? 'Corrupt or truncated WAV file: no data chunk.' : 'Corrupt or truncated WAV file: no format chunk.',
  );
}

function readFmt(view: DataView, at: number, size: number) {
  let format = view.getUint16(at, true);
  const channelCount = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (format === FORMAT_EXTENSIBLE && size >= 40) format = view.getUint16(at + 24, true);
  const isFloat = format === FORMAT_FLOAT;
  if (format !== FORMAT_PCM && !isFloat)
    throw new WavError(`Unsupported WAV encoding (format tag ${format}); only PCM and float are read.`);
  if (channelCount < 1) throw new WavError('Corrupt WAV file: zero channels.');
  if (sampleRate < 1000 || sampleRate > 768000) throw new WavError(`Corrupt WAV file: sample rate ${sampleRate} Hz.`);
  const valid = isFloat ? [32, 64] : [8, 16, 24, 32];
  if (!valid.includes(bitsPerSample))
    throw new WavError(`Unsupported WAV sample size: ${bitsPerSample}-bit ${isFloat ? 'float' : 'integer'}.`);
  return { sampleRate, channelCount, bitsPerSample, isFloat };
}

/** Decodes `frames` frames of interleaved sample bytes into the channel arrays, starting at frame `into`. Float samples
 * that are not numbers (NaN, infinite) become silence; returns how many there were. */
function decodeFrames(layout: WavLayout, bytes: ArrayBuffer, channels: Float32Array[], into: number): number {
  const view = new DataView(bytes);
  const bytesPerSample = layout.bitsPerSample / 8;
  const frames = Math.floor(bytes.byteLength / bytesPerFrameOf(layout));
  const read = sampleReader(layout);
  let at = 0,
    nonFinite = 0;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < layout.channelCount; c++) {
      const x = read(view, at);
      if (Number.isFinite(x)) channels[c][into + f] = x;
      else nonFinite++; // the array holds 0 there already
      at += bytesPerSample;
    }
  }
  return nonFinite;
}

function sampleReader(layout: WavLayout): (view: DataView, at: number) => number {
  if (layout.isFloat) {
    return layout.bitsPerSample === 32 ? (v, at) => v.getFloat32(at, true) : (v, at) => v.getFloat64(at, true);
  }
  switch (layout.bitsPerSample) {
    case 8:
      return (v, at) => (v.getUint8(at) - 128) / 128;
    case 16:
      return (v, at) => v.getInt16(at, true) / 32768;
    case 24:
      return (v, at) => (v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) / 8388608;
    default:
      return (v, at) => v.getInt32(at, true) / 2147483648;
  }
}

export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
  truncated: boolean;
  /** Float samples that were NaN or infinite, decoded as silence. */
  nonFinite: number;
}

/** Decodes a whole WAV file held in memory. */
export function decodeWav(buffer: ArrayBuffer): DecodedAudio {
  const layout = parseWavLayout(buffer);
  const channels = Array.from({ length: layout.channelCount }, () => new Float32Array(layout.frameCount));
  const end = layout.dataOffset + layout.frameCount * bytesPerFrameOf(layout);
  const nonFinite = decodeFrames(layout, buffer.slice(layout.dataOffset, end), channels, 0);
  return { sampleRate: layout.sampleRate, channels, truncated: layout.truncated, nonFinite };
}

/** Decodes a WAV file from a Blob in slices, so an hour-long file never sits in memory twice. */
export async function decodeWavBlob(blob: Blob, onProgress?: (fraction: number) => void): Promise<DecodedAudio> {
  const head = await blob.slice(0, Math.min(blob.size, 1 << 20)).arrayBuffer();
  const layout = parseWavLayout(head, blob.size);
  const channels = Array.from({ length: layout.channelCount }, () => new Float32Array(layout.frameCount));
  const frameBytes = bytesPerFrameOf(layout);
  const framesPerSlice = Math.max(1, Math.floor((8 << 20) / frameBytes));
  let nonFinite = 0;
  for (let frame = 0; frame < layout.frameCount; frame += framesPerSlice) {
    const count = Math.min(framesPerSlice, layout.frameCount - frame);
    const start = layout.dataOffset + frame * frameBytes;
    nonFinite += decodeFrames(
      layout,
      await blob.slice(start, start + count * frameBytes).arrayBuffer(),
      channels,
      frame,
    );
    onProgress?.((frame + count) / layout.frameCount);
  }
  return { sampleRate: layout.sampleRate, channels, truncated: layout.truncated, nonFinite };
}

const BITS: Record<WavSampleFormat, number> = { pcm16: 16, pcm24: 24, float32: 32 };

/** What full scale is in steps of a fixed-point format (what a float sample is multiplied by before rounding). */
export const FULL_SCALE = { pcm16: 32768, pcm24: 8388608 } as const;

/** Encodes channels as a WAV file. More than two channels use WAVE_FORMAT_EXTENSIBLE, as the spec asks. */
export function encodeWav(channels: Float32Array[], sampleRate: number, format: WavSampleFormat): ArrayBuffer {
  const channelCount = channels.length;
  if (channelCount < 1) throw new WavError('Cannot write a WAV file without channels.');
  const frames = channels[0].length;
  const bits = BITS[format];
  const bytesPerSample = bits / 8;
  const extensible = channelCount > 2;
  const fmtSize = extensible ? 40 : format === 'float32' ? 18 : 16;
  const dataBytes = frames * channelCount * bytesPerSample;
  const headerBytes = 12 + 8 + fmtSize + 8;
  const out = new ArrayBuffer(headerBytes + dataBytes + (dataBytes & 1));
  const view = new DataView(out);
  const writeId = (at: number, id: string) => [...id].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  const tag = format === 'float32' ? FORMAT_FLOAT : FORMAT_PCM;
  writeId(0, 'RIFF');
  view.setUint32(4, out.byteLength - 8, true);
  writeId(8, 'WAVE');
  writeId(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? FORMAT_EXTENSIBLE : tag, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * bytesPerSample, true);
  view.setUint16(32, channelCount * bytesPerSample, true);
  view.setUint16(34, bits, true);
  if (fmtSize >= 18) view.setUint16(36, fmtSize - 18, true);
  if (extensible) {
    view.setUint16(38, bits, true);
    view.setUint32(40, 0, true); // no speaker positions claimed
    // KSDATAFORMAT_SUBTYPE GUID: {tag}-0000-0010-8000-00aa00389b71
    view.setUint32(44, tag, true);
    [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71].forEach((b, i) =>
      view.setUint8(48 + i, b),
    );
  }
  writeId(20 + fmtSize, 'data');
  view.setUint32(24 + fmtSize, dataBytes, true);
  writeSamples(view, headerBytes, channels, format);
  return out;
}

function writeSamples(view: DataView, start: number, channels: Float32Array[], format: WavSampleFormat) {
  const frames = channels[0].length;
  let at = start;
  for (let f = 0; f < frames; f++) {
    for (const channel of channels) {
      const x = channel[f];
      if (format === 'float32') {
        view.setFloat32(at, x, true);
        at += 4;
      } else if (format === 'pcm16') {
        view.setInt16(at, quantize(x, FULL_SCALE.pcm16), true);
        at += 2;
      } else {
        const v = quantize(x, FULL_SCALE.pcm24);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setUint8(at + 2, (v >> 16) & 0xff);
        at += 3;
      }
    }
  }
}

/** Rounds a float sample to a signed integer of the given full scale, clipping at the ends. */
export function quantize(x: number, fullScale: number): number {
  const v = Math.round(x * fullScale);
  return v >= fullScale ? fullScale - 1 : v < -fullScale ? -fullScale : v;
}
