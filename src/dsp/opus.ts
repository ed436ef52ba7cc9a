/**
 * Opus files (Ogg Opus, RFC 7845), as Audacity exports them: the browser's own Opus encoder (WebCodecs' AudioEncoder,
 * libopus in Chromium) makes the packets, src/dsp/ogg.ts lays them into pages after the two headers (OpusHead, and
 * OpusTags with the file's tags and chapters), and the last page's granule position trims the encoder's padding, so
 * the file decodes to exactly as many samples as went in. Opus runs at 48 kHz; one or two channels here.
 */
import { concatBytes } from './bytes';
import { type OggPacket, oggStream } from './ogg';
import { vorbisCommentBody } from './vorbis-comment';

export const OPUS_RATE = 48000;
/** libopus's look-ahead at 48 kHz: what a decoder drops from the start, where the encoder does not say. */
const DEFAULT_PRE_SKIP = 312;
const BLOCK = OPUS_RATE; // a second of audio per AudioData
/** Silence fed after the audio: the encoder holds back its look-ahead, and only more input pushes the last of the
 * sound out (the final granule position then trims the silence away). */
const TAIL = 960;
const SERIAL = 0x4f4d4e49; // "OMNI": one stream per file, so any number will do

export class OpusError extends Error {
  override name = 'OpusError';
}

/** The identification header: version 1, the channels, pre-skip, the input's rate, no gain, mapping family 0. */
function opusHead(channels: number, preSkip: number, inputRate = OPUS_RATE): Uint8Array {
  const out = new Uint8Array(19);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('OpusHead'));
  view.setUint8(8, 1);
  view.setUint8(9, channels);
  view.setUint16(10, preSkip, true);
  view.setUint32(12, inputRate, true);
  return out;
}

interface Encoded {
  packets: { data: Uint8Array; samples: number }[];
  head: Uint8Array | undefined;
}

/** Encodes channels at 48 kHz as an Ogg Opus file of about `kbps`; `comments` (NAME=value) go in OpusTags. */
export async function encodeOpus(
  channels: Float32Array[],
  kbps: number,
  comments: readonly string[] = [],
): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof AudioEncoder === 'undefined')
    throw new OpusError('This browser has no Opus encoder (WebCodecs): export FLAC or MP3 instead.');
  if (channels.length < 1 || channels.length > 2) throw new OpusError('Opus export takes one or two channels.');
  const { packets, head } = await runEncoder(channels, kbps);
  const identification = head ?? opusHead(channels.length, DEFAULT_PRE_SKIP);
  const preSkip = new DataView(identification.buffer, identification.byteOffset).getUint16(10, true);
  const all: OggPacket[] = [];
  let granule = 0; // samples decoded so far, the pre-skip among them (RFC 7845 section 4)
  for (const p of packets) {
    granule += p.samples;
    all.push({ data: p.data, granule });
  }
  // The decoder keeps samples pre-skip to end. Packets that start past the end hold only the tail's silence: left
  // out, so that only the last page ends early.
  const end = preSkip + channels[0].length;
  const audio = all.filter((_, i) => i === 0 || all[i - 1].granule < end);
  const tags = concatBytes([new TextEncoder().encode('OpusTags'), vorbisCommentBody(comments)]);
  return concatBytes(oggStream([identification, tags], audio, end, SERIAL));
}

async function runEncoder(channels: Float32Array[], kbps: number): Promise<Encoded> {
  const encoded: Encoded = { packets: [], head: undefined };
  let failure: unknown;
  const encoder = new AudioEncoder({
    output: (chunk, metadata) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      encoded.packets.push({ data, samples: Math.round(((chunk.duration ?? 20000) * OPUS_RATE) / 1e6) });
      const description = metadata?.decoderConfig?.description;
      if (description)
        encoded.head = ArrayBuffer.isView(description)
          ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
          : new Uint8Array(description);
    },
    error: (e) => {
      failure = e;
    },
  });
  const config = { codec: 'opus', sampleRate: OPUS_RATE, numberOfChannels: channels.length, bitrate: kbps * 1000 };
  if (!(await AudioEncoder.isConfigSupported(config)).supported)
    throw new OpusError(`This browser cannot encode Opus at ${kbps} kbit/s with ${channels.length} channels.`);
  encoder.configure(config);
  const frames = channels[0].length + TAIL;
  for (let at = 0; at < frames && !failure; at += BLOCK) {
    const n = Math.min(BLOCK, frames - at);
    const data = new Float32Array(n * channels.length); // zeros past the end: the tail
    channels.forEach((c, i) => data.set(c.subarray(at, at + n), i * n));
    const timestamp = Math.round((at * 1e6) / OPUS_RATE);
    const audio = new AudioData({
      format: 'f32-planar',
      sampleRate: OPUS_RATE,
      numberOfFrames: n,
      numberOfChannels: channels.length,
      timestamp,
      data,
    });
    encoder.encode(audio);
    audio.close();
    // Hold back while the encoder has work queued, so an hour never sits in memory twice.
    while (encoder.encodeQueueSize > 2) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await encoder.flush();
  encoder.close();
  if (failure) throw new OpusError(`The Opus encoder failed: ${failure instanceof Error ? failure.message : failure}`);
  return encoded;
}
