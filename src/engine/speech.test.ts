/** The Silero VAD as the engine runs it (onnxruntime-web, WASM, under Node) on speech from espeak-ng with silence
 * around it, and the spans' hysteresis and durations on closed-form probabilities. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resample } from '../dsp/resample';
import { decodeWav } from '../dsp/wav';
import { loadOrt, type OpenedSession, openSession } from './runtime';
import { SILERO_RATE, SILERO_URL, speechProbabilities, speechSpans } from './speech';

describe('speech spans', () => {
  it('start over the on threshold, last while over the off one, join short pauses and drop short blips', () => {
    const p = Float32Array.from([0, 0.6, 0.4, 0.4, 0.1, 0.1, 0.9, 0.9, 0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8, 0]);
    const spans = speechSpans(p, { on: 0.5, off: 0.35, bridge_seconds: 0.1, min_seconds: 0.1 });
    // frames 1-3 and 6-8 are 2 frames apart (64 ms <= 100 ms): one span; frame 18 alone is 32 ms, dropped.
    expect(spans.map((s) => [Math.round(s.start / 0.032), Math.round(s.end / 0.032)])).toEqual([[1, 9]]);
    expect(spans[0].confidence).toBeCloseTo(0.9, 6);
  });
});

interface Fixture {
  toy: { settings: { on: number; off: number; bridge_seconds: number; min_seconds: number }; spans: number[][] };
  seconds: number;
  probabilities: number[];
  lanes: { min_frames: number; max: number; warm: number };
  probabilities_in_lanes: number[];
}
const fixture = async () => JSON.parse(await readFile('src/engine/speech.parity.json', 'utf8')) as Fixture;

describe('speech spans, as the evaluation finds them (training/omni_model/model/speech.py)', () => {
  it('gives the same spans on the shared closed-form probabilities', async () => {
    const { toy } = await fixture();
    const p = Float32Array.from({ length: 120 }, (_, i) => 0.5 + 0.5 * Math.sin(i * 0.11) * Math.sin(i * 0.023));
    const spans = speechSpans(p, toy.settings).map((s) => [s.start, s.end, s.confidence]);
    expect(spans.length).toBe(toy.spans.length);
    spans.forEach((s, i) => s.forEach((v, k) => expect(v).toBeCloseTo(toy.spans[i][k], 5)));
  });
});

describe('Silero VAD (WASM)', () => {
  let vad: OpenedSession;
  beforeAll(async () => {
    const ort = await loadOrt('wasm', 1);
    vad = await openSession(ort, new Uint8Array(await readFile(fileURLToPath(SILERO_URL))), 'wasm');
  }, 60_000);
  afterAll(() => vad?.release());

  // training/omni_model/packing/parity.py separate_signal: two tones under a slow swell.
  const sharedSignal = (seconds: number) =>
    Float32Array.from({ length: seconds * SILERO_RATE }, (_, i) => {
      const t = i / SILERO_RATE;
      return (
        0.2 * Math.sin(2 * Math.PI * 350 * t) +
        0.05 * Math.sin(2 * Math.PI * 2000 * t) * Math.sin(2 * Math.PI * 0.3 * t)
      );
    });
  const worstDifference = (p: Float32Array, expected: number[]) => {
    expect(p.length).toBe(expected.length);
    return p.reduce((worst, v, i) => Math.max(worst, Math.abs(v - expected[i])), 0);
  };

  it("gives the evaluation's probabilities frame by frame on the shared signal (to 1e-4)", async () => {
    const f = await fixture();
    expect(worstDifference(await speechProbabilities(vad.run, sharedSignal(f.seconds)), f.probabilities)).toBeLessThan(
      1e-4,
    );
  }, 60_000);

  it('runs a long clip in lanes side by side as the evaluation does, close to frame after frame', async () => {
    const f = await fixture();
    const lanes = { minFrames: f.lanes.min_frames, max: f.lanes.max, warm: f.lanes.warm };
    const laned = await speechProbabilities(vad.run, sharedSignal(f.seconds), {}, lanes);
    expect(worstDifference(laned, f.probabilities_in_lanes)).toBeLessThan(1e-4);
    // Warmed up on the frames before their parts, the lanes hear what one pass hears.
    expect(worstDifference(laned, f.probabilities)).toBeLessThan(0.05);
  }, 60_000);

  it('finds the words of a spoken sentence between two seconds of silence, and nothing in silence', async () => {
    const wav = execFileSync('espeak-ng', ['-v', 'en-us', '--stdout', 'Omni Studio hears where someone speaks.']);
    const decoded = decodeWav(wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer);
    const speech = resample(decoded.channels[0], decoded.sampleRate, SILERO_RATE);
    const clip = new Float32Array(speech.length + 4 * SILERO_RATE);
    clip.set(speech, 2 * SILERO_RATE);
    const spans = speechSpans(await speechProbabilities(vad.run, clip));
    const spoken = speech.length / SILERO_RATE;
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0].start).toBeGreaterThan(1.8);
    expect(spans.at(-1)!.end).toBeLessThan(2 + spoken + 0.6);
    const covered = spans.reduce((n, s) => n + s.end - s.start, 0);
    expect(covered).toBeGreaterThan(0.6 * spoken);
    expect(speechSpans(await speechProbabilities(vad.run, new Float32Array(3 * SILERO_RATE)))).toEqual([]);
  }, 60_000);
});
