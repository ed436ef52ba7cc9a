/**
 * FLAC encoding (the format of xiph.org's FLAC, RFC 9639): lossless, about half a WAV's size, read by every player,
 * DAW and archive, as Audacity and Audition export it. Blocks of 4096 samples; each channel's block is the cheapest
 * of a constant, one of FLAC's five fixed polynomial predictors or a linear predictor of order 4, 8 or 12
 * (src/dsp/flac-lpc.ts), its residual Rice-coded in 1 to 64 partitions, or the samples as they are (verbatim); a
 * stereo block is also tried as left/side, right/side and mid/side. On music about the size `flac -5` makes, and every
 * sample comes back exactly.
 * STREAMINFO carries the MD5 of the samples, so `flac -t` checks the file end to end; `comments` (NAME=value: tags,
 * chapters) go in its Vorbis comment block.
 */
import { BitWriter, crc8, crc16 } from './bit-writer';
import { lpcPredictor, lpcResidual, type QuantizedLpc } from './flac-lpc';
import { Md5 } from './md5';
import { vorbisCommentBody } from './vorbis-comment';
import { quantize } from './wav';

export type FlacDepth = 16 | 24;

const BLOCK = 4096;
const MAX_PARTITION_ORDER = 6; // 64 partitions, as flac -8 searches

export class FlacError extends Error {
  override name = 'FlacError';
}

/** Encodes channels (floats at full scale 1) as a FLAC file of `depth` bits: samples are rounded to that depth, as a
 * WAV of that depth rounds them (dither, where wanted, is added before). */
export function encodeFlac(
  channels: Float32Array[],
  sampleRate: number,
  depth: FlacDepth,
  comments: readonly string[] = [],
): Uint8Array {
  if (channels.length < 1 || channels.length > 8) throw new FlacError('FLAC stores 1 to 8 channels.');
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate >= 2 ** 20)
    throw new FlacError(`FLAC cannot store a rate of ${sampleRate} Hz.`);
  const fullScale = 2 ** (depth - 1);
  const ints = channels.map((c) => Int32Array.from(c, (x) => quantize(x, fullScale)));
  const total = ints[0].length;
  const frames = new BitWriter(Math.max(1024, (total * channels.length * depth) / 16)); // grows past half a WAV's size if need be;
  const md5 = new Md5();
  let minFrame = Infinity;
  let maxFrame = 0;
  for (let start = 0, number = 0; start < total; start += BLOCK, number++) {
    const block = ints.map((c) => c.subarray(start, Math.min(total, start + BLOCK)));
    md5.update(interleavedBytes(block, depth));
    const before = frames.byteLength;
    writeFrame(frames, block, number, depth, sampleRate);
    minFrame = Math.min(minFrame, frames.byteLength - before);
    maxFrame = Math.max(maxFrame, frames.byteLength - before);
  }
  const blockSize = Math.max(16, Math.min(BLOCK, total));
  const head = new BitWriter(128);
  head.writeBytes(new TextEncoder().encode('fLaC'));
  writeStreamInfo(head, {
    blockSize,
    minFrame: total ? minFrame : 0,
    maxFrame,
    sampleRate,
    channels: channels.length,
    depth,
    total,
    md5: md5.digest(),
  });
  writeComments(head, comments);
  const out = new Uint8Array(head.byteLength + frames.byteLength);
  out.set(head.view());
  out.set(frames.view(), head.byteLength);
  return out;
}

/** The block's samples interleaved as little-endian signed integers of the depth: what FLAC's MD5 is taken over. */
function interleavedBytes(block: Int32Array[], depth: FlacDepth): Uint8Array {
  const width = depth / 8;
  const out = new Uint8Array(block[0].length * block.length * width);
  let at = 0;
  for (let i = 0; i < block[0].length; i++)
    for (const channel of block) {
      const v = channel[i];
      for (let b = 0; b < width; b++) out[at++] = (v >> (8 * b)) & 0xff;
    }
  return out;
}

interface StreamInfo {
  blockSize: number;
  minFrame: number;
  maxFrame: number;
  sampleRate: number;
  channels: number;
  depth: number;
  total: number;
  md5: Uint8Array;
}

