/**
 * Test and utility signals, as Audacity's Generate menu makes them: tones, noise, chirps, telephone digits and a click
 * track. Each is `count` samples at `rate`, its peak `amplitude` (linear, full scale 1).
 */
import { seededRandom } from './dither';

export type Waveform = 'sine' | 'square' | 'sawtooth';
export type NoiseColour = 'white' | 'pink' | 'brown';

/** A waveform at phase `p` (cycles) advancing `dt` cycles a sample, from -1 to 1; the sine starts at 0 rising. The
 * square's and sawtooth's jumps are smoothed by polyBLEP (Välimäki 2007), so their harmonics past the Nyquist
 * frequency do not fold back as inharmonic whistles. */
function cycle(kind: Waveform, p: number, dt: number): number {
  const f = p - Math.floor(p);
  if (kind === 'sine') return Math.sin(2 * Math.PI * f);
  const half = (f + 0.5) % 1;
  if (kind === 'square') return (f < 0.5 ? 1 : -1) + blep(f, dt) - blep(half, dt);
  return 2 * half - 1 - blep(half, dt); // sawtooth: rising from 0, jumping from 1 to -1 half way through
}

/** polyBLEP's correction near a jump of 2 at phase 0, at phase `f` with the phase advancing `dt` a sample. */
function blep(f: number, dt: number): number {
  if (f < dt) {
    const t = f / dt;
    return 2 * t - t * t - 1;
  }
  if (f > 1 - dt) {
    const t = (f - 1) / dt;
    return t * t + 2 * t + 1;
  }
  return 0;
}

/** A tone whose frequency glides from `fromHz` to `toHz` (equal: a steady tone), exponentially, as a chirp sweeps
 * octaves at an even pace; the amplitude from `fromAmplitude` to `toAmplitude` the same way (linearly). */
export function tone(
  kind: Waveform,
  hz: { from: number; to: number },
  amplitude: { from: number; to: number },
  rate: number,
  count: number,
): Float32Array {
  const out = new Float32Array(count);
  const ratio = hz.to / hz.from;
  let phase = 0;
  for (let i = 0; i < count; i++) {
    const t = count > 1 ? i / (count - 1) : 0;
    const a = amplitude.from + (amplitude.to - amplitude.from) * t;
    const dt = (ratio === 1 ? hz.from : hz.from * ratio ** t) / rate;
    out[i] = a * cycle(kind, phase, dt);
    phase += dt;
  }
  return out;
}

/** Noise of a colour: white (flat), pink (-3 dB per octave: Paul Kellet's filter), brown (-6 dB per octave: leaky
 * integrated white), scaled so its peak is `amplitude`. Seeded: the same settings give the same noise. */
export function noise(colour: NoiseColour, amplitude: number, count: number, seed = 1): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(count);
  const b = [0, 0, 0, 0, 0, 0, 0];
  let brown = 0;
  for (let i = 0; i < count; i++) {
    const w = 2 * random() - 1;
    if (colour === 'white') out[i] = w;
    else if (colour === 'brown') {
      brown = 0.998 * brown + 0.02 * w;
      out[i] = brown;
    } else {
      b[0] = 0.99886 * b[0] + w * 0.0555179;
      b[1] = 0.99332 * b[1] + w * 0.0750759;
      b[2] = 0.969 * b[2] + w * 0.153852;
      b[3] = 0.8665 * b[3] + w * 0.3104856;
      b[4] = 0.55 * b[4] + w * 0.5329522;
      b[5] = -0.7616 * b[5] - w * 0.016898;
      out[i] = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362;
      b[6] = w * 0.115926;
    }
  }
  let peak = 0;
  for (let i = 0; i < count; i++) peak = Math.max(peak, Math.abs(out[i]));
  if (peak > 0) for (let i = 0; i < count; i++) out[i] *= amplitude / peak;
  return out;
}

/** The two frequencies of each telephone key (ITU-T Q.23). */
const DTMF: Record<string, [number, number]> = {};
['123A', '456B', '789C', '*0#D'].forEach((row, r) =>
  [...row].forEach((key, c) => {
    DTMF[key] = [[697, 770, 852, 941][r], [1209, 1336, 1477, 1633][c]];
  }),
);

/** Keys `dtmf` can dial; anything else is refused. */
export const DTMF_KEYS = Object.keys(DTMF).join('');

/** Telephone tones for `digits`: each key `toneSeconds` of its two sines (each at half the amplitude), then
 * `gapSeconds` of silence, with 2 ms ramps so no key clicks. */
export function dtmf(
  digits: string,
  amplitude: number,
  rate: number,
  toneSeconds = 0.1,
  gapSeconds = 0.1,
): Float32Array {
  const keys = [...digits.toUpperCase()];
  const bad = keys.find((k) => !DTMF[k]);
  if (bad !== undefined) throw new RangeError(`“${bad}” is not a telephone key (${DTMF_KEYS}).`);
  const each = Math.round(toneSeconds * rate);
  const gap = Math.round(gapSeconds * rate);
  const ramp = Math.min(Math.round(0.002 * rate), Math.floor(each / 2));
  const out = new Float32Array(keys.length * (each + gap));
  keys.forEach((key, k) => {
    const [low, high] = DTMF[key];
    for (let i = 0; i < each; i++) {
      const edge = Math.min(1, (i + 1) / (ramp + 1), (each - i) / (ramp + 1));
      const t = i / rate;
      out[k * (each + gap) + i] =
        edge * (amplitude / 2) * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t));
    }
  });
  return out;
}

