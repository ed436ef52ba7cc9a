import { MasterFader } from '../Faders';
import { useRef } from 'react';
import { AutomationModeSelect } from '../AutomationModeSelect';
import { VolumeLaneButton } from '../panels/VolumeLaneButton';
import { describeEffect, MASTER, NO_MASTER } from '../../project/track-effects';
import { useServices, useStudio } from '../studio-context';
import { ActionButton } from './ActionButton';
import { usePopover } from './popover';

const formatDb = (db: number) => `${db > 0 ? '+' : ''}${db.toFixed(1)} dB`;

/** The master bus, as a DAW's master channel: its fader, its effects on a button that opens them and the Mono
 * monitor switch, so the transport keeps to one row. A fader drag is one undo step; double-click sets 0 dB. */
export function MasterControl() {
  const { store } = useServices();
  const master = useStudio((s) => s.project.master) ?? NO_MASTER;
  const mono = useStudio((s) => s.monoMonitor);
  const panel = useRef<HTMLDetailsElement>(null);
  usePopover(panel);
  const effects = master.effects ?? [];
  const heard = effects.filter((e) => e.on);
  return (
    <details className="tempo master" ref={panel}>
      <summary
        data-testid="master-summary"
        data-effects={heard.length}
        title={`The master bus: its fader and effects, on the mix as heard and exported${heard.length ? ` (${heard.map(describeEffect).join(', ')})` : ''}`}
      >
        <span>Master</span>
        <span>
          {formatDb(master.gainDb)}
          {mono ? ' · mono' : ''}
        </span>
      </summary>
      <div className="tempo-panel" role="group" aria-label="Master bus">
        <MasterFader className="param" testId="master-gain" text={() => 'Fader'} />
        <output data-testid="master-gain-value">{formatDb(master.gainDb)}</output>
        <AutomationModeSelect
          host={MASTER}
          name="the master"
          testId="master-automation-mode"
          title="Automation of the master fader: Read plays its volume lane; Touch writes it from the fader while held as it plays; Latch from the first touch until playback stops"
        />
        <button
          type="button"
          data-testid="master-fx"
          aria-pressed={heard.length > 0}
          onClick={() => {
            store.getState().set({ effectsHost: MASTER, panel: 'trackEffects' });
            if (panel.current) panel.current.open = false;
          }}
        >
          Effects… {effects.length > 0 ? `(${effects.length})` : ''}
        </button>
        <ActionButton name="monoMonitor" text="Mono" pressed={mono} />
        <VolumeLaneButton
          host={MASTER}
          testId="master-volume-lane"
          title="Volume automation of the master fader: show or hide its lane after the tracks (a fade-out of the whole mix)"
        />
      </div>
    </details>
  );
}
