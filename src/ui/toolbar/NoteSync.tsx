import { NOTE_VALUES, type NoteValue, noteSeconds } from '../../project/tempo';
import type { EditParams } from '../../store/studio-store';
import { useProjectGrid, useServices } from '../studio-context';

type TimeField = 'echoDelaySeconds' | 'tremoloRateHz' | 'phaserRateHz' | 'chorusRateHz';

/** Sets an effect's time to a note value at the project's tempo, as a DAW's tempo-synced delay and modulation: a
 * delay in seconds (1/8 dotted at 120 BPM is 0.375 s), or, `inHz`, a rate once per note (1/4 at 120 BPM is 2 Hz),
 * kept in `range`. Shown only where the project has a tempo. */
export function NoteSync({
  testId,
  label,
  inHz,
  range,
  apply,
}: {
  testId: string;
  label: string;
  inHz: boolean;
  range: { min: number; max: number };
  apply: (value: number) => void;
}) {
  const grid = useProjectGrid();
  if (!grid) return null;
  return (
    <select
      data-testid={testId}
      aria-label={`${label} as a note value`}
      title={`As a note value at the project's tempo (${Math.round(grid.bpm * 10) / 10} BPM)${inHz ? ': once per note' : ''}`}
      value=""
      onChange={(e) => {
        const seconds = noteSeconds(grid, e.target.value as NoteValue);
        const value = Math.round((inHz ? 1 / seconds : seconds) * 1000) / 1000;
        apply(Math.min(range.max, Math.max(range.min, value)));
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

/** A note-value menu for one of the effect bar's times. */
export function ParamNoteSync({ field, range }: { field: TimeField; range: { min: number; max: number } }) {
  const { store } = useServices();
  return (
    <NoteSync
      testId={`sync-${field}`}
      label={field}
      inHz={field !== 'echoDelaySeconds'}
      range={range}
      apply={(value) => store.getState().updateParams({ [field]: value } as Partial<EditParams>)}
    />
  );
}
