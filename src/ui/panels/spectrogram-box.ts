/** A box drawn on a clip's spectrogram as a selection (time on the timeline, a frequency band), and back. */
import { frequencyRow, rowFrequency } from '../../dsp/spectrogram';
import type { Clip } from '../../project/types';
import type { Selection } from '../../store/studio-store';

/** A rectangle on the spectrogram, in CSS pixels from its top left. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the picture shows: the clip over `width` pixels, frequencies over `height` rows (log axis) at `sampleRate`. */
export interface SpectrogramView {
  clip: Clip;
  width: number;
  height: number;
  sampleRate: number;
}

/** Drags smaller than this are clicks, not boxes. */
export const MIN_BOX_PX = 3;

/** The selection a drawn box stands for, or null for a click. */
export function boxToSelection(box: Box, view: SpectrogramView, trackId: string): Selection | null {
  const { clip, width, height, sampleRate } = view;
  if (box.right - box.left < MIN_BOX_PX || box.bottom - box.top < MIN_BOX_PX) return null;
  const at = (x: number) => clip.start + Math.round((Math.min(Math.max(x, 0), width) / width) * clip.length);
  const hz = (y: number) => rowFrequency(Math.min(Math.max(y, 0), height - 1), height, sampleRate);
  return {
    start: at(box.left),
    end: at(box.right),
    trackIds: [trackId],
    band: { lowHz: Math.round(hz(box.bottom)), highHz: Math.round(hz(box.top)) },
  };
}

/** Where a banded selection shows on the clip's spectrogram, or null when it has no band or misses the clip. */
export function selectionToBox(selection: Selection | null, view: SpectrogramView): Box | null {
  const { clip, width, height, sampleRate } = view;
  if (!selection?.band) return null;
  const x = (t: number) => (Math.min(Math.max(t - clip.start, 0), clip.length) / clip.length) * width;
  const box = {
    left: x(selection.start),
    right: x(selection.end),
    top: frequencyRow(selection.band.highHz, height, sampleRate),
    bottom: frequencyRow(selection.band.lowHz, height, sampleRate),
  };
  return box.right > box.left ? box : null;
}
