/** The detector's frame probabilities -> labelled regions (training/omni_model/model/sound_events.py, tied to it by
 * sound-events.parity.json): per label, the frames at or over the threshold, runs joined over pauses up to
 * `bridge_seconds`, runs shorter than `min_seconds` dropped; a region's confidence is its highest probability. */
import type { DetectionSettings } from '../modelpack/manifest';

export interface SoundEvent {
  /** The vocabulary's id of the label (a category). */
  label: string;
  /** Seconds from the start of the analysed audio. */
  start: number;
  end: number;
  confidence: number;
}

export type RegionSettings = Pick<DetectionSettings, 'threshold' | 'bridge_seconds' | 'min_seconds'>;

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
  const events: SoundEvent[] = [];
  labels.forEach((label, k) => {
    const p = (f: number) => probabilities[f * count + k];
    for (const [a, b] of labelRuns((f) => p(f) >= settings.threshold, frames, bridge)) {
      if ((b - a) * frameSeconds < settings.min_seconds - 1e-9) continue;
      let confidence = 0;
      for (let f = a; f < b; f++) confidence = Math.max(confidence, p(f));
      events.push({ label, start: a * frameSeconds, end: b * frameSeconds, confidence });
    }
  });
  return events.sort((x, y) => x.start - y.start || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
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
