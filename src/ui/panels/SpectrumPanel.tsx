import { useCallback, useEffect, useState } from 'react';
import { type Measured, measureProgramme, spectrumInWorker } from '../../app/statistics';
import { noteOf, type Spectrum } from '../../dsp/spectrum';
import { useServices, useStudio } from '../studio-context';
import { FrequencyGrid } from './FrequencyGrid';
import { Panel } from './Panel';
import { SPAN_DB, spectrumPath, spectrumText, topDb, xToHz } from './spectrum-plot';

const PLOT = { width: 400, height: 180 };

const hzText = (hz: number) => (hz >= 1000 ? `${(hz / 1000).toFixed(2)} kHz` : `${hz.toFixed(1)} Hz`);

/** The average spectrum of the selection or the whole mix (as Audacity's Plot Spectrum): its loudest frequency as a
 * note, the level under the cursor, and the numbers as text. */
export function SpectrumPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const [measured, setMeasured] = useState<Measured<Spectrum | null> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const measure = useCallback(() => {
    setFailed(null);
    measureProgramme(services, spectrumInWorker).then(setMeasured, (e: Error) => setFailed(e.message));
  }, [services]);
  useEffect(measure, [measure]);
  const spectrum = measured?.result ?? null;
  const view = { ...PLOT, sampleRate };
  const levelAt = (hz: number) => (spectrum ? spectrum.db[Math.round(hz / spectrum.hz[1])] : Number.NaN);
  const saveText = () => {
    if (!spectrum) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([spectrumText(spectrum)], { type: 'text/plain' }));
    link.download = 'omni-studio-spectrum.txt';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Panel title="Frequency analysis" testId="spectrum-panel" onClose={onClose}>
      <p className="muted" data-testid="spectrum-what">
        {failed
          ? `Not measured: ${failed}`
          : !measured
            ? 'Measuring…'
            : spectrum
              ? `Measured: ${measured.what}.`
              : `Measured: ${measured.what}, too short for a spectrum (select at least 256 samples).`}
      </p>
      {spectrum && (
        <>
          <svg
            className="eq-curve"
            width={PLOT.width}
            height={PLOT.height}
            role="img"
            aria-label="The average spectrum: level against frequency"
            onMouseMove={(e) => setCursor(xToHz(e.nativeEvent.offsetX, view))}
            onMouseLeave={() => setCursor(null)}
          >
            <FrequencyGrid view={view} />
            {[0, 30, 60].map((below) => (
              <text key={below} x={2} y={(PLOT.height * below) / SPAN_DB + 10}>
                {topDb(spectrum) - below} dB
              </text>
            ))}
            <path data-testid="spectrum-curve" d={spectrumPath(spectrum, view)} />
          </svg>
          <p data-testid="spectrum-peak">
            {Number.isFinite(spectrum.peakDb)
              ? `Loudest: ${hzText(spectrum.peakHz)} (${noteOf(spectrum.peakHz)}), ${spectrum.peakDb.toFixed(1)} dB`
              : 'Silence: no frequency stands out.'}
          </p>
          <p className="muted" data-testid="spectrum-cursor">
            {cursor === null
              ? 'Point at the plot to read a frequency.'
              : `At the cursor: ${hzText(cursor)} (${noteOf(cursor)}), ${levelAt(cursor).toFixed(1)} dB`}
          </p>
        </>
      )}
      <div className="actions-row">
        <button type="button" data-testid="spectrum-save" disabled={!spectrum} onClick={saveText}>
          Save as text
        </button>
        <button type="button" data-testid="spectrum-measure" onClick={measure}>
          Measure again
        </button>
      </div>
    </Panel>
  );
}
