import { useMemo } from 'react';
import { dbScalePeaks, peaksForRange } from '../../dsp/peaks';
import type { Clip } from '../../project/types';
import { usePeaks } from '../../timeline/peaks-store';
import { useServices } from '../studio-context';
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
  // Drawn as it sounds: through the clip's volume envelope and fades.
  const peaks = useMemo(() => {
    if (!levels || to <= from || widthPx < 1) return NO_PEAKS;
    const heard = scalePeaks(
      peaksForRange(levels, asset?.channels, clip.offset + from, clip.offset + to, Math.ceil(widthPx)),
      clipGainAt(clip),
      clip.offset + from,
      clip.offset + to,
    );
    return inDb ? dbScalePeaks(heard) : heard;
  }, [levels, asset, clip, from, to, widthPx, inDb]);
  const duration = (to - from) / (asset?.sampleRate ?? 48000);
  return (
    <PeaksWaveform
      peaks={peaks}
      duration={duration}
      widthPx={widthPx}
      height={height}
      testId="clip-waveform"
      color={color}
      mark="omni:waveform-drawn"
    />
  );
}
