/**
 * Track effects benchmark (not a test): how much of one core a track's realtime effects take, run as the player's
 * AudioWorklet runs them (128-frame quanta of 48 kHz stereo noise) in Node's V8, the engine of Chromium's audio
 * worklet; the median of three runs of 60 s of audio. The share is the time taken over the audio's duration: 1 %
 * means a hundred such tracks would fill a core (the audio thread has one). Pitch correction runs on a sung line
 * (a tone with harmonics and vibrato, off its notes), where it does all its work, rather than noise. The slowest
 * quantum in a thousand is said too (a 128-frame quantum at 48 kHz must be done in 2.67 ms, with the rest of the
 * graph): work done all at once every few quanta (a convolution's block) would glitch however small its share; the
 * very slowest are the first few, while V8 compiles.
 *   npx tsx bench/track-effects-bench.ts [seconds] [only the effects whose name has this]
 */
import { EffectChain, type TrackEffect } from '../src/dsp/effect-chain';
import { presetBands } from '../src/dsp/equalizer';
import { MULTIBAND_DEFAULTS } from '../src/dsp/multiband';
import { noise } from '../src/dsp/signals';

const RATE = 48000;
const QUANTUM = 128;
const seconds = Number(process.argv[2] ?? 60);
const input = [noise('white', 0.1, seconds * RATE, 1), noise('white', 0.1, seconds * RATE, 2)];

const on = { on: true };
const CHAINS: Record<string, TrackEffect[]> = {
  'Equalizer (5 bands shaped)': [{ ...on, id: 'e', kind: 'eq', bands: presetBands('Voice clarity') }],
  'Filter (high-pass 80 Hz)': [{ ...on, id: 'f', kind: 'filter', type: 'highpass', hz: 80 }],
  'Compressor (-18 dBFS 3:1)': [{ ...on, id: 'c', kind: 'compressor', thresholdDb: -18, ratio: 3, makeupDb: 3 }],
  'Echo (0.375 s, x0.4)': [{ ...on, id: 'd', kind: 'echo', delaySeconds: 0.375, decay: 0.4 }],
  'Reverb (1.5 s at -12 dB)': [{ ...on, id: 'r', kind: 'reverb', decaySeconds: 1.5, wetDb: -12 }],
  'Limiter (-24 dBFS, 50 ms)': [{ ...on, id: 'l', kind: 'limiter', ceilingDb: -24, releaseMs: 50 }],
  'Noise gate (-25 dBFS)': [{ ...on, id: 'g', kind: 'gate', thresholdDb: -25, reductionDb: -24 }],
  'Tremolo (4 Hz, 0.5)': [{ ...on, id: 't', kind: 'tremolo', rateHz: 4, depth: 0.5 }],
  'Phaser (0.5 Hz, 0.7, 0.3)': [{ ...on, id: 'p', kind: 'phaser', rateHz: 0.5, depth: 0.7, feedback: 0.3 }],
  'Chorus (0.8 Hz, 3 ms, 0.5)': [{ ...on, id: 'h', kind: 'chorus', rateHz: 0.8, depthMs: 3, mix: 0.5 }],
  'De-esser (5 kHz, -30 dBFS)': [{ ...on, id: 's', kind: 'deess', hz: 5000, thresholdDb: -30, maxReductionDb: 12 }],
  'Distortion (tube, 12 dB)': [{ ...on, id: 'x', kind: 'distortion', curve: 'tube', driveDb: 12, outputDb: -6 }],
  'Stereo width (150 %, mono < 120)': [{ ...on, id: 'w', kind: 'width', widthPct: 150, monoBelowHz: 120 }],
  'Multiband compressor (defaults)': [{ ...on, id: 'm', kind: 'multiband', ...MULTIBAND_DEFAULTS }],
  'Transient shaper (+50 %, -30 %)': [{ ...on, id: 'k', kind: 'transient', attackPct: 50, sustainPct: -30 }],
  'Flanger (0.25 Hz, 0.6, 0.5)': [{ ...on, id: 'n', kind: 'flanger', rateHz: 0.25, depth: 0.6, feedback: 0.5 }],
  'Convolution (built-in hall, 3.2 s)': [
    { ...on, id: 'v', kind: 'convolver', impulse: { builtIn: 'hall' }, wetDb: -12 },
  ],
};
CHAINS['All seventeen in a chain'] = Object.values(CHAINS).flat();
CHAINS['Convolution (a 10 s impulse)'] = [
  { ...on, id: 'v', kind: 'convolver', impulse: { assetId: 'long', name: 'long', seconds: 10 }, wetDb: -12 },
];
/** The longest impulse a convolution reverb takes: 10 s of stereo noise. */
const IMPULSES = new Map([
  ['long', { rate: RATE, channels: [noise('white', 0.1, 10 * RATE, 3), noise('white', 0.1, 10 * RATE, 4)] }],
]);
const TUNE = 'Pitch correction (C major, 20 ms)';
CHAINS[TUNE] = [{ ...on, id: 'a', kind: 'tune', tonic: 0, mode: 'major', speedMs: 20, strength: 100 }];

/** A voice-like line: eight harmonics gliding around 220 Hz with a 5.5 Hz vibrato, off the notes. */
function sungLine(length: number): Float32Array {
  let phase = 0;
  return Float32Array.from({ length }, (_, i) => {
    const t = i / RATE;
    phase += (2 * Math.PI * 220 * 2 ** ((0.4 * Math.sin(2 * Math.PI * 5.5 * t) + 0.3 * Math.sin(0.5 * t)) / 12)) / RATE;
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(h * phase) / h;
    return 0.1 * v;
  });
}
const sung = sungLine(seconds * RATE);

/** Seconds taken over the input, and the slowest quantum in a thousand, ms. */
function runOnce(effects: TrackEffect[], input: Float32Array[]): { seconds: number; worstMs: number } {
  const chain = new EffectChain(effects, RATE, 2, 0, 0, IMPULSES);
  const block = [new Float32Array(QUANTUM), new Float32Array(QUANTUM)];
  const quanta: number[] = [];
  for (let at = 0; at + QUANTUM <= input[0].length; at += QUANTUM) {
    block[0].set(input[0].subarray(at, at + QUANTUM));
    block[1].set(input[1].subarray(at, at + QUANTUM));
    const started = performance.now();
    chain.process(block);
    quanta.push(performance.now() - started);
  }
  const seconds = quanta.reduce((sum, ms) => sum + ms, 0) / 1000;
  return { seconds, worstMs: quanta.sort((a, b) => b - a)[Math.floor(quanta.length / 1000)] };
}

console.log(`Track effects over ${seconds} s of 48 kHz stereo in 128-frame quanta (median of 3):`);
const only = process.argv[3] ?? '';
for (const [name, effects] of Object.entries(CHAINS).filter(([name]) => name.includes(only))) {
  const heard = name === TUNE ? [sung, sung] : input;
  const runs = [0, 1, 2].map(() => runOnce(effects, heard)).sort((a, b) => a.seconds - b.seconds);
  const { seconds: taken, worstMs } = runs[1];
  const share = (taken / seconds) * 100;
  console.log(
    `  ${name.padEnd(34)} ${taken.toFixed(3)} s  ${share.toFixed(2)} % of a core, 1 quantum in 1000 over ${worstMs.toFixed(2)} ms`,
  );
}