/** A click track (Audacity's Rhythm Track, a DAW's metronome): a 20 ms click on every beat of `bpm` over `count`
 * samples, a downbeat at `downbeat` samples (0: the first sample; beats before it too); the downbeat of each bar of
 * `beatsPerBar` an octave higher (1760 Hz against 880) and at full `amplitude`, the other beats 6 dB lower. */
export function clickTrack(
  bpm: number,
  beatsPerBar: number,
  amplitude: number,
  rate: number,
  count: number,
  downbeat = 0,
) {
  const out = new Float32Array(count);
  const period = (60 / bpm) * rate;
  const sounds = [false, true].map((accent) => click(accent, amplitude, rate));
  const first = -Math.floor(downbeat / period); // the beat (counted from the downbeat) at or just after sample 0
  for (let beat = first; Math.round(downbeat + beat * period) < count; beat++) {
    const start = Math.round(downbeat + beat * period);
    const accent = ((beat % beatsPerBar) + beatsPerBar) % beatsPerBar === 0;
    out.set(sounds[Number(accent)].subarray(0, count - start), start);
  }
  return out;
}

/** One click of a click track or the metronome: 20 ms of a decaying sine, a bar's first beat (`accent`) at 1760 Hz
 * and full `amplitude`, the other beats at 880 Hz and 6 dB lower. */
export function click(accent: boolean, amplitude: number, rate: number): Float32Array {
  const length = Math.round(0.02 * rate);
  const hz = accent ? 1760 : 880;
  const a = accent ? amplitude : amplitude / 2;
  return Float32Array.from(
    { length },
    (_, i) => a * Math.exp((-5 * i) / length) * Math.sin((2 * Math.PI * hz * i) / rate),
  );
}

/** A signal as the Generate signal panel describes it. Levels are peak dBFS. */
export interface SignalSettings {
  kind: 'tone' | 'chirp' | 'noise' | 'dtmf' | 'clicks';
  waveform: Waveform;
  hz: number;
  /** A chirp's last frequency and level. */
  toHz: number;
  db: number;
  toDb: number;
  colour: NoiseColour;
  digits: string;
  bpm: number;
  beatsPerBar: number;
  /** How long, where nothing is selected (a selection sets the length). */
  seconds: number;
}

export const DEFAULT_SIGNAL: SignalSettings = {
  kind: 'tone',
  waveform: 'sine',
  hz: 440,
  toHz: 1760,
  db: -6,
  toDb: -6,
  colour: 'pink',
  digits: '0123456789',
  bpm: 120,
  beatsPerBar: 4,
  seconds: 30,
};

/** What is wrong with the settings at `rate`, in words; null when they make a signal. */
export function signalProblem(s: SignalSettings, rate: number): string | null {
  const nyquist = rate / 2;
  const frequencies = s.kind === 'tone' ? [s.hz] : s.kind === 'chirp' ? [s.hz, s.toHz] : [];
  if (frequencies.some((hz) => !(hz >= 1 && hz < nyquist)))
    return `A frequency must be from 1 Hz to under ${nyquist} Hz (half the project rate).`;
  const levels = s.kind === 'chirp' ? [s.db, s.toDb] : [s.db];
  if (levels.some((db) => !(db >= -96 && db <= 0))) return 'A level must be from -96 to 0 dBFS.';
  if (s.kind === 'dtmf' && !/^[0-9A-D*#]+$/i.test(s.digits)) return `Type telephone keys (${DTMF_KEYS}).`;
  if (s.kind === 'clicks' && !(s.bpm >= 20 && s.bpm <= 400)) return 'A tempo must be from 20 to 400 BPM.';
  if (s.kind === 'clicks' && !(Number.isInteger(s.beatsPerBar) && s.beatsPerBar >= 1 && s.beatsPerBar <= 16))
    return 'Beats per bar must be a whole number from 1 to 16.';
  if (!(s.seconds > 0 && s.seconds <= 3600)) return 'The length must be over 0 s and at most an hour.';
  return null;
}

const peakOfDb = (db: number) => 10 ** (db / 20);

/** The signal, `count` samples at `rate` (telephone keys: as long as their digits take; a click track with a downbeat
 * at `downbeat` samples). */
export function renderSignal(s: SignalSettings, rate: number, count: number, downbeat = 0): Float32Array {
  const a = peakOfDb(s.db);
  if (s.kind === 'tone') return tone(s.waveform, { from: s.hz, to: s.hz }, { from: a, to: a }, rate, count);
  if (s.kind === 'chirp')
    return tone(s.waveform, { from: s.hz, to: s.toHz }, { from: a, to: peakOfDb(s.toDb) }, rate, count);
  if (s.kind === 'noise') return noise(s.colour, a, count);
  if (s.kind === 'dtmf') return dtmf(s.digits, a, rate);
  return clickTrack(s.bpm, s.beatsPerBar, a, rate, count, downbeat);
}

/** The signal's name for its clip and its undo step ("Tone 440 Hz"). */
export function signalName(s: SignalSettings): string {
  if (s.kind === 'tone')
    return `${s.waveform === 'sine' ? 'Tone' : `${s.waveform[0].toUpperCase()}${s.waveform.slice(1)}`} ${s.hz} Hz`;
  if (s.kind === 'chirp') return `Chirp ${s.hz}-${s.toHz} Hz`;
  if (s.kind === 'noise') return `${s.colour[0].toUpperCase()}${s.colour.slice(1)} noise`;
  if (s.kind === 'dtmf') return `DTMF ${s.digits}`;
  return `Click track ${s.bpm} BPM`;
}
