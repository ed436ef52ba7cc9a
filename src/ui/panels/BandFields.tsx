import { bandProblem, type FrequencyBand } from '../../dsp/band';
import type { Selection } from '../../store/studio-store';
import { useServices } from '../studio-context';

/** The selection's frequency band typed in Hz (a box without a mouse, or one made exact): both edges set a band on
 * the current time selection, Clear takes it away. */
export function BandFields({ selection, nyquist }: { selection: Selection | null; nyquist: number }) {
  const { store } = useServices();
  const band = selection?.band;
  /** Sets the edge; a value that makes no band is refused with a message and the field shows the band again. */
  const commit = (edge: keyof FrequencyBand, input: HTMLInputElement) => {
    if (!selection || input.value === '') return;
    const next = { lowHz: band?.lowHz ?? 0, highHz: band?.highHz ?? nyquist, [edge]: Number(input.value) };
    const problem = bandProblem(next, nyquist);
    if (problem) {
      store.getState().notify('error', problem);
      input.value = band ? String(Math.round(band[edge])) : '';
      return;
    }
    store.getState().selectRange({ ...selection, band: next });
  };
  const field = (edge: keyof FrequencyBand, label: string) => (
    <label className="param">
      {label}
      <input
        key={`${edge}-${band?.[edge]}`}
        type="number"
        min="0"
        max={nyquist}
        step="1"
        disabled={!selection}
        data-testid={`band-${edge}`}
        defaultValue={band ? Math.round(band[edge]) : ''}
        placeholder={edge === 'lowHz' ? '0' : String(nyquist)}
        onBlur={(e) => commit(edge, e.target)}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
  return (
    <div className="band-fields" role="group" aria-label="Frequency band">
      {field('lowHz', 'Band low Hz')}
      {field('highHz', 'high Hz')}
      <button
        type="button"
        data-testid="band-clear"
        disabled={!band || !selection}
        onClick={() => selection && store.getState().selectRange({ ...selection, band: undefined })}
      >
        Clear band
      </button>
    </div>
  );
}
