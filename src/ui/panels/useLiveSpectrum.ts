import { useEffect, useState } from 'react';
import type { EffectHost } from '../../project/track-effects';
import { useServices, useStudio } from '../studio-context';
import type { CurveView } from './eq-curve';
import { bandLevelDb, spectrumPath } from './live-spectrum';

/** What an equalizer's picture shows of the sound as it plays: the spectrum's area, and its mean level under 300 Hz
 * and over 5 kHz (for a glance, and for tests); nothing while stopped. About 15 pictures a second. */
export interface LiveSpectrum {
  path: string;
  lowDb: number;
  highDb: number;
}

export function useLiveSpectrum(host: EffectHost | null, view: CurveView): LiveSpectrum | null {
  const { player } = useServices();
  const playing = useStudio((s) => s.playing);
  const [spectrum, setSpectrum] = useState<LiveSpectrum | null>(null);
  const { width, height, sampleRate } = view;

  useEffect(() => {
    setSpectrum(null);
    if (!playing || !host) return;
    let frame = 0;
    let count = 0;
    const tick = () => {
      frame = requestAnimationFrame(tick);
      if (count++ % 4 !== 0) return;
      const tap = player.spectrumTap(host);
      if (!tap) return;
      const db = new Float32Array(tap.frequencyBinCount);
      tap.getFloatFrequencyData(db);
      const binRate = tap.context.sampleRate;
      setSpectrum({
        path: spectrumPath(db, binRate, { width, height, sampleRate }),
        lowDb: bandLevelDb(db, binRate, 20, 300),
        highDb: bandLevelDb(db, binRate, 5000, 15000),
      });
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [playing, host, player, width, height, sampleRate]);

  return spectrum;
}