function writeStreamInfo(w: BitWriter, info: StreamInfo): void {
  w.write(0, 1); // not the last metadata block
  w.write(0, 7); // STREAMINFO
  w.write(34, 24);
  w.write(info.blockSize, 16);
  w.write(info.blockSize, 16);
  w.write(info.minFrame, 24);
  w.write(info.maxFrame, 24);
  w.write(info.sampleRate, 20);
  w.write(info.channels - 1, 3);
  w.write(info.depth - 1, 5);
  w.write(Math.floor(info.total / 2 ** 32), 4);
  w.write(info.total % 2 ** 32, 32);
  w.writeBytes(info.md5);
}

/** The VORBIS_COMMENT block: the encoder's name, as every FLAC encoder writes it, then the comments. */
function writeComments(w: BitWriter, comments: readonly string[]): void {
  const body = vorbisCommentBody(comments);
  w.write(1, 1); // the last metadata block
  w.write(4, 7); // VORBIS_COMMENT
  w.write(body.length, 24);
  w.writeBytes(body);
}

/** Rates a frame header can name by a code; others are left to STREAMINFO (code 0). */
const RATE_CODES: Record<number, number> = {
  88200: 1,
  176400: 2,
  192000: 3,
  8000: 4,
  16000: 5,
  22050: 6,
  24000: 7,
  32000: 8,
  44100: 9,
  48000: 10,
  96000: 11,
};

/** How the channels of a block are coded: FLAC's channel assignment, and the signals its subframes carry. */
interface Decorrelation {
  assignment: number;
  signals: SubframePlan[];
}

function writeFrame(w: BitWriter, block: Int32Array[], number: number, depth: FlacDepth, sampleRate: number): void {
  const start = w.byteLength;
  const n = block[0].length;
  const { assignment, signals } = decorrelate(block, depth);
  w.write(0xfff8, 16); // sync code, fixed block size
  const sizeCode = n === BLOCK ? 12 : n <= 256 ? 6 : 7;
  w.write(sizeCode, 4);
  w.write(RATE_CODES[sampleRate] ?? 0, 4);
  w.write(assignment, 4);
  w.write(depth === 16 ? 4 : 6, 3);
  w.write(0, 1);
  w.writeBytes(codedNumber(number));
  if (sizeCode === 6) w.write(n - 1, 8);
  if (sizeCode === 7) w.write(n - 1, 16);
  w.write(crc8(w.view(start)), 8);
  for (const plan of signals) writeSubframe(w, plan);
  w.alignToByte();
  w.write(crc16(w.view(start)), 16);
}

/** A frame number as FLAC writes it: in UTF-8's variable-length coding. */
export function codedNumber(v: number): Uint8Array {
  if (v < 0x80) return Uint8Array.of(v);
  const count = v < 0x800 ? 2 : v < 0x10000 ? 3 : v < 0x200000 ? 4 : v < 0x4000000 ? 5 : 6;
  const out = new Uint8Array(count);
  for (let i = count - 1; i > 0; i--, v = Math.floor(v / 64)) out[i] = 0x80 | (v & 0x3f);
  out[0] = ((0xff << (8 - count)) & 0xff) | v;
  return out;
}

/** The block's channels as they are, or (stereo) as whichever of left/side, right/side and mid/side costs least. */
function decorrelate(block: Int32Array[], depth: number): Decorrelation {
  const plans = block.map((c) => planSubframe(c, depth));
  if (block.length !== 2) return { assignment: block.length - 1, signals: plans };
  const [left, right] = block;
  const side = new Int32Array(left.length);
  const mid = new Int32Array(left.length);
  for (let i = 0; i < left.length; i++) {
    side[i] = left[i] - right[i];
    mid[i] = (left[i] + right[i]) >> 1;
  }
  const sidePlan = planSubframe(side, depth + 1);
  const midPlan = planSubframe(mid, depth);
  const options: Decorrelation[] = [
    { assignment: 1, signals: plans },
    { assignment: 8, signals: [plans[0], sidePlan] },
    { assignment: 9, signals: [sidePlan, plans[1]] },
    { assignment: 10, signals: [midPlan, sidePlan] },
  ];
  const cost = (d: Decorrelation) => d.signals[0].bits + d.signals[1].bits;
  return options.reduce((best, d) => (cost(d) < cost(best) ? d : best));
}

