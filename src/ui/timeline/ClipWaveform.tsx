import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { peaksForRange } from '../../dsp/peaks';
import type { Clip } from '../../project/types';
import { usePeaks } from '../../timeline/peaks-store';
import { useServices } from '../studio-context';

interface Props {
  clip: Clip;
  /** Visible part of the clip, in samples from its first sample. */
  from: number;
  to: number;
  widthPx: number;
  height: number;
}

/**
 * Draws the visible part of a clip with wavesurfer.js from precomputed peaks: wavesurfer only ever sees
 * a few thousand numbers, so an hour-long clip scrolls as fast as a short one.
 */
export function ClipWaveform({ clip, from, to, widthPx, height }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const levels = usePeaks((s) => s.byAsset[clip.assetId]);
  const { assets } = useServices();

  useEffect(() => {
    const ws = WaveSurfer.create({
      container: container.current!,
      height,
      waveColor: '#7cc4ff',
      progressColor: '#7cc4ff',
      cursorWidth: 0,
      interact: false,
      normalize: false,
      hideScrollbar: true,
      fillParent: true,
      autoScroll: false,
    });
    surfer.current = ws;
    return () => ws.destroy();
  }, [height]);

  useEffect(() => {
    const ws = surfer.current;
    if (!ws || !levels || to <= from || widthPx < 1) return;
    const channels = assets.has(clip.assetId) ? assets.get(clip.assetId).channels : undefined;
    const peaks = peaksForRange(levels, channels, clip.offset + from, clip.offset + to, Math.ceil(widthPx));
    const rate = assets.has(clip.assetId) ? assets.get(clip.assetId).sampleRate : 48000;
    const duration = (to - from) / rate;
    const markDrawn = () => {
      container.current?.setAttribute('data-drawn', 'true');
      performance.mark('omni:waveform-drawn');
    };
    // wavesurfer renders peaks first through load() (no fetch when peaks are given); later changes re-render in place.
    if (ws.getDecodedData()) {
      ws.setOptions({ peaks: [peaks], duration });
      markDrawn();
    } else {
      ws.load('', [peaks], duration).then(markDrawn, () => {});
    }
  }, [levels, clip.assetId, clip.offset, from, to, widthPx, assets]);

  return (
    <div
      ref={container}
      className="waveform"
      data-testid="clip-waveform"
      data-drawn="false"
      style={{ width: widthPx, height }}
    />
  );
}
