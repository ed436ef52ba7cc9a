import { useMemo } from 'react';
import { dbScalePeaks, fullScaleRuns, peaksForRange } from '../../dsp/peaks';
import type { Clip } from '../../project/types';
import { usePeaks } from '../../timeline/peaks-store';
import { useServices, useStudio } from '../studio-context';
import { clipGainAt, scalePeaks } from './envelope-geometry';
import { PeaksWaveform } from './PeaksWaveform';

interface Props {
  clip: Clip;
  /** Visible part of the clip, in samples from its first sample. */
  from: number;
  to: number;
  widthPx: number;
  height: number;
  /** Drawn on a decibel scale (Waveform (dB)). */
  inDb?: boolean;
  /** The waveform's colour (its track's). */
  color?: string;
}

const NO_PEAKS = new Float32Array(0);

/** The visible part of a clip, from the asset's stored peak levels: an hour-long clip scrolls as fast as a short one. */
export function ClipWaveform({ clip, from, to, widthPx, height, inDb = false, color }: Props) {
  const levels = usePeaks((s) => s.byAsset[clip.assetId]);
  const { assets } = useServices();
  const asset = assets.has(clip.assetId) ? assets.get(clip.assetId) : undefined;
  const showClipping = useStudio((s) => s.showClipping);
  const own = useMemo(
    () =>
      levels && to > from && widthPx >= 1
        ? peaksForRange(levels, asset?.channels, clip.offset + from, clip.offset + to, Math.ceil(widthPx))
        : NO_PEAKS,
    [levels, asset, clip.offset, from, to, widthPx],
  );
  // Drawn as it sounds: through the clip's volume envelope and fades.
  const peaks = useMemo(() => {
    if (own.length === 0) return NO_PEAKS;
    const heard = scalePeaks(own, clipGainAt(clip), clip.offset + from, clip.offset + to);
    return inDb ? dbScalePeaks(heard) : heard;
  }, [own, clip, from, to, inDb]);
  // Clipping is in the recording itself: marked from its own samples, whatever the envelope does to them.
  const clipped = useMemo(() => (showClipping ? fullScaleRuns(own) : []), [own, showClipping]);
  const duration = (to - from) / (asset?.sampleRate ?? 48000);
  const pxPerBucket = widthPx / Math.max(1, own.length / 2);
  return (
    <>
      <PeaksWaveform
        peaks={peaks}
        duration={duration}
        widthPx={widthPx}
        height={height}
        testId="clip-waveform"
        color={color}
        mark="omni:waveform-drawn"
      />
      {clipped.length > 0 && (
        <div className="clipping-marks" data-testid="clip-clipping" data-runs={clipped.length} aria-hidden>
          {clipped.map(([first, end]) => (
            <div
              key={first}
              style={{ left: first * pxPerBucket, width: Math.max(1, (end - first) * pxPerBucket), height }}
            />
          ))}
        </div>
      )}
    </>
  );
}
