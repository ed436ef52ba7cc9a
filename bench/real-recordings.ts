/** Real recordings for the benchmarks that need them: Hedgewars' music and Wesnoth's ambient beds as Debian ships
 * them (Ogg Vorbis, 44.1 kHz stereo), decoded by sox. Never training sources (training/omni_model refuses them). */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const SOURCES = ['/usr/share/games/hedgewars/Data/Music', '/usr/share/games/wesnoth/1.16/data/core/sounds/ambient'];

/** Up to `limit` of the files, music first. */
export function realRecordings(limit: number): string[] {
  return SOURCES.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ogg'))
      .map((f) => `${dir}/${f}`),
  ).slice(0, limit);
}

/** A file's channels as sox decodes them, at its own rate and channel count. */
export function decodeWithSox(path: string): { channels: Float32Array[]; rate: number } {
  const info = (flag: string) => Number(execFileSync('soxi', [flag, path]).toString());
  const [rate, count] = [info('-r'), info('-c')]; // a mono file stays mono: doubled, it would read 3 LU louder
  const raw = execFileSync('sox', [path, '-t', 'f32', '-'], { maxBuffer: 2 ** 31 });
  const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const channels = Array.from({ length: count }, (_, c) => {
    const ch = new Float32Array(all.length / count);
    for (let i = 0; i < ch.length; i++) ch[i] = all[count * i + c];
    return ch;
  });
  return { channels, rate };
}
