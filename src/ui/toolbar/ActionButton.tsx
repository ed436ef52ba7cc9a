import { getAction, formatShortcut, runAction } from '../../actions/registry';
import { useServices, useStudio } from '../studio-context';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A button for a registered action: its label, its shortcut in the tooltip, disabled when the action is. */
export function ActionButton({ name, text, pressed }: { name: string; text?: string; pressed?: boolean }) {
  const services = useServices();
  const action = getAction(name);
  const enabled = useStudio((s) => action.enabled?.(s) ?? true);
  const shortcut = action.shortcuts?.[0];
  return (
    <button
      type="button"
      data-testid={`action-${name}`}
      disabled={!enabled}
      aria-pressed={pressed}
      title={shortcut ? `${action.label} (${formatShortcut(shortcut, isMac)})` : action.label}
      onClick={() => void runAction(name, services)}
    >
      {text ?? action.label}
    </button>
  );
}

export { isMac };
