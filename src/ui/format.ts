import { barsAndBeats, type BeatGrid } from '../project/tempo';

/** Time as m:ss.mmm (or h:mm:ss.mmm past an hour). */
export function formatTime(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = (s % 60).toFixed(3).padStart(6, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${rest}` : `${sign}${m}:${rest}`;
}

/** How the clock reads a position: time, the sample count, or bars and beats on a track's beat grid. */
export type ClockFormat = 'time' | 'samples' | 'beats';
export const CLOCK_FORMATS: readonly ClockFormat[] = ['time', 'samples', 'beats'];

/** The position `sample` as the clock shows it: m:ss.mmm, samples in groups of three digits, or bar.beat.hundredths
 * (1.1.00 on the grid's downbeat, as a DAW counts); without a grid, beats fall back to time. */
export function formatClock(sample: number, rate: number, format: ClockFormat, grid: BeatGrid | null): string {
  if (format === 'samples') return Math.round(sample).toLocaleString('en-US').replaceAll(',', ' ');
  if (format === 'beats' && grid) {
    const { bar, beat, into } = barsAndBeats(grid, rate, sample);
    const hundredths = Math.floor(into * 100);
    return `${bar}.${beat}.${String(hundredths).padStart(2, '0')}`;
  }
  return formatTime(sample / rate);
}

/** A pan as a channel strip shows it: C, L40, R100. */
export const formatPan = (pan: number) =>
  Math.abs(pan) < 0.005 ? 'C' : pan < 0 ? `L${Math.round(-pan * 100)}` : `R${Math.round(pan * 100)}`;
