/** The project's beat grid: its tempo and time signature (Project.tempo), or, where none was set, the tempo and beats
 * Analyze heard on its first music track (read in 4/4). One grid for the ruler, the bar.beat clock, snapping, the
 * click track and the metronome, so what is drawn, counted and heard agree. */
import type { Project, ProjectTempo, Track } from './types';

export type BeatGrid = ProjectTempo;

/** The tempi a project may have, beats per minute (a DAW's usual span). */
export const TEMPO_RANGE = { min: 20, max: 300 } as const;

/** The time signatures offered, as [beats per bar, beat unit]. */
export const TIME_SIGNATURES: readonly (readonly [number, number])[] = [
  [2, 4],
  [3, 4],
  [4, 4],
  [5, 4],
  [6, 8],
  [7, 8],
  [9, 8],
  [12, 8],
];

/** A beat on the grid: where it falls (timeline samples, not rounded) and whether a bar begins there. */
export interface Beat {
  at: number;
  downbeat: boolean;
}

/** The grid of a track Analyze heard a tempo and a beat on (read in 4/4); null for any other. */
export function trackGrid(track: Pick<Track, 'tempoBpm' | 'beatStart'>): BeatGrid | null {
  if (!track.tempoBpm || track.beatStart === undefined) return null;
  return { bpm: track.tempoBpm, beatsPerBar: 4, beatUnit: 4, downbeat: track.beatStart };
}

/** The project's grid: the tempo set on it, else its first analysed track's; null when it has neither. */
export function projectGrid(project: Project): BeatGrid | null {
  if (project.tempo) return project.tempo;
  for (const track of project.tracks) {
    const grid = trackGrid(track);
    if (grid) return grid;
  }
  return null;
}

/** The grid music on `track` is on: the tempo Analyze heard on the track itself, else the project's. */
export function musicGrid(project: Project, track: Pick<Track, 'tempoBpm' | 'beatStart'>): BeatGrid | null {
  return trackGrid(track) ?? projectGrid(project);
}

/** How long a beat lasts, in samples at `rate` (not rounded). */
export const beatLength = (grid: BeatGrid, rate: number) => (60 / grid.bpm) * rate;

/** How long a bar lasts, in samples at `rate` (not rounded). */
export const barLength = (grid: BeatGrid, rate: number) => beatLength(grid, rate) * grid.beatsPerBar;

/** The beats in [from, to), in order. */
export function beatsIn(grid: BeatGrid, rate: number, from: number, to: number): Beat[] {
  const period = beatLength(grid, rate);
  const beats: Beat[] = [];
  for (let k = Math.ceil((from - grid.downbeat) / period); grid.downbeat + k * period < to; k++) {
    const inBar = ((k % grid.beatsPerBar) + grid.beatsPerBar) % grid.beatsPerBar;
    beats.push({ at: grid.downbeat + k * period, downbeat: inBar === 0 });
  }
  return beats;
}

/** The beat nearest `at` (samples, rounded to one), not before the timeline's start. */
export function nearestBeat(grid: BeatGrid, rate: number, at: number): number {
  const period = beatLength(grid, rate);
  const k = Math.max(Math.round((at - grid.downbeat) / period), Math.ceil(-grid.downbeat / period));
  return Math.round(grid.downbeat + k * period);
}

/** Where `sample` is in bars and beats, counted from 1 as a DAW counts (bar 1 beat 1 on the grid's downbeat; before it
 * bar 0 and below), and how far into the beat (0 to 1). */
export function barsAndBeats(
  grid: BeatGrid,
  rate: number,
  sample: number,
): { bar: number; beat: number; into: number } {
  const beats = (sample - grid.downbeat) / beatLength(grid, rate);
  const whole = Math.floor(beats);
  const bar = Math.floor(whole / grid.beatsPerBar) + 1;
  return { bar, beat: whole - (bar - 1) * grid.beatsPerBar + 1, into: beats - whole };
}

/** Why `bpm` cannot be a project's tempo, in words; null when it can. */
export function tempoProblem(bpm: number): string | null {
  if (!Number.isFinite(bpm) || bpm < TEMPO_RANGE.min || bpm > TEMPO_RANGE.max)
    return `A tempo is ${TEMPO_RANGE.min} to ${TEMPO_RANGE.max} BPM.`;
  return null;
}

/** The project with `tempo` as its own (undefined: back to the grid Analyze heard, if any). */
export function withTempo(project: Project, tempo: ProjectTempo | undefined): Project {
  const { tempo: _old, ...rest } = project;
  return tempo ? { ...rest, tempo } : rest;
}

/** Tap tempo, as a DAW's Tap button: the tempo of taps at `times` (ms, in order), from the median gap between the
 * last eight, so one late tap does not throw it; null under two taps. A gap over TAP_RESET_MS starts anew. */
export function tappedTempo(times: readonly number[]): number | null {
  let first = times.length - 1;
  while (first > 0 && times[first] - times[first - 1] <= TAP_RESET_MS && times.length - first < 8) first--;
  const gaps = times
    .slice(first)
    .slice(1)
    .map((t, i) => t - times[first + i])
    .sort((a, b) => a - b);
  if (gaps.length === 0) return null;
  const middle = gaps.length / 2;
  const median = gaps.length % 2 ? gaps[Math.floor(middle)] : (gaps[middle - 1] + gaps[middle]) / 2;
  return Math.round((60000 / median) * 10) / 10;
}

export const TAP_RESET_MS = 2000;

/** Note values a time can be set to at the project's tempo, as a DAW's tempo-synced delay offers them: each as a
 * fraction of a whole note ('bar': the signature's bar). */
export const NOTE_VALUES = [
  ['1/16', 1 / 16],
  ['1/8', 1 / 8],
  ['1/8 dotted', 3 / 16],
  ['1/4', 1 / 4],
  ['1/4 dotted', 3 / 8],
  ['1/2', 1 / 2],
  ['bar', Number.NaN],
] as const;

export type NoteValue = (typeof NOTE_VALUES)[number][0];

/** How long `note` lasts at the grid's tempo, s (a beat being the signature's lower note). */
export function noteSeconds(grid: BeatGrid, note: NoteValue): number {
  const beat = 60 / grid.bpm;
  if (note === 'bar') return beat * grid.beatsPerBar;
  const whole = NOTE_VALUES.find(([name]) => name === note)![1];
  return beat * grid.beatUnit * whole;
}
