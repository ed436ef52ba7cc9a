import { selectedRange } from '../../actions/targets';
import { generateSignal, projectTempo } from '../../app/signal';
import { projectGrid } from '../../project/tempo';
import { DTMF_KEYS, type SignalSettings } from '../../dsp/signals';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

type ChoiceKey = 'kind' | 'waveform' | 'colour';

/** Each list's choices and their names. */
const CHOICES: { [K in ChoiceKey]: [SignalSettings[K], string][] } = {
  kind: [
    ['tone', 'Tone'],
    ['chirp', 'Chirp (a sweep)'],
    ['noise', 'Noise'],
    ['dtmf', 'Telephone keys (DTMF)'],
    ['clicks', 'Click track'],
  ],
  waveform: [
    ['sine', 'Sine'],
    ['square', 'Square'],
    ['sawtooth', 'Sawtooth'],
  ],
  colour: [
    ['white', 'White (flat)'],
    ['pink', 'Pink (-3 dB an octave)'],
    ['brown', 'Brown (-6 dB an octave)'],
  ],
};

type NumberKey = 'hz' | 'toHz' | 'db' | 'toDb' | 'bpm' | 'beatsPerBar' | 'seconds';

/** Generate signal, as Audacity's Generate menu: the signal's settings and where it goes. */
export function SignalPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const s = useStudio((state) => state.signal);
  // Seconds selected (0: none), a number so the panel redraws only when it changes.
  const selected = useStudio((state) => {
    const range = selectedRange(state);
    return range ? (range.end - range.start) / state.project.sampleRate : 0;
  });
  const tempo = useStudio((state) => projectTempo(state.project));
  const beatsPerBar = useStudio((state) => projectGrid(state.project)?.beatsPerBar ?? 4);
  const change = (patch: Partial<SignalSettings>) => services.store.getState().updateSignal(patch);
  const number = (key: NumberKey, label: string, step = 1) => (
    <label key={key}>
      {label}
      <input
        type="number"
        step={step}
        data-testid={`signal-${key}`}
        value={s[key]}
        onChange={(e) => change({ [key]: Number(e.target.value) })}
      />
    </label>
  );
  const choice = (key: ChoiceKey, label: string) => (
    <label key={key}>
      {label}
      <select data-testid={`signal-${key}`} value={s[key]} onChange={(e) => change({ [key]: e.target.value })}>
        {CHOICES[key].map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  const pitched = s.kind === 'tone' || s.kind === 'chirp';
  return (
    <Panel title="Generate signal" testId="signal-panel" onClose={onClose}>
      {choice('kind', 'Signal')}
      {pitched && choice('waveform', 'Waveform')}
      {pitched && number('hz', s.kind === 'chirp' ? 'From Hz' : 'Frequency Hz')}
      {s.kind === 'chirp' && number('toHz', 'To Hz')}
      {s.kind === 'noise' && choice('colour', 'Colour')}
      {s.kind === 'dtmf' && (
        <label>
          Keys
          <input
            data-testid="signal-digits"
            value={s.digits}
            title={`Telephone keys: ${DTMF_KEYS}`}
            onChange={(e) => change({ digits: e.target.value })}
          />
        </label>
      )}
      {s.kind === 'clicks' && number('bpm', 'BPM')}
      {s.kind === 'clicks' && tempo !== null && (
        <button
          type="button"
          className="chip"
          data-testid="signal-project-tempo"
          title="The project's tempo (set in the transport bar, or heard by Analyze): the clicks land on its beat grid"
          onClick={() => change({ bpm: tempo, beatsPerBar })}
        >
          Project tempo ({tempo} BPM, {beatsPerBar} a bar)
        </button>
      )}
      {s.kind === 'clicks' && number('beatsPerBar', 'Beats per bar')}
      {number('db', s.kind === 'chirp' ? 'From peak dBFS' : 'Peak dBFS')}
      {s.kind === 'chirp' && number('toDb', 'To peak dBFS')}
      {selected > 0 ? (
        <p className="muted" data-testid="signal-where">
          Over the selection ({selected.toFixed(2)} s) on its tracks, replacing what is there.
        </p>
      ) : (
        <>
          {s.kind !== 'dtmf' && number('seconds', 'Seconds', 0.1)}
          <p className="muted" data-testid="signal-where">
            At the playhead, on a new track.
          </p>
        </>
      )}
      <div className="actions-row">
        <button type="button" className="primary" data-testid="signal-run" onClick={() => generateSignal(services)}>
          Generate
        </button>
      </div>
    </Panel>
  );
}
