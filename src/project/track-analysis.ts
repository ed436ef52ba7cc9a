/** What Analyze heard on a track (its labels, tempo and beat grid, key), kept true after an effect changed the track's
 * audio: moved and rescaled with a tempo or speed change, the key moved with a pitch or speed change; what no longer holds for the
 * whole track (a tempo or key changed on a part of it) is dropped rather than left wrong. */
import { KEY_NAMES, parseKey } from '../music/music-prompt';
import { afterCuts } from '../dsp/silence';
import { type EffectSpec, retimeFactor, retimes, timeMap } from './effects';
import type { SampleRange, Track } from './types';

/** `track` (its clips already edited) with its analysis brought up to date; `whole`: the range held all its audio. */
export function analysisAfterEffect(
  track: Track,
  spec: EffectSpec,
  range: SampleRange,
  whole: boolean,
  sampleRate: number,
): Track {
  if (spec.kind === 'pitch') return withKey(track, whole ? transposeKey(track.musicKey, spec.semitones) : undefined);
  if (spec.kind === 'truncateSilence') return afterTruncation(track, spec.cuts);
  if (!retimes(spec)) return track;
  // A speed change moves the pitch with the tempo (a whole key only where that is whole semitones).
  const shift =
    spec.kind === 'speed' ? 12 * Math.log2(1 + spec.percent / 100) : spec.kind === 'tempo' ? (spec.semitones ?? 0) : 0;
  const keyed = shift === 0 ? track : withKey(track, whole ? transposeKey(track.musicKey, shift) : undefined);
  const at = timeMap(spec, range);
  const labels = keyed.labels && { labels: keyed.labels.map((l) => ({ ...l, start: at(l.start), end: at(l.end) })) };
  const { tempoBpm, beatStart, ...rest } = { ...keyed, ...labels };
  if (tempoBpm === undefined || !whole) return rest;
  const grid = { ...rest, tempoBpm: tempoBpm / retimeFactor(spec) };
  if (beatStart === undefined) return grid;
  // The grid's anchor becomes the first beat inside the range, where the new tempo starts.
  const period = (60 * sampleRate) / tempoBpm;
  const first = beatStart + Math.ceil((range.start - beatStart) / period) * period;
  return { ...grid, beatStart: at(Math.round(first)) };
}

/** Labels moved back by the silence cut before them (a label that lay wholly in a cut goes); the beat grid goes
 * where anything was cut, since the beats after a cut no longer fall on it (the tempo itself still holds). */
function afterTruncation(track: Track, cuts: SampleRange[]): Track {
  const at = afterCuts(cuts);
  const labels = track.labels
    ?.map((l) => ({ ...l, start: at(l.start), end: at(l.end) }))
    .filter((l) => l.end > l.start);
  const { beatStart: _, ...rest } = track;
  return { ...(cuts.length ? rest : track), ...(labels && { labels }) };
}

/** A key name moved by whole semitones ("A minor" +2 -> "B minor"); undefined where it cannot be (a fraction of a
 * semitone, or no key). */
export function transposeKey(key: string | undefined, semitones: number): string | undefined {
  const parsed = parseKey(key);
  if (!parsed || !Number.isInteger(semitones)) return undefined;
  const index = (KEY_NAMES.indexOf(parsed.key) + semitones + 120) % 12;
  return `${KEY_NAMES[index]} ${parsed.mode}`;
}

function withKey(track: Track, musicKey: string | undefined): Track {
  if (track.musicKey === undefined) return track;
  const { musicKey: _, ...rest } = track;
  return musicKey === undefined ? rest : { ...rest, musicKey };
}
