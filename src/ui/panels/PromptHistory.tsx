import { forgetPromptEntry } from '../../app/project-commands';
import type { PromptEntry } from '../../project/types';
import { useServices, useStudio } from '../studio-context';

const NO_PROMPTS: PromptEntry[] = [];

/** The project's prompts, newest first: put one back in the panel to change it, run it again, copy it, forget it. */
export function PromptHistory({ onUse, onRun }: { onUse: (p: PromptEntry) => void; onRun: (p: PromptEntry) => void }) {
  const { store } = useServices();
  const prompts = useStudio((s) => s.project.prompts) ?? NO_PROMPTS;
  if (prompts.length === 0) return null;

  const copy = (p: PromptEntry) =>
    navigator.clipboard.writeText(p.text).then(
      () => store.getState().notify('info', `Copied “${p.text}”.`),
      () => store.getState().notify('error', 'The browser did not allow copying; select the prompt and copy it.'),
    );

  return (
    <details className="prompt-history" data-testid="prompt-history">
      <summary>History ({prompts.length})</summary>
      <ul>
        {prompts.map((p) => (
          <li key={p.id} data-testid="prompt-entry">
            <span className="prompt-text" title={`${p.taskId}, ${p.seconds} s, seed ${p.seed}`}>
              {p.text}
            </span>
            <span className="muted">
              {p.seconds} s{p.variations > 1 ? `, ${p.variations} takes` : ''}
            </span>
            <button type="button" data-testid="prompt-use" onClick={() => onUse(p)}>
              Use
            </button>
            <button type="button" data-testid="prompt-again" onClick={() => onRun(p)}>
              Again
            </button>
            <button type="button" onClick={() => void copy(p)}>
              Copy
            </button>
            <button type="button" aria-label={`Forget “${p.text}”`} onClick={() => forgetPromptEntry(store, p.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
