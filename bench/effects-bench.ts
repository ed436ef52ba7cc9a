/**
 * Effects benchmark (not a test): how long the effects the analysis worker runs take over one minute of a 44.1 kHz
 * stereo recording (noise with a tune in it), in Node's V8 (the worker's code, the same engine as Chromium's), each the
 * median of three runs.
 *   npx tsx bench/effects-bench.ts [seconds] [words in the effects' names, to time only those]
 */
import { compress } from '../src/dsp/compressor';
import { declick, findClicks } from '../src/dsp/declick';
import { clicks } from '../src/dsp/declick.fixture';
import { declip } from '../src/dsp/declip';
import { levelOfShare } from '../src/dsp/declip.fixture';
import { dehum } from '../src/dsp/dehum';
import { mainsHum } from '../src/dsp/dehum.fixture';
import { duck, voiceSpans } from '../src/dsp/duck';
import { equalize, presetBands } from '../src/dsp/equalizer';
import { extractCenter } from '../src/dsp/center';
import { deess } from '../src/dsp/deess';
import { correctPitch } from '../src/dsp/pitch-correct';
import { shiftFormants, shiftVoice } from '../src/dsp/psola';
import { lineNotes } from '../src/dsp/pitch-notes';
import { findBreaths } from '../src/dsp/breaths';
import { echo } from '../src/dsp/echo';
import { paulstretch } from '../src/dsp/paulstretch';
import { distort } from '../src/dsp/distortion';
import { chorus, phaser, tremolo } from '../src/dsp/modulation';
import { gate } from '../src/dsp/gate';
import { level } from '../src/dsp/leveler';
import { reverb } from '../src/dsp/reverb';
import { findPauses, removeStretches } from '../src/dsp/silence';
import { filter } from '../src/dsp/filters';
import { limit } from '../src/dsp/limiter';
import { clickTrack, noise, tone } from '../src/dsp/signals';
import { findHum } from '../src/dsp/find-hum';
import { attenuateToSurroundings, surroundingsProfile } from '../src/dsp/attenuate';
import { noiseProfile, reduceNoise } from '../src/dsp/noise-reduction';
import { stretchAndShiftChannels, stretchChannels } from '../src/dsp/time-stretch';
import { tune } from '../src/music/tune.fixture';

const RATE = 44100;
const seconds = Number(process.argv[2] ?? 60);
const only = process.argv[3];
const music = tune(100, seconds, 0, RATE);
let seed = 1;
const hiss = () => {
  seed = (seed * 16807) % 2147483647;
  return 0.01 * (seed / 2147483647 - 0.5);
};
const stereo = [music.map((v) => v + hiss()), music.map((v) => 0.8 * v + hiss())];
const profile = noiseProfile(
  stereo.map((c) => c.subarray(0, RATE)),
  RATE,
);

