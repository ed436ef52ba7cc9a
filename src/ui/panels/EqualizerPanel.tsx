import {
  type EqBand,
  type EqBandType,
  EQ_BAND_NAMES,
  EQ_BAND_TYPES,
  EQ_GAIN_DB,
  EQ_HZ,
  EQ_Q,
  eqChanges,
  presetBands,
} from '../../dsp/equalizer';
import { PREVIEW_SECONDS, togglePreview } from '../../app/preview';
import { ActionButton } from '../toolbar/ActionButton';
import { useServices, useStudio } from '../studio-context';
import { EqCurve, EqPreset } from './EqCurve';
import { Panel } from './Panel';

/** The parametric equalizer: presets, five bands and the curve they make; Apply runs it over the selection. */
export function EqualizerPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const { store } = services;
  const previewing = useStudio((s) => s.previewing);
  const busy = useStudio((s) => s.busy !== null);
  const bands = useStudio((s) => s.params.eqBands);
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const hasSelection = useStudio((s) => s.selection !== null && s.selection.end > s.selection.start);
  const setBand = (i: number, patch: Partial<EqBand>) =>
    store.getState().updateParams({ eqBands: bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const number = (i: number, field: 'hz' | 'gainDb' | 'q', bounds: { min: number; max: number }, step: number) => (
    <input
      type="number"
      aria-label={`Band ${i + 1} ${field === 'hz' ? 'frequency (Hz)' : field === 'gainDb' ? 'gain (dB)' : 'Q'}`}
      data-testid={`eq-${field}-${i}`}
      value={bands[i][field]}
      step={step}
      {...bounds}
      onChange={(e) => {
        const v = Number(e.target.value);
        if (e.target.value !== '' && Number.isFinite(v))
          setBand(i, { [field]: Math.min(bounds.max, Math.max(bounds.min, v)) });
      }}
    />
  );
  return (
    <Panel title="Equalizer" testId="equalizer-panel" onClose={onClose}>
      <EqPreset testId="eq-preset" choose={(eqBands) => store.getState().updateParams({ eqBands })} />
      <EqCurve bands={bands} sampleRate={sampleRate} testId="eq-curve" />
      <table className="eq-bands">
        <thead>
          <tr>
            <th>Band</th>
            <th>Hz</th>
            <th>dB</th>
            <th>Q</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((band, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the five bands are fixed places, never reordered
            <tr key={i}>
              <td>
                <select
                  aria-label={`Band ${i + 1} type`}
                  data-testid={`eq-type-${i}`}
                  value={band.type}
                  onChange={(e) => setBand(i, { type: e.target.value as EqBandType })}
                >
                  {EQ_BAND_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {EQ_BAND_NAMES[t]}
                    </option>
                  ))}
                </select>
              </td>
              <td>{number(i, 'hz', EQ_HZ, 10)}</td>
              <td>{number(i, 'gainDb', EQ_GAIN_DB, 0.5)}</td>
              <td>{number(i, 'q', EQ_Q, 0.1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="eq-note">
        {!eqChanges(bands, sampleRate)
          ? 'Flat: give a band some gain (or choose a preset) to change the sound.'
          : hasSelection
            ? 'Apply changes the selection on its tracks, as one undoable step.'
            : 'Select what to equalize on the timeline, then Apply.'}
      </p>
      <div className="actions-row">
        <button
          type="button"
          data-testid="eq-reset"
          onClick={() => store.getState().updateParams({ eqBands: presetBands('Flat') })}
        >
          Reset to flat
        </button>
        <button
          type="button"
          data-testid="eq-preview"
          disabled={!previewing && (busy || !hasSelection || !eqChanges(bands, sampleRate))}
          title={`Hear the first ${PREVIEW_SECONDS} s of the selection equalized, without changing it`}
          onClick={() => void togglePreview(services, { kind: 'eq', bands })}
        >
          {previewing ? 'Stop preview' : 'Preview'}
        </button>
        <ActionButton name="equalize" text="Apply" />
      </div>
    </Panel>
  );
}
