import { useEffect, useState } from 'react';
import { ACTIONS, formatShortcut } from '../../actions/registry';
import { bindShortcut, shortcutOfPress, shortcutsOf } from '../../actions/key-bindings';
import type { Action } from '../../actions/types';
import { useServices, useStudio } from '../studio-context';
import { isMac } from '../toolbar/ActionButton';
import { Panel } from './Panel';

/** Every command and its shortcuts, from the action registry and the user's own bindings; Set takes the next key
 * pressed as the command's shortcut, as Audacity's Preferences > Shortcuts does. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  const { store } = useServices();
  const bindings = useStudio((s) => s.keyBindings);
  const listening = useKeyCapture();
  const groups = [...new Set(ACTIONS.map((a) => a.group))];
  return (
    <Panel title="Keyboard shortcuts" testId="help-panel" onClose={onClose}>
      <div className="help-groups">
        {groups.map((g) => (
          <table key={g}>
            <caption>{g}</caption>
            <tbody>
              {ACTIONS.filter((a) => a.group === g).map((a) => (
                <tr key={a.name} data-testid={`shortcut-row-${a.name}`}>
                  <td>{a.label}</td>
                  <td className="shortcut-keys">
                    {shortcutsOf(a, bindings).map((s) => (
                      <kbd key={s}>{formatShortcut(s, isMac)}</kbd>
                    ))}
                    <ShortcutButtons action={a} listening={listening} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p>Drag on a lane to select (across tracks too); drag a clip by its name bar to move it; Ctrl+wheel zooms.</p>
      <p>
        Drag a box on the spectrogram (▸ Spectrogram under the timeline opens it) to select a time and frequency range:
        Attenuate to surroundings (Shift+U) and Gain (Shift+G) then change only what lies in that band.
      </p>
      <div className="actions-row">
        <button
          type="button"
          data-testid="shortcuts-reset"
          disabled={Object.keys(bindings).length === 0}
          onClick={() => {
            store.getState().set({ keyBindings: {} });
            store.getState().notify('info', 'Every shortcut is back to its default.');
          }}
        >
          Reset all shortcuts
        </button>
      </div>
    </Panel>
  );
}

/** Which command waits for its new key (null: none), and the switch that starts or stops waiting. */
interface Listening {
  name: string | null;
  listen(name: string | null): void;
}

/** While a command waits for its key, the next key pressed (Escape aside, which gives up) becomes its shortcut and
 * runs nothing: caught before the studio's own key handler sees it. */
function useKeyCapture(): Listening {
  const { store } = useServices();
  const [name, listen] = useState<string | null>(null);
  useEffect(() => {
    if (name === null) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      if (e.key === 'Escape') return listen(null);
      const shortcut = shortcutOfPress(e);
      if (shortcut === null) return; // a modifier alone: wait for the key it goes with
      const state = store.getState();
      const { bindings, takenFrom } = bindShortcut(state.keyBindings, ACTIONS, name, shortcut);
      state.set({ keyBindings: bindings });
      const label = ACTIONS.find((a) => a.name === name)?.label ?? name;
      const taken = takenFrom ? `; it no longer runs ${takenFrom.label}` : '';
      state.notify('info', `${formatShortcut(shortcut, isMac)} now runs ${label}${taken}.`);
      listen(null);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [name, store]);
  return { name, listen };
}

function ShortcutButtons({ action, listening }: { action: Action; listening: Listening }) {
  const { store } = useServices();
  const shortcuts = useStudio((s) => shortcutsOf(action, s.keyBindings));
  const waiting = listening.name === action.name;
  return (
    <>
      <button
        type="button"
        className="shortcut-set"
        data-testid={`shortcut-set-${action.name}`}
        aria-pressed={waiting}
        title={`Press the keys for ${action.label} (Escape: keep them as they are)`}
        onClick={() => listening.listen(waiting ? null : action.name)}
      >
        {waiting ? 'Press keys…' : 'Set'}
      </button>
      {shortcuts.length > 0 && (
        <button
          type="button"
          className="shortcut-set"
          data-testid={`shortcut-clear-${action.name}`}
          aria-label={`No shortcut for ${action.label}`}
          onClick={() => store.getState().set({ keyBindings: { ...store.getState().keyBindings, [action.name]: [] } })}
        >
          ×
        </button>
      )}
    </>
  );
}
