import { useEffect } from 'react';
import { useServices, useStudio } from '../studio-context';

/** Errors stay until dismissed; information fades after a few seconds. */
export function Notices() {
  const { store } = useServices();
  const notices = useStudio((s) => s.notices);
  const busy = useStudio((s) => s.busy);
  const previewing = useStudio((s) => s.previewing);
  useEffect(() => {
    const timers = notices
      .filter((n) => n.kind === 'info')
      .map((n) => setTimeout(() => store.getState().dismiss(n.id), 6000));
    return () => timers.forEach(clearTimeout);
  }, [notices, store]);
  return (
    <div className="notices" aria-live="polite">
      {busy && (
        <div className="notice busy" data-testid="busy">
          {busy}
        </div>
      )}
      {previewing && (
        <div className="notice busy" data-testid="previewing">
          Previewing the first seconds of the selection; the project is as it was. Esc stops.
        </div>
      )}
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid={`notice-${n.kind}`}
        >
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              data-testid="notice-action"
              onClick={() => {
                store.getState().dismiss(n.id);
                n.action!.run();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => store.getState().dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
