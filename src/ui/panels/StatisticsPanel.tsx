import { useCallback, useEffect, useState } from 'react';
import { type Measured, matchLoudness, measureProgramme, statisticsInWorker } from '../../app/statistics';
import { type ContrastSide, contrastVerdict } from '../../dsp/contrast';
import { type AudioStatistics, DELIVERY_TARGETS, deliveryCheck } from '../../dsp/statistics';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

const level = (v: number, unit: string) => (Number.isFinite(v) ? `${v.toFixed(1)} ${unit}` : '—');

/** Loudness (EBU R128), peaks and statistics of the selection or the whole mix, measured when the panel opens, and how
 * the programme stands against the loudness the places it is delivered to play it at. */
export function StatisticsPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const [measured, setMeasured] = useState<Measured<AudioStatistics> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const measure = useCallback(() => {
    setFailed(null);
    measureProgramme(services, statisticsInWorker).then(setMeasured, (e: Error) => setFailed(e.message));
  }, [services]);
  useEffect(measure, [measure]);
  const stats = measured?.result;
  const busy = useStudio((s) => s.busy !== null);
  const rows: [string, string, string][] = stats
    ? [
        ['integrated', 'Integrated loudness', level(stats.loudness.integrated, 'LUFS')],
        ['range', 'Loudness range', level(stats.loudness.range, 'LU')],
        ['shortTermMax', 'Short-term max (3 s)', level(stats.loudness.shortTermMax, 'LUFS')],
        ['momentaryMax', 'Momentary max (400 ms)', level(stats.loudness.momentaryMax, 'LUFS')],
        ['truePeak', 'True peak', level(stats.truePeakDb, 'dBTP')],
        ['samplePeak', 'Sample peak', level(stats.samplePeakDb, 'dBFS')],
        ['rms', 'RMS level', level(stats.rmsDb, 'dBFS')],
        ['dc', 'DC offset', `${stats.dcOffsetPercent.toFixed(3)} %`],
        ['fullScale', 'Samples at full scale', String(stats.fullScaleSamples)],
      ]
    : [];
  return (
    <Panel title="Loudness and statistics" testId="statistics-panel" onClose={onClose}>
      <p className="muted" data-testid="statistics-what">
        {failed ? `Not measured: ${failed}` : measured ? `Measured: ${measured.what}.` : 'Measuring…'}
      </p>
      {stats && (
        <>
          <table className="statistics">
            <tbody>
              {rows.map(([key, name, value]) => (
                <tr key={key}>
                  <th scope="row">{name}</th>
                  <td data-testid={`stat-${key}`}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Delivery</h3>
          <ul className="delivery" data-testid="statistics-delivery">
            {DELIVERY_TARGETS.map((target, i) => (
              <li key={target.name}>
                {target.name} ({target.lufs} LUFS, {target.truePeakDb} dBTP): {deliveryCheck(stats, target)}{' '}
                <button
                  type="button"
                  className="chip"
                  data-testid={`match-${i}`}
                  disabled={busy || !Number.isFinite(stats.loudness.integrated)}
                  title={`Turn ${measured.what} to ${target.lufs} LUFS by one gain (one undo step)`}
                  onClick={() => void matchLoudness(services, measured, target).then((changed) => changed && measure())}
                >
                  Match
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {stats && <ContrastFields measured={{ rmsDb: stats.rmsDb, what: measured.what }} />}
      <div className="actions-row">
        <button type="button" data-testid="statistics-measure" onClick={measure}>
          Measure again
        </button>
      </div>
    </Panel>
  );
}

/** Contrast, as Audacity's: this measure taken as the foreground speech or as its background, and the two against
 * WCAG 2.0 1.4.7 once both are taken (select the other stretch and Measure again between them). */
function ContrastFields({ measured }: { measured: ContrastSide }) {
  const { store } = useServices();
  const contrast = useStudio((s) => s.contrast);
  const take = (side: 'foreground' | 'background') =>
    store.getState().set({ contrast: { ...store.getState().contrast, [side]: measured } });
  const verdict =
    contrast.foreground && contrast.background && contrastVerdict(contrast.foreground, contrast.background);
  return (
    <>
      <h3>Contrast (WCAG 2.0 1.4.7)</h3>
      {(['foreground', 'background'] as const).map((side) => (
        <p key={side} className="muted" data-testid={`contrast-${side}`}>
          <button type="button" className="chip" data-testid={`contrast-take-${side}`} onClick={() => take(side)}>
            Use as {side}
          </button>{' '}
          {contrast[side] ? `${level(contrast[side].rmsDb, 'dBFS')} RMS: ${contrast[side].what}` : 'not measured yet'}
        </p>
      ))}
      {verdict && (
        <p data-testid="contrast-verdict" className={verdict.passes ? 'passes' : 'fails'}>
          {verdict.text}
        </p>
      )}
    </>
  );
}
