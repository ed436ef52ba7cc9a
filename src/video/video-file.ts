/**
 * Video files through mediabunny (MPL-2.0) over the browser's WebCodecs: what a file holds, its sound as channels at
 * the project rate, thumbnails of its picture, and the file again with a new soundtrack, its video stream copied
 * packet for packet (never re-encoded). Files are read in pieces (BlobSource), never whole in memory.
 */
import {
  ALL_FORMATS,
  AudioBufferSink,
  AudioSample,
  AudioSampleSource,
  BlobSource,
  BufferTarget,
  CanvasSink,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  type InputVideoTrack,
  Mp4OutputFormat,
  Output,
  WebMOutputFormat,
} from 'mediabunny';
import { resample } from '../dsp/resample';
import type { VideoFrames } from '../protocol/engine-protocol';

export class VideoError extends Error {
  override name = 'VideoError';
}

export interface VideoFacts {
  seconds: number;
  width: number;
  height: number;
  /** The picture's codec as mediabunny names it ('avc', 'vp9', 'av1', 'hevc'...). */
  codec: string;
  /** The sound's codec, or null for a video without sound. */
  audioCodec: string | null;
  container: 'mp4' | 'webm';
}

const CODEC_NAMES: Record<string, string> = { avc: 'H.264', hevc: 'HEVC (H.265)', vp8: 'VP8', vp9: 'VP9', av1: 'AV1' };
export const codecName = (codec: string) => CODEC_NAMES[codec] ?? codec;

/** Whether a picked or dropped file may be a video (its type says so, or it has none and its name does); one that
 * turns out to hold no picture (an audio-only WebM) goes the audio way. */
export const looksLikeVideo = (file: File) =>
  file.type ? file.type.startsWith('video/') : /\.(mp4|m4v|mov|webm|mkv)$/i.test(file.name);

/** A container with sound but no picture: imported as audio instead. */
export class NoPictureError extends VideoError {
  override name = 'NoPictureError';
}

function open(file: Blob): Input {
  return new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
}

/** What `file` holds; a clear error for a file that is not a video, or one whose picture this browser cannot decode. */
export async function probeVideo(file: File): Promise<VideoFacts> {
  const input = open(file);
  try {
    const video = await input.getPrimaryVideoTrack().catch(() => {
      throw new VideoError(`"${file.name}" is not a video file this studio can read (MP4, MOV, WebM).`);
    });
    if (!video) throw new NoPictureError(`"${file.name}" holds no picture.`);
    const codec = video.codec ?? 'unknown';
    if (!(await video.canDecode()))
      throw new VideoError(`This browser cannot decode ${codecName(codec)} video, so "${file.name}" cannot be shown.`);
    const audio = await input.getPrimaryAudioTrack();
    const mime = await input.getMimeType();
    return {
      seconds: await input.computeDuration(),
      width: video.displayWidth,
      height: video.displayHeight,
      codec,
      audioCodec: audio?.codec ?? null,
      container: mime.includes('webm') || mime.includes('matroska') ? 'webm' : 'mp4',
    };
  } finally {
    input.dispose();
  }
}

/** The video's sound at `rate`, one array per channel; null for a video without sound (or sound it cannot decode,
 * said in `problem`). */
export async function videoSound(
  file: File,
  rate: number,
): Promise<{ channels: Float32Array[] | null; problem: string | null }> {
  const input = open(file);
  try {
    const audio = await input.getPrimaryAudioTrack();
    if (!audio) return { channels: null, problem: null };
    if (!(await audio.canDecode()))
      return { channels: null, problem: `its sound (${audio.codec ?? 'unknown codec'}) cannot be decoded here` };
    const pieces: Float32Array[][] = [];
    let frames = 0;
    for await (const { buffer } of new AudioBufferSink(audio).buffers()) {
      const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c).slice());
      pieces.push(channels.map((ch) => resample(ch, buffer.sampleRate, rate)));
      frames += pieces.at(-1)![0].length;
    }
    const count = Math.max(...pieces.map((p) => p.length), 1);
    const out = Array.from({ length: count }, () => new Float32Array(frames));
    let at = 0;
    for (const piece of pieces) {
      out.forEach((ch, c) => ch.set(piece[Math.min(c, piece.length - 1)], at));
      at += piece[0].length;
    }
    return { channels: out, problem: null };
  } finally {
    input.dispose();
  }
}

/** `count` thumbnails (JPEG data URLs, `height` pixels high) spread over the video. */
export async function thumbnails(file: File, count: number, height: number): Promise<string[]> {
  const input = open(file);
  try {
    const video = (await input.getPrimaryVideoTrack()) as InputVideoTrack;
    const seconds = await input.computeDuration();
    const width = Math.max(1, Math.round((height * video.displayWidth) / video.displayHeight));
    const sink = new CanvasSink(video, { width, height, fit: 'fill' });
    const times = Array.from({ length: count }, (_, i) => ((i + 0.5) * seconds) / count);
    const out: string[] = [];
    for await (const wrapped of sink.canvasesAtTimestamps(times)) {
      const canvas = wrapped?.canvas;
      if (!canvas) out.push('');
      else if (canvas instanceof HTMLCanvasElement) out.push(canvas.toDataURL('image/jpeg', 0.7));
      else out.push(await blobUrl(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 })));
    }
    return out;
  } finally {
    input.dispose();
  }
}

