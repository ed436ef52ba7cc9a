/**
 * Pitch correction as it plays, on real voices (not a test): the insert's line run over a recording in 128-frame
 * blocks, against Correct pitch over the whole, and the intonation before and after (the median distance of voiced
 * frames from the nearest semitone).
 * The Voice range is the second argument (the lowest note listened for: 60, the default, or 100 Hz).
 *   npx tsx bench/tune-real.ts e2e/.assets/real-voices.wav [lowestHz]
 */
import { readFileSync } from 'node:fs';
import { toMono } from '../src/dsp/channels';
import { correctPitch, intonation, type PitchCorrection } from '../src/dsp/pitch-correct';
import { PitchCorrectLine } from '../src/dsp/pitch-line';
import { trackPitch } from '../src/dsp/pitch-track';
import { decodeWav } from '../src/dsp/wav';

const path = process.argv[2] ?? 'e2e/.assets/real-voices.wav';
const bytes = readFileSync(path);
const { channels, sampleRate: rate } = decodeWav(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
const lowestHz = process.argv[3] ? Number(process.argv[3]) : undefined;
const settings: PitchCorrection = { tonic: null, mode: 'major', speedMs: 0, strength: 100, lowestHz };

const line = new PitchCorrectLine(rate, channels.length, settings);
const padded = channels.map((ch) => {
  const out = new Float32Array(ch.length + line.latency);
  out.set(ch);
  return out;
});
const started = performance.now();
for (let at = 0; at < padded[0].length; at += 128) line.run(padded.map((ch) => ch.subarray(at, at + 128)));
const seconds = (performance.now() - started) / 1000;
const live = padded.map((ch) => ch.subarray(line.latency));
const whole = correctPitch(channels, rate, settings);

const end = channels[0].length - Math.round(0.1 * rate);
let most = 0;
for (let c = 0; c < channels.length; c++)
  for (let i = 0; i < end; i++) most = Math.max(most, Math.abs(live[c][i] - whole[c][i]));
const off = (x: Float32Array[]) => intonation(trackPitch(toMono(x), rate), settings)?.medianCents.toFixed(1);
console.log(`${path}: ${(channels[0].length / rate).toFixed(1)} s at ${rate} Hz, ${channels.length} channel(s)`);
console.log(`  listening from ${lowestHz ?? 60} Hz: ${Math.round((1000 * line.latency) / rate)} ms late`);
console.log(
  `  the line against Correct pitch over the whole: most apart ${most.toExponential(1)} (to 0.1 s from the end)`,
);
console.log(`  off the nearest semitone (median cents): as recorded ${off(channels)}, the line ${off(live)}`);
console.log(
  `  starved samples: ${line.starved}; ${((100 * seconds * rate) / channels[0].length).toFixed(1)} % of real time`,
);