/** How one channel's block is coded, and its size in bits. `wasted`: low bits zero in every sample (a 16-bit
 * recording in a 24-bit file), shifted out of `samples` and `depth`. */
type SubframePlan = { samples: Int32Array; depth: number; wasted: number; bits: number } & (
  | { kind: 'constant' }
  | { kind: 'verbatim' }
  | { kind: 'fixed'; order: number; rice: RicePlan }
  | { kind: 'lpc'; predictor: QuantizedLpc; rice: RicePlan }
);

function planSubframe(block: Int32Array, blockDepth: number): SubframePlan {
  if (isConstant(block))
    return { kind: 'constant', samples: block, depth: blockDepth, wasted: 0, bits: 8 + blockDepth };
  const wasted = wastedBits(block);
  const samples = wasted ? block.map((v) => v >> wasted) : block;
  const depth = blockDepth - wasted;
  const header = 8 + wasted;
  let best: SubframePlan = { kind: 'verbatim', samples, depth, wasted, bits: header + samples.length * depth };
  for (let order = 0; order <= 4 && order < samples.length; order++) {
    const rice = planRice(fixedResidual(samples, order), samples.length, order);
    const bits = header + order * depth + rice.bits;
    if (bits < best.bits) best = { kind: 'fixed', samples, depth, wasted, bits, order, rice };
  }
  const predictor = lpcPredictor(samples, depth);
  const residual = predictor && lpcResidual(samples, predictor);
  if (!predictor || !residual) return best;
  const rice = planRice(residual, samples.length, predictor.order);
  const bits = header + predictor.order * (depth + predictor.precision) + 4 + 5 + rice.bits;
  return bits < best.bits ? { kind: 'lpc', samples, depth, wasted, bits, predictor, rice } : best;
}

function isConstant(samples: Int32Array): boolean {
  for (let i = 1; i < samples.length; i++) if (samples[i] !== samples[0]) return false;
  return true;
}

/** How many low bits are zero in every sample (not all zero: a constant block is coded as one). */
function wastedBits(samples: Int32Array): number {
  let bits = 0;
  for (const v of samples) bits |= v;
  let count = 0;
  while (count < 31 && !(bits & (1 << count))) count++;
  return count;
}

/** What FLAC's fixed predictor of `order` leaves over, folded to non-negative numbers (0, -1, 1, -2... -> 0, 1, 2, 3...). */
function fixedResidual(x: Int32Array, order: number): Uint32Array {
  const out = new Uint32Array(x.length - order);
  for (let i = order; i < x.length; i++) {
    let r: number;
    if (order === 0) r = x[i];
    else if (order === 1) r = x[i] - x[i - 1];
    else if (order === 2) r = x[i] - 2 * x[i - 1] + x[i - 2];
    else if (order === 3) r = x[i] - 3 * x[i - 1] + 3 * x[i - 2] - x[i - 3];
    else r = x[i] - 4 * x[i - 1] + 6 * x[i - 2] - 4 * x[i - 3] + x[i - 4];
    out[i - order] = r >= 0 ? 2 * r : -2 * r - 1;
  }
  return out;
}

interface RicePlan {
  residual: Uint32Array;
  partitionOrder: number;
  parameters: Uint8Array;
  /** 4 (parameters up to 14) or 5 (up to 30) bits a parameter. */
  parameterBits: 4 | 5;
  bits: number;
}

/** A partition's Rice code size with parameter k, from the sum of its folded residual (sum >> k stands for the sum
 * of each value >> k: libFLAC's estimate, off by less than a bit a value). */
const riceBits = (sum: number, count: number, k: number) => count * (k + 1) + Math.floor(sum * INVERSE_POWERS[k]);
const INVERSE_POWERS = Float64Array.from({ length: 31 }, (_, k) => 2 ** -k);

