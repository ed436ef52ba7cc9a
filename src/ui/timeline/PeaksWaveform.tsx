import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';

interface Props {
  /** An envelope as src/dsp/peaks.ts writes it: [max, min] per bucket. */
  peaks: Float32Array;
  /** Seconds the envelope spans. */
  duration: number;
  widthPx: number;
  height: number;
  testId: string;
  color?: string;
  /** A performance mark set each time it is drawn (the editor benchmark waits for it). */
  mark?: string;
}

/**
 * The studio's one way to draw a waveform: wavesurfer.js from a precomputed envelope, so it only ever sees a few
 * thousand numbers whether the audio is a finished hour-long clip or a model job's preview filling in.
 */
export function PeaksWaveform({ peaks, duration, widthPx, height, testId, color = '#7cc4ff', mark }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);

  useEffect(() => {
    const ws = WaveSurfer.create({
      container: container.current!,
      height,
      waveColor: color,
      progressColor: color,
      cursorWidth: 0,
      interact: false,
      normalize: false,
      hideScrollbar: true,
      fillParent: true,
      autoScroll: false,
    });
    surfer.current = ws;
    return () => ws.destroy();
  }, [height, color]);

  useEffect(() => {
    const ws = surfer.current;
    if (!ws || peaks.length === 0 || duration <= 0 || widthPx < 1) return;
    const drawn = () => {
      container.current?.setAttribute('data-drawn', 'true');
      if (mark) performance.mark(mark);
    };
    // load() with peaks draws them without a fetch. (setOptions({ peaks }) would keep drawing the first peaks: in
    // wavesurfer.js 8.0.1 its renderer redraws the audio data it rendered last.)
    ws.load('', [peaks], duration).then(drawn, () => {});
  }, [peaks, duration, widthPx, mark]);

  return (
    <div
      ref={container}
      className="waveform"
      data-testid={testId}
      data-drawn="false"
      style={{ width: widthPx, height }}
    />
  );
}
