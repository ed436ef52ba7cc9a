import { ACTIONS, formatShortcut } from '../../actions/registry';
import { isMac } from '../toolbar/ActionButton';

/** Every command and its shortcuts, straight from the action registry. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  const groups = [...new Set(ACTIONS.map((a) => a.group))];
  return (
    <div className="panel" role="dialog" aria-label="Keyboard shortcuts" data-testid="help-panel">
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={onClose}>Close</button>
      </header>
      <div className="help-groups">
        {groups.map((g) => (
          <table key={g}>
            <caption>{g}</caption>
            <tbody>
              {ACTIONS.filter((a) => a.group === g).map((a) => (
                <tr key={a.name}>
                  <td>{a.label}</td>
                  <td>{(a.shortcuts ?? []).map((s) => <kbd key={s}>{formatShortcut(s, isMac)}</kbd>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p>Drag on a lane to select (across tracks too); drag a clip by its name bar to move it; Ctrl+wheel zooms.</p>
    </div>
  );
}
