import * as Comlink from 'comlink';
import { useEffect, useRef, useState } from 'react';
import { gatherFrames } from '../../dsp/spectrogram';
import { analysis } from '../../client/analysis-client';
import { findClip } from '../../project/types';
import { useServices, useStudio } from '../studio-context';

const HEIGHT = 160;
const FFT_SIZE = 1024;

/** The spectrogram of the selected clip (or the first clip), computed in the analysis worker. */
export function SpectrogramPanel() {
  const { assets } = useServices();
  const canvas = useRef<HTMLCanvasElement>(null);
  const clip = useStudio(
    (s) =>
      (s.selectedClipId ? findClip(s.project, s.selectedClipId)?.clip : undefined) ??
      s.project.tracks.find((t) => t.clips.length)?.clips[0],
  );
  const width = useStudio((s) => Math.max(100, s.view.viewportWidth - 20));
  const [state, setState] = useState<'idle' | 'working' | 'ready' | 'failed'>('idle');

  useEffect(() => {
    if (!clip || !assets.has(clip.assetId)) return;
    let cancelled = false;
    setState('working');
    const asset = assets.get(clip.assetId);
    const channel = asset.channels[0];
    const columns = Math.max(1, Math.min(width, Math.floor(clip.length / 64)));
    const frames = gatherFrames(channel, FFT_SIZE, columns, clip.offset, clip.offset + clip.length);
    analysis()
      .spectrogram(Comlink.transfer(frames, [frames.buffer]), FFT_SIZE, HEIGHT, asset.sampleRate)
      .then((answer) => {
        if (cancelled || !canvas.current) return;
        if (!answer.ok) return setState('failed');
        const { width: w, height, pixels } = answer.value;
        canvas.current.width = w;
        canvas.current.height = height;
        canvas.current.getContext('2d')!.putImageData(new ImageData(pixels, w, height), 0, 0);
        setState('ready');
      });
    return () => {
      cancelled = true;
    };
  }, [clip, width, assets]);

  if (!clip) return null;
  return (
    <section className="spectrogram" aria-label="Spectrogram">
      <h2>
        Spectrogram: {clip.name} {state === 'working' && <small>(computing…)</small>}
        {state === 'failed' && <small>(could not be computed)</small>}
      </h2>
      <canvas ref={canvas} data-testid="spectrogram" data-state={state} style={{ width, height: HEIGHT }} />
    </section>
  );
}