/** The picture from `from` seconds on for `seconds`, as a pack's sync encoder reads it: `fps` frames a second, each
 * squeezed whole into a `size` square (as the training renders were) as RGB planes in 0..1; past the picture's end
 * its last frame holds. */
export async function pictureFrames(
  file: File,
  from: number,
  seconds: number,
  size: number,
  fps: number,
): Promise<VideoFrames> {
  const input = open(file);
  try {
    const video = await input.getPrimaryVideoTrack();
    if (!video) throw new VideoError(`"${file.name}" holds no picture.`);
    // Drawn at four times the size, then averaged 4 x 4: a canvas scaled down tenfold skips pixels (the picture
    // aliases), where training squeezed its renders by box averages.
    const drawn = size * SUPERSAMPLE;
    const sink = new CanvasSink(video, { width: drawn, height: drawn, fit: 'fill' });
    const count = Math.max(1, Math.round(seconds * fps));
    const times = Array.from({ length: count }, (_, i) => from + i / fps);
    const each = 3 * size * size;
    const pixels = new Float32Array(count * each);
    let i = 0;
    for await (const wrapped of sink.canvasesAtTimestamps(times)) {
      const context = wrapped?.canvas.getContext('2d') as CanvasRenderingContext2D | null | undefined;
      if (wrapped && !context) throw new VideoError('This browser gives no canvas to read the picture from.');
      if (context) rgbaToPlanes(context.getImageData(0, 0, drawn, drawn).data, drawn, pixels.subarray(i * each));
      else if (i > 0) pixels.copyWithin(i * each, (i - 1) * each, i * each);
      i++;
    }
    return { pixels, size, fps };
  } finally {
    input.dispose();
  }
}

const SUPERSAMPLE = 4;

/** A square canvas's RGBA bytes (`width` pixels a side) -> three planes of R, G and B in 0..1, each averaged over
 * SUPERSAMPLE x SUPERSAMPLE blocks, at the start of `out`. */
export function rgbaToPlanes(rgba: Uint8ClampedArray, width: number, out: Float32Array): void {
  const size = width / SUPERSAMPLE;
  const n = size * size;
  const scale = 1 / (255 * SUPERSAMPLE * SUPERSAMPLE);
  out.fill(0, 0, 3 * n);
  for (let y = 0; y < width; y++)
    for (let x = 0; x < width; x++) {
      const p = Math.floor(y / SUPERSAMPLE) * size + Math.floor(x / SUPERSAMPLE);
      for (let c = 0; c < 3; c++) out[c * n + p] += rgba[4 * (y * width + x) + c] * scale;
    }
}

const blobUrl = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsDataURL(blob);
  });

/** The video with `mix` (channels at `rate`) as its only sound, in its own container: the picture's packets copied,
 * the mix encoded as Opus (the sound codec this browser can encode in both MP4 and WebM). */
export async function withSoundtrack(file: File, mix: Float32Array[], rate: number): Promise<Blob> {
  const input = open(file);
  try {
    const video = await input.getPrimaryVideoTrack();
    if (!video?.codec) throw new VideoError(`"${file.name}" holds no picture to export.`);
    const mime = await input.getMimeType();
    const webm = mime.includes('webm') || mime.includes('matroska');
    const output = new Output({
      format: webm ? new WebMOutputFormat() : new Mp4OutputFormat(),
      target: new BufferTarget(),
    });
    const picture = new EncodedVideoPacketSource(video.codec);
    output.addVideoTrack(picture, { rotation: video.rotation });
    const sound = new AudioSampleSource({ codec: 'opus', bitrate: 128_000 });
    output.addAudioTrack(sound);
    await output.start();
    const config = await video.getDecoderConfig();
    let first = true;
    for await (const packet of new EncodedPacketSink(video).packets()) {
      await picture.add(packet, first && config ? { decoderConfig: config } : undefined);
      first = false;
    }
    await addMix(sound, mix, rate);
    await output.finalize();
    const buffer = output.target.buffer;
    if (!buffer) throw new VideoError('The video could not be written.');
    return new Blob([buffer], { type: webm ? 'video/webm' : 'video/mp4' });
  } finally {
    input.dispose();
  }
}

/** The mix to the encoder one second at a time (planar float, as WebCodecs takes it). */
async function addMix(sound: AudioSampleSource, mix: Float32Array[], rate: number): Promise<void> {
  const length = mix[0]?.length ?? 0;
  for (let at = 0; at < length; at += rate) {
    const frames = Math.min(rate, length - at);
    const data = new Float32Array(frames * mix.length);
    mix.forEach((ch, c) => data.set(ch.subarray(at, at + frames), c * frames));
    const sample = new AudioSample({
      data,
      format: 'f32-planar',
      numberOfChannels: mix.length,
      sampleRate: rate,
      timestamp: at / rate,
    });
    await sound.add(sample);
    sample.close();
  }
}
