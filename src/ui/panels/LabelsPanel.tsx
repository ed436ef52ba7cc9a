import { removeSoundLabel, renameSoundLabel, retimeSoundLabel } from '../../app/project-commands';
import { projectLabels } from '../../project/label-ops';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

/** Every label of the project in one table, as Audacity's Labels Editor: its track, its name, its start and end typed
 * to the millisecond (a point where they meet), a click on its time selecting it, × taking it out. Each change is
 * one undo step when the field loses focus. */
export function LabelsPanel({ onClose }: { onClose: () => void }) {
  const { store } = useServices();
  const project = useStudio((s) => s.project);
  const rate = project.sampleRate;
  const rows = projectLabels(project).sort((a, b) => a.label.start - b.label.start || a.label.end - b.label.end);
  const seconds = (samples: number) => (samples / rate).toFixed(3);
  const select = (trackId: string, start: number, end: number) => {
    const state = store.getState();
    if (end > start) state.selectRange({ start, end, trackIds: [trackId] });
    state.seek(start);
  };
  return (
    <Panel title="Labels" testId="labels-panel" onClose={onClose}>
      {rows.length === 0 && (
        <p className="muted">No labels yet: add one with Add label (Ctrl+B), or let Analyze find sounds.</p>
      )}
      <table className="labels-table" data-testid="labels-table">
        <thead>
          <tr>
            <th>Track</th>
            <th>Name</th>
            <th>Start (s)</th>
            <th>End (s)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ track, label }) => (
            <tr key={label.id} data-testid="labels-table-row">
              <td>
                <button type="button" title="Select it" onClick={() => select(track.id, label.start, label.end)}>
                  {track.name}
                </button>
              </td>
              <td>
                <input
                  key={label.name}
                  aria-label="Label name"
                  defaultValue={label.name}
                  onBlur={(e) => renameSoundLabel(store, label.id, label.name, e.target.value)}
                  onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                />
              </td>
              {(['start', 'end'] as const).map((edge) => (
                <td key={edge}>
                  <input
                    key={label[edge]}
                    type="number"
                    step="0.001"
                    min="0"
                    aria-label={`Label ${edge}`}
                    data-testid={`label-${edge}`}
                    defaultValue={seconds(label[edge])}
                    onBlur={(e) => {
                      const value = Number(e.target.value);
                      // A point moves whole; a region's start past its end takes the end along.
                      const point = label.end === label.start;
                      const [start, end] =
                        edge === 'end'
                          ? [label.start / rate, value]
                          : [value, point ? value : Math.max(value, label.end / rate)];
                      retimeSoundLabel(store, label.id, start, end);
                    }}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  aria-label={`Remove ${label.name}`}
                  onClick={() => removeSoundLabel(store, label.id, label.name)}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
