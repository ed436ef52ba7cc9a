/** The detector's frame probabilities -> labelled regions (training/omni_model/model/sound_events.py, tied to it by
 * sound-events.parity.json): per label, the probabilities smoothed by a running median over `smooth_seconds` (edges
 * repeated), the runs at or over `release` that reach `threshold` somewhere (hysteresis), runs joined over pauses up
 * to `bridge_seconds`, runs shorter than `min_seconds` dropped; a region's confidence is its highest smoothed
 * probability. Without `smooth_seconds` and `release`, the probabilities as they are and one threshold. */
import type { DetectionSettings } from '../modelpack/manifest';

export interface SoundEvent {
  /** The vocabulary's id of the label (a category). */
  label: string;
  /** Seconds from the start of the analysed audio. */
  start: number;
  end: number;
  confidence: number;
}

export type RegionSettings = Pick<
  DetectionSettings,
  'threshold' | 'bridge_seconds' | 'min_seconds' | 'release' | 'smooth_seconds'
>;

/** [first, last) frame runs where `active`, joined where at most `bridge` inactive frames separate them. */
export function labelRuns(active: (frame: number) => boolean, frames: number, bridge: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let f = 0; f < frames; f++) {
    if (!active(f)) continue;
    const last = runs[runs.length - 1];
    if (last && f - last[1] <= bridge) last[1] = f + 1;
    else runs.push([f, f + 1]);
  }
  return runs;
}

/** One label's column (frames x labels, row-major) through a running median of odd `width`, edge frames repeated. */
export function runningMedian(probabilities: Float32Array, count: number, k: number, width: number): Float32Array {
  const frames = Math.floor(probabilities.length / count);
  const column = new Float32Array(frames);
  for (let f = 0; f < frames; f++) column[f] = probabilities[f * count + k];
  if (width <= 1 || frames === 0) return column;
  const half = width >> 1;
  const out = new Float32Array(frames);
  const window = new Float32Array(width);
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < width; j++) window[j] = column[Math.min(frames - 1, Math.max(0, f - half + j))];
    out[f] = window.sort()[half];
  }
  return out;
}

/** Frames in runs at or over `release` that reach `threshold` somewhere. */
function heldFrames(p: Float32Array, threshold: number, release: number): Uint8Array {
  const held = new Uint8Array(p.length);
  for (const [a, b] of labelRuns((f) => p[f] >= release, p.length, 0)) {
    if (p.subarray(a, b).some((v) => v >= threshold)) held.fill(1, a, b);
  }
  return held;
}

/** probabilities: frames x labels, row-major. Regions sorted by start, then label. */
export function soundEvents(
  probabilities: Float32Array,
  labels: readonly string[],
  frameSeconds: number,
  settings: RegionSettings,
): SoundEvent[] {
  const count = labels.length;
  const frames = Math.floor(probabilities.length / count);
  const bridge = Math.round(settings.bridge_seconds / frameSeconds);
  const width = 2 * Math.floor((settings.smooth_seconds ?? 0) / frameSeconds / 2 + 1e-9) + 1;
  const release = Math.min(settings.threshold, settings.release ?? settings.threshold);
  const events: SoundEvent[] = [];
  labels.forEach((label, k) => {
    const p = runningMedian(probabilities, count, k, width);
    const held = heldFrames(p, settings.threshold, release);
    for (const [a, b] of labelRuns((f) => held[f] === 1, frames, bridge)) {
      if ((b - a) * frameSeconds < settings.min_seconds - 1e-9) continue;
      let confidence = 0;
      for (let f = a; f < b; f++) confidence = Math.max(confidence, p[f]);
      events.push({ label, start: a * frameSeconds, end: b * frameSeconds, confidence });
    }
  });
  return events.sort((x, y) => x.start - y.start || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
}

/** The probabilities ([frames x labels], row-major) with every frame whose samples (before the input gain) are quieter
 * than `silenceDbfs` RMS set to 0, in place: silence holds no sound, whatever the detector makes of it once the gain
 * has raised it (0.7.0 hears digital silence as music). */
export function gateSilence(
  probabilities: Float32Array,
  labels: number,
  source: Float32Array,
  frame: number,
  silenceDbfs: number | undefined,
): Float32Array {
  if (silenceDbfs === undefined) return probabilities;
  const floor = 10 ** (silenceDbfs / 10);
  for (let f = 0; f < probabilities.length / labels; f++) {
    let power = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) power += source[i] * source[i];
    if (power / frame < floor) probabilities.fill(0, f * labels, (f + 1) * labels);
  }
  return probabilities;
}

/** Every label with its highest probability anywhere in the clip, most likely first. */
export function clipTags(
  probabilities: Float32Array,
  labels: readonly string[],
): { label: string; probability: number }[] {
  const peak = new Float32Array(labels.length);
  for (let i = 0; i < probabilities.length; i++) {
    const k = i % labels.length;
    peak[k] = Math.max(peak[k], probabilities[i]);
  }
  return labels
    .map((label, k) => ({ label, probability: peak[k], k }))
    .sort((a, b) => b.probability - a.probability || a.k - b.k)
    .map(({ label, probability }) => ({ label, probability }));
}