/** The parameter that makes riceBits least: it lies within one of log2 of the mean. */
function riceParameter(sum: number, count: number): number {
  const near = sum > count ? Math.min(30, Math.floor(Math.log2(sum / count))) : 0;
  let best = Math.max(0, near - 1);
  for (let k = best + 1; k <= Math.min(30, near + 1); k++)
    if (riceBits(sum, count, k) < riceBits(sum, count, best)) best = k;
  return best;
}

/** The number of partitions (2^order) whose parameters make the residual smallest. The first partition is shorter by
 * the predictor's warm-up samples. */
function planRice(residual: Uint32Array, blockSize: number, predictorOrder: number): RicePlan {
  let maxOrder = 0;
  while (
    maxOrder < MAX_PARTITION_ORDER &&
    blockSize % (2 << maxOrder) === 0 &&
    blockSize >> (maxOrder + 1) > predictorOrder
  )
    maxOrder++;
  let sums = new Float64Array(1 << maxOrder);
  const size = blockSize >> maxOrder;
  for (let j = 0; j < residual.length; j++) sums[Math.floor((j + predictorOrder) / size)] += residual[j];
  let best: RicePlan | undefined;
  for (let order = maxOrder; order >= 0; order--) {
    const partSize = blockSize >> order;
    const parameters = new Uint8Array(sums.length);
    let bits = 6;
    for (let p = 0; p < sums.length; p++) {
      const count = p === 0 ? partSize - predictorOrder : partSize;
      parameters[p] = riceParameter(sums[p], count);
      bits += riceBits(sums[p], count, parameters[p]);
    }
    const parameterBits = parameters.some((k) => k > 14) ? 5 : 4;
    bits += parameterBits * sums.length;
    if (!best || bits < best.bits) best = { residual, partitionOrder: order, parameters, parameterBits, bits };
    const half = sums.length >> 1;
    if (order > 0) sums = Float64Array.from({ length: half }, (_, p) => sums[2 * p] + sums[2 * p + 1]);
  }
  return best!;
}

function writeSubframe(w: BitWriter, plan: SubframePlan): void {
  const { samples, depth, wasted } = plan;
  const signed = (v: number) => (v < 0 ? v + 2 ** depth : v);
  const order = plan.kind === 'fixed' ? plan.order : plan.kind === 'lpc' ? plan.predictor.order : 0;
  const type = { constant: 0, verbatim: 1, fixed: 8 + order, lpc: 31 + order }[plan.kind];
  w.write((type << 1) | (wasted ? 1 : 0), 8);
  if (wasted) w.write(1, wasted); // wasted - 1 zeros, then a one
  if (plan.kind === 'constant') {
    w.write(signed(samples[0]), depth);
    return;
  }
  if (plan.kind === 'verbatim') {
    for (const v of samples) w.write(signed(v), depth);
    return;
  }
  for (let i = 0; i < order; i++) w.write(signed(samples[i]), depth);
  if (plan.kind === 'lpc') {
    const { precision, shift, coefficients } = plan.predictor;
    w.write(precision - 1, 4);
    w.write(shift, 5); // never negative here
    for (const c of coefficients) w.write(c < 0 ? c + 2 ** precision : c, precision);
  }
  writeRice(w, plan.rice, samples.length, order);
}

function writeRice(w: BitWriter, plan: RicePlan, blockSize: number, predictorOrder: number): void {
  w.write(plan.parameterBits === 4 ? 0 : 1, 2);
  w.write(plan.partitionOrder, 4);
  const partSize = blockSize >> plan.partitionOrder;
  let j = 0;
  plan.parameters.forEach((k, p) => {
    w.write(k, plan.parameterBits);
    const end = (p + 1) * partSize - predictorOrder;
    const low = 2 ** k;
    for (; j < end; j++) {
      const u = plan.residual[j];
      const q = Math.floor(u / low);
      if (q + 1 + k <= 24) w.write(low + (u % low), q + 1 + k);
      else {
        w.writeZeros(q);
        w.write(1, 1);
        if (k > 0) w.write(u % low, k);
      }
    }
  });
}
