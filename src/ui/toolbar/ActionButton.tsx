import { getAction, formatShortcut, runAction } from '../../actions/registry';
import { shortcutsOf } from '../../actions/key-bindings';
import { PREVIEW_SECONDS, togglePreview } from '../../app/preview';
import { useServices, useStudio } from '../studio-context';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A button for a registered action: its label, its shortcut in the tooltip, disabled when the action is. An effect
 * that can be previewed is heard first on Alt+click (its tooltip says so). */
export function ActionButton({ name, text, pressed }: { name: string; text?: string; pressed?: boolean }) {
  const services = useServices();
  const action = getAction(name);
  const enabled = useStudio((s) => action.enabled?.(s) ?? true);
  const shortcut = useStudio((s) => shortcutsOf(action, s.keyBindings)[0]);
  const keys = shortcut ? ` (${formatShortcut(shortcut, isMac)})` : '';
  const preview = action.preview ? `; ${isMac ? 'Option' : 'Alt'}+click to preview the first ${PREVIEW_SECONDS} s` : '';
  return (
    <button
      type="button"
      data-testid={`action-${name}`}
      disabled={!enabled}
      aria-pressed={pressed}
      title={`${action.label}${keys}${preview}`}
      onClick={(e) => {
        const spec = e.altKey ? action.preview?.(services.store.getState()) : null;
        void (spec ? togglePreview(services, spec) : runAction(name, services));
      }}
    >
      {text ?? action.label}
    </button>
  );
}

export { isMac };
