import { useMemo } from 'react';
import { NOTE_VALUES, type NoteValue, noteSeconds, projectGrid } from '../../project/tempo';
import { useServices, useStudio } from '../studio-context';

/** Sets the echo's delay to a note value at the project's tempo, as a DAW's tempo-synced delay (1/8 dotted at 120 BPM
 * is 0.375 s); shown only where the project has a tempo. */
export function EchoSync({ max }: { max: number }) {
  const { store } = useServices();
  const rate = useStudio((s) => s.project.sampleRate);
  const tempo = useStudio((s) => s.project.tempo);
  const tracks = useStudio((s) => s.project.tracks);
  const grid = useMemo(() => projectGrid({ sampleRate: rate, tracks, tempo }), [rate, tracks, tempo]);
  if (!grid) return null;
  return (
    <select
      data-testid="echo-sync"
      aria-label="Echo delay as a note value"
      title={`The echo's delay as a note value at the project's tempo (${Math.round(grid.bpm * 10) / 10} BPM)`}
      value=""
      onChange={(e) => {
        const seconds = noteSeconds(grid, e.target.value as NoteValue);
        store.getState().updateParams({ echoDelaySeconds: Math.min(max, Math.round(seconds * 1000) / 1000) });
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
