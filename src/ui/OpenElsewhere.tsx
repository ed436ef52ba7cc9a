import { takeOver } from '../persist/tab-lock';
import { useStudio } from './studio-context';

/** Covers the studio where another tab has the open project (src/persist/tab-lock.ts): why nothing here is loaded or
 * saved, and "Use it here" to take it over. */
export function OpenElsewhere() {
  const where = useStudio((s) => s.openElsewhere);
  if (!where) return null;
  const why =
    where === 'already'
      ? 'Its project is open there. Edited in two tabs at once, each would save over the other, so this tab has loaded nothing.'
      : 'The project was opened in another tab, so this tab saves no more: nothing done here would be kept.';
  return (
    <div className="open-elsewhere" role="alertdialog" aria-modal="true" aria-labelledby="open-elsewhere-title">
      <div data-testid="open-elsewhere" data-where={where}>
        <h2 id="open-elsewhere-title">Omni Studio is open in another tab</h2>
        <p>{why}</p>
        <button type="button" data-testid="take-over" onClick={() => takeOver()}>
          Use it here
        </button>
        <p className="muted">The other tab then stops saving; this one opens the project as it was last saved.</p>
      </div>
    </div>
  );
}
