/** Clicks for De-click's tests and benchmark, as a worn record or a bad edit leaves them: short (0.05 to 1 ms),
 * at random moments, each a one-sided spike or a burst of a few swings, loud (up to `peak`), the same click in every
 * channel at its own level there (a record's groove feeds both). */
import { uniform } from './dehum.fixture';

export interface ClickShape {
  perSecond: number;
  /** The loudest click's peak; the others are down to a tenth of it (log-uniform). */
  peak: number;
  seed?: number;
}

export interface Clicks {
  /** Per channel, to add to the recording. */
  channels: Float32Array[];
  /** Where each click is, in samples [start, end). */
  spans: [number, number][];
}

const SHORTEST_S = 0.00005;
const LONGEST_S = 0.001;

export function clicks(
  length: number,
  rate: number,
  channels: number,
  { perSecond, peak, seed = 5 }: ClickShape,
): Clicks {
  const random = uniform(seed);
  const out = Array.from({ length: channels }, () => new Float32Array(length));
  const count = Math.round((perSecond * length) / rate);
  const spans: [number, number][] = [];
  for (let c = 0; c < count; c++) {
    const width = Math.max(1, Math.round(rate * SHORTEST_S * (LONGEST_S / SHORTEST_S) ** random()));
    const start = Math.floor(random() * (length - width));
    const amplitude = peak * 10 ** -random() * (random() < 0.5 ? -1 : 1);
    const shape = random() < 0.5 ? spike(width) : burst(width, random);
    const gains = out.map(() => 0.6 + 0.4 * random());
    out.forEach((x, ch) => shape.forEach((v, i) => (x[start + i] += gains[ch] * amplitude * v)));
    spans.push([start, start + width]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  return { channels: out, spans };
}

/** A one-sided triangle peaking at 1 a third of the way in. */
function spike(width: number): number[] {
  const top = Math.max(0, Math.floor(width / 3));
  return Array.from({ length: width }, (_, i) => (i <= top ? (i + 1) / (top + 1) : (width - i) / (width - top)));
}

/** Random swings under a Hann envelope, the largest 1. */
function burst(width: number, random: () => number): number[] {
  const v = Array.from({ length: width }, (_, i) => (2 * random() - 1) * Math.sin((Math.PI * (i + 0.5)) / width));
  const top = Math.max(...v.map(Math.abs)) || 1;
  return v.map((s) => s / top);
}
