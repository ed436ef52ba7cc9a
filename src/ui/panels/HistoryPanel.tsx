import { historyRows } from '../../store/history';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

/** Every step of the undo history, as Audacity's History window and Audition's History panel show it: a click goes
 * to that state at once (the steps after it stay, to redo); the oldest can be forgotten to free memory. */
export function HistoryPanel({ onClose }: { onClose: () => void }) {
  const { store } = useServices();
  const history = useStudio((s) => s.history);
  const rows = historyRows(history);
  const goTo = (steps: number, label: string) => {
    if (steps === 0) return;
    store.getState().travel(steps);
    const count = `${Math.abs(steps)} step${Math.abs(steps) === 1 ? '' : 's'}`;
    store.getState().notify('info', `${steps < 0 ? 'Undid' : 'Redid'} ${count}: now at “${label}”.`);
  };
  return (
    <Panel title="History" testId="history-panel" onClose={onClose}>
      <p className="muted">Click a step to go back or forward to it; a new edit there drops the steps after it.</p>
      <ol className="history-steps" data-testid="history-steps">
        {rows.map((row) => (
          <li key={row.steps}>
            <button
              type="button"
              aria-current={row.steps === 0 ? 'step' : undefined}
              className={row.steps > 0 ? 'undone' : undefined}
              onClick={() => goTo(row.steps, row.label)}
            >
              {row.label}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        data-testid="history-forget"
        disabled={history.past.length === 0}
        onClick={() => {
          const count = history.past.length;
          store.getState().forgetPast();
          store.getState().notify('info', `Forgot ${count} step${count === 1 ? '' : 's'}: undo starts from here.`);
        }}
      >
        Forget the steps before this one
      </button>
    </Panel>
  );
}
