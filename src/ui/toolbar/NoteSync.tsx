import { NOTE_VALUES, type NoteValue, noteSeconds } from '../../project/tempo';
import type { EditParams } from '../../store/studio-store';
import { useProjectGrid, useServices } from '../studio-context';

type TimeField = 'echoDelaySeconds' | 'tremoloRateHz' | 'phaserRateHz' | 'chorusRateHz';

/** Sets an effect's time to a note value at the project's tempo, as a DAW's tempo-synced delay and modulation: a
 * delay in seconds (1/8 dotted at 120 BPM is 0.375 s), a rate in Hz once per note (1/4 at 120 BPM is 2 Hz). Shown
 * only where the project has a tempo. */
export function NoteSync({ field, range }: { field: TimeField; range: { min: number; max: number } }) {
  const { store } = useServices();
  const grid = useProjectGrid();
  if (!grid) return null;
  const inHz = field !== 'echoDelaySeconds';
  return (
    <select
      data-testid={`sync-${field}`}
      aria-label={`${field} as a note value`}
      title={`As a note value at the project's tempo (${Math.round(grid.bpm * 10) / 10} BPM)${inHz ? ': once per note' : ''}`}
      value=""
      onChange={(e) => {
        const seconds = noteSeconds(grid, e.target.value as NoteValue);
        const value = Math.round((inHz ? 1 / seconds : seconds) * 1000) / 1000;
        const patch: Partial<EditParams> = { [field]: Math.min(range.max, Math.max(range.min, value)) };
        store.getState().updateParams(patch);
      }}
    >
      <option value="">♩ sync</option>
      {NOTE_VALUES.map(([name]) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