const around = stereo.map((c) => c.subarray(0, RATE));
/** The recording driven until `percent` % of its samples go past full scale, and cut there. */
function driven(percent: number): Float32Array[] {
  const gain = 1 / levelOfShare(stereo, percent);
  return stereo.map((c) => c.map((v) => Math.max(-1, Math.min(1, v * gain))));
}
const cutLightly = driven(0.1);
const cutHard = driven(5);
const buzz = mainsHum(stereo[0].length, RATE, { hz: 50, levelDb: -40 });
const hummed = stereo.map((c) => c.map((v, n) => v + buzz[n]));
const hum = findHum(hummed, RATE);
if (!hum) throw new Error('the benchmark hum was not found');
const pops = clicks(stereo[0].length, RATE, 2, { perSecond: 20, peak: 0.5 });
const clicked = stereo.map((c, ch) => c.map((v, n) => v + pops.channels[ch][n]));
// Ten pauses of 2 s under a -60 dBFS floor, one every 6 s.
const paused = stereo.map((c) => c.map((v, n) => (n % (6 * RATE) < 2 * RATE ? 0.1 * hiss() : v)));
const pauses = { thresholdDb: -40, pauseSeconds: 0.5 };
const effects: [string, () => unknown][] = [
  ['change pitch (+2 semitones, phase vocoder)', () => stretchAndShiftChannels(stereo, 1, 2, RATE)],
  ['change tempo (+10 %, WSOLA)', () => stretchChannels(stereo, 1 / 1.1, RATE)],
  ['match the project (tempo and key in one pass)', () => stretchAndShiftChannels(stereo, 1 / 1.1, 2, RATE)],
  ['reduce noise (12 dB)', () => reduceNoise(stereo, RATE, profile, { reductionDb: 12, sensitivityDb: 6 })],
  [
    'attenuate to surroundings (-3 dB; 1 s either side heard)',
    () => attenuateToSurroundings(stereo, RATE, surroundingsProfile([around, around], RATE), { levelDb: -3 }),
  ],
  ['de-clip (0.1 % of samples cut)', () => declip(cutLightly)],
  ['de-clip (5 % of samples cut)', () => declip(cutHard)],
  ['compress (-30 dBFS, 3:1)', () => compress(stereo, RATE, { thresholdDb: -30, ratio: 3 })],
  [
    'limit (-1 dBFS, the tune peaking 4 dB over it)',
    () =>
      limit(
        stereo.map((c) => c.map((v) => 4 * v)),
        RATE,
        { ceilingDb: -1, releaseMs: 100 },
      ),
  ],
  [
    'limit true peaks (-1 dBTP, the tune peaking 4 dB over it)',
    () =>
      limit(
        stereo.map((c) => c.map((v) => 4 * v)),
        RATE,
        { ceilingDb: -1, releaseMs: 100, truePeak: true },
      ),
  ],
  [
    'tone, pink noise, click track (a minute of each, mono)',
    () => [
      tone('sawtooth', { from: 440, to: 440 }, { from: 0.5, to: 0.5 }, RATE, stereo[0].length),
      noise('pink', 0.5, stereo[0].length),
      clickTrack(120, 4, 0.5, RATE, stereo[0].length),
    ],
  ],
  ['de-click (20 clicks a second)', () => declick(clicked, RATE, findClicks(clicked, RATE))],
  ['de-click (no clicks)', () => declick(stereo, RATE, findClicks(stereo, RATE))],
  ['find hum (on the page)', () => findHum(hummed, RATE)],
  [`de-hum (${hum.harmonics.length} harmonics)`, () => dehum(hummed, RATE, hum)],
  ['high-pass filter (80 Hz)', () => stereo.map((c) => filter(c, 'highpass', 80, RATE))],
  [
    'truncate silence (ten 2 s pauses found and shortened to 0.5 s)',
    () => {
      const cuts = findPauses(paused, RATE, pauses);
      return paused.map((c) => removeStretches(c, cuts, 441));
    },
  ],
  [
    'remove the centre (vocals, 80 Hz-20 kHz)',
    () => extractCenter(stereo, RATE, { operation: 'remove', lowHz: 80, highHz: 20000 }),
  ],
  ['change pitch with the formants kept (+2 semitones, TD-PSOLA)', () => shiftVoice(stereo, RATE, 2)],
  ['shift formants (+3 semitones)', () => shiftFormants(stereo, RATE, 3)],
  ['read the notes of a line (the Pitch editor)', () => lineNotes(stereo, RATE)],
  ['find breaths (De-breath)', () => findBreaths(stereo, RATE)],
  [
    'correct pitch (C major, 20 ms: the pitch tracked, then TD-PSOLA)',
    () => correctPitch(stereo, RATE, { tonic: 0, mode: 'major', speedMs: 20, strength: 100 }),
  ],
  ['de-ess (over 5 kHz, -30 dBFS)', () => deess(stereo, RATE, { hz: 5000, thresholdDb: -30, maxReductionDb: 12 })],
  ['noise gate (-40 dBFS, -20 dB)', () => gate(paused, RATE, { thresholdDb: -40, reductionDb: -20 })],
  ['level speech (-20 LUFS, 24 dB)', () => level(paused, RATE, { targetLufs: -20, maxGainDb: 24 })],
  ['auto duck (-12 dB under ten 4 s phrases)', () => duck(stereo, 0, voiceSpans(paused, RATE, -30), RATE, -12)],
  ['echo (0.5 s, decay 0.5)', () => echo(stereo, RATE, { delaySeconds: 0.5, decay: 0.5 })],
  [
    'paulstretch (8x: a minute becomes eight, 0.25 s frames)',
    () => paulstretch(stereo, RATE, { factor: 8, windowSeconds: 0.25 }, 8 * stereo[0].length),
  ],
  ['tremolo (4 Hz, depth 0.5)', () => tremolo(stereo, RATE, { rateHz: 4, depth: 0.5 })],
  ['phaser (0.5 Hz, depth 0.7, feedback 0.3)', () => phaser(stereo, RATE, { rateHz: 0.5, depth: 0.7, feedback: 0.3 })],
  ['chorus (0.8 Hz, 3 ms, mix 0.5)', () => chorus(stereo, RATE, { rateHz: 0.8, depthMs: 3, mix: 0.5 })],
  [
    'distortion (soft, 18 dB drive, 4x oversampled)',
    () => distort(stereo, RATE, { curve: 'soft', driveDb: 18, outputDb: -6 }),
  ],
  ['reverb (1.5 s decay, -12 dB)', () => reverb(stereo, RATE, { decaySeconds: 1.5, wetDb: -12 })],
  ['equalizer (five bands: the Voice clarity preset)', () => equalize(stereo, RATE, presetBands('Voice clarity'))],
];

console.log(`| effect over ${seconds} s of 44.1 kHz stereo | time | real-time factor |`);
console.log('|---|---|---|');
for (const [name, run] of effects.filter(([name]) => !only || name.includes(only))) {
  const times = [0, 1, 2].map(() => {
    const t = performance.now();
    run();
    return (performance.now() - t) / 1000;
  });
  const median = times.sort((a, b) => a - b)[1];
  console.log(`| ${name} | ${median.toFixed(2)} s | ${(median / seconds).toFixed(3)} |`);
}
