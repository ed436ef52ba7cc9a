/** Reads exported files back with sox and ffprobe, independent of our own encoder. */
import { execFileSync } from 'node:child_process';

export interface FileInfo {
  rate: number;
  channels: number;
  seconds: number;
  bits: number;
  encoding: string;
}

export function soxInfo(path: string): FileInfo {
  const field = (flag: string) => execFileSync('soxi', [flag, path]).toString().trim();
  return {
    rate: Number(field('-r')),
    channels: Number(field('-c')),
    seconds: Number(field('-D')),
    bits: Number(field('-b')),
    encoding: field('-e'),
  };
}

/** The file's samples as raw signed 16-bit little-endian bytes, as sox decodes them. */
export function soxRaw16(path: string): Buffer {
  return execFileSync('sox', ['-D', path, '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-L', '-'], {
    maxBuffer: 1 << 30, // minutes of audio, not the default megabyte
  });
}

/** A file's samples, interleaved, as floats after sox's own `effects` (ours checked against sox's). */
export function soxFloat(path: string, effects: string[]): Float32Array {
  const raw = execFileSync('sox', ['-D', path, '-t', 'f32', '-', ...effects], { maxBuffer: 1 << 30 });
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** The first channel's frequency over `seconds` from `from` (s), from its rising zero crossings placed between
 * samples (sox decodes it; nothing of the studio's pitch tracker), Hz; after any further sox `effects` (a low-pass,
 * so a tone's overtones cross no more than its fundamental). */
export function crossingHz(path: string, from: number, seconds: number, effects: string[] = []): number {
  const x = soxFloat(path, ['remix', '1', 'trim', String(from), String(seconds), ...effects]);
  const rises: number[] = [];
  for (let i = 1; i < x.length; i++) if (x[i - 1] < 0 && x[i] >= 0) rises.push(i - 1 + x[i - 1] / (x[i - 1] - x[i]));
  return ((rises.length - 1) * soxInfo(path).rate) / (rises[rises.length - 1] - rises[0]);
}

/** A float file's samples, interleaved, as ffmpeg decodes them: sox would cut what lies past full scale. */
export function ffmpegFloat(path: string): Float32Array {
  const raw = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', path, '-f', 'f32le', '-acodec', 'pcm_f32le', '-'], {
    maxBuffer: 1 << 30,
  });
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** sox's stat of a file, or of a part of it, after any further sox effects (a band-pass: `sinc 3000-8000`). */
export function soxStat(path: string, part?: { start: number; seconds: number }, effects = ''): Record<string, number> {
  const trim = part ? `trim ${part.start} ${part.seconds}` : '';
  const text = execFileSync('bash', ['-c', `sox "${path}" -n ${trim} ${effects} stat 2>&1`]).toString();
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => {
        const [k, v] = l.split(':');
        return [k.trim(), Number(v.trim())];
      }),
  );
}

/** ffmpeg's EBU R128 summary of a file (its ebur128 filter with true peaks): LUFS, LU, dBFS. */
export function ffmpegR128(path: string): { integrated: number; range: number; truePeak: number } {
  const text = execFileSync('bash', [
    '-c',
    `ffmpeg -nostats -hide_banner -i "${path}" -af ebur128=peak=true -f null - 2>&1`,
  ]).toString();
  const summary = text.slice(text.lastIndexOf('Summary:'));
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(-?[\\d.]+)`).exec(summary)?.[1]);
  return { integrated: field('I'), range: field('LRA'), truePeak: field('Peak') };
}

export function ffprobe(path: string): { codec: string; rate: number; channels: number; seconds: number } {
  const json = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]).toString(),
  );
  const s = json.streams[0];
  return {
    codec: s.codec_name,
    rate: Number(s.sample_rate),
    channels: s.channels,
    seconds: Number(json.format.duration),
  };
}

/** Every stream of a media file as ffprobe reads it: codec, kind, frames (video) and duration. */
export function ffprobeStreams(path: string): { codec: string; kind: string; frames: number; seconds: number }[] {
  const json = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-show_streams', '-of', 'json', path]).toString(),
  );
  return json.streams.map((s: Record<string, string>) => ({
    codec: s.codec_name,
    kind: s.codec_type,
    frames: Number(s.nb_read_packets),
    seconds: Number(s.duration),
  }));
}

/** A file's tags (names lower-cased) and chapters, as ffprobe reads them (ID3v2, Vorbis comments, RIFF INFO; an Ogg
 * file's are its stream's). */
export function ffprobeMetadata(path: string): {
  tags: Record<string, string>;
  chapters: { title: string; start: number; end: number }[];
  seconds: number;
} {
  const json = JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_format',
      '-show_streams',
      '-show_chapters',
      '-of',
      'json',
      path,
    ]).toString(),
  );
  const all = { ...json.streams[0]?.tags, ...json.format.tags };
  const tags = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const chapters = json.chapters.map((c: { start_time: string; end_time: string; tags: { title: string } }) => ({
    title: c.tags.title,
    start: Number(c.start_time),
    end: Number(c.end_time),
  }));
  return { tags, chapters, seconds: Number(json.format.duration) };
}

/** How much louder `path` is than `reference` over `seconds` from `start`, in dB (the RMS sox's stat reads). */
export function levelChangeDb(path: string, reference: string, start: number, seconds: number): number {
  const rms = (file: string) => soxStat(file, { start, seconds })['RMS     amplitude'];
  return 20 * Math.log10(rms(path) / rms(reference));
}
