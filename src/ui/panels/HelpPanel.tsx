import { ACTIONS, formatShortcut } from '../../actions/registry';
import { isMac } from '../toolbar/ActionButton';
import { Panel } from './Panel';

/** Every command and its shortcuts, straight from the action registry. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  const groups = [...new Set(ACTIONS.map((a) => a.group))];
  return (
    <Panel title="Keyboard shortcuts" testId="help-panel" onClose={onClose}>
      <div className="help-groups">
        {groups.map((g) => (
          <table key={g}>
            <caption>{g}</caption>
            <tbody>
              {ACTIONS.filter((a) => a.group === g).map((a) => (
                <tr key={a.name}>
                  <td>{a.label}</td>
                  <td>
                    {(a.shortcuts ?? []).map((s) => (
                      <kbd key={s}>{formatShortcut(s, isMac)}</kbd>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p>Drag on a lane to select (across tracks too); drag a clip by its name bar to move it; Ctrl+wheel zooms.</p>
      <p>
        Drag a box on the spectrogram to select a time and frequency range: Attenuate to surroundings (Shift+U) and Gain
        (Shift+G) then change only what lies in that band.
      </p>
    </Panel>
  );
}
