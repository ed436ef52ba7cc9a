import { heardOf } from '../../project/solo';
import { GroupTag } from '../GroupTag';
import { BusFader, BusPan, BusSendFader, MasterFader, SendFader, TrackFader, TrackPan } from '../Faders';
import { runAction } from '../../actions/registry';
import { hasActiveEffects, MASTER, NO_MASTER } from '../../project/track-effects';
import { commitEffectEdit } from '../../app/track-effects';
import { deleteMix, recallMix, saveMix } from '../../project/mix-snapshots';
import type { TrackEdit } from '../../project/track-ops';
import type { EffectBus, Project, Track } from '../../project/types';
import { AutomationModeSelect } from '../AutomationModeSelect';
import { formatPan } from '../format';
import { useServices, useStudio } from '../studio-context';
import { clipColors } from '../timeline/track-colors';
import { MasterMeter, TrackMeter } from '../timeline/TrackMeter';
import { StripInserts } from './StripInserts';
import { Panel } from './Panel';
import { OutputSelect } from './BusControls';
import { BusOutputSelect, BusSwitch } from './BusRouting';

const formatDb = (db: number) => `${db > 0 ? '+' : ''}${db.toFixed(1)}`;

/** The mix as a row of channel strips, as a DAW's mixer and Audacity's Mixer Board: each track's fader, meter, pan,
 * mute, solo, effects and automation mode, then the effect buses' and the master's faders. The same controls as the
 * track headers and the Master popover (one undo step a drag; Touch and Latch write as they do). */
export function MixerPanel({ onClose }: { onClose: () => void }) {
  const tracks = useStudio((s) => s.project.tracks);
  const buses = useStudio((s) => s.project.buses) ?? [];
  return (
    <Panel title="Mixer" testId="mixer-panel" onClose={onClose}>
      <MixSnapshots />
      <div className="mixer-strips">
        {tracks.length === 0 && <p className="muted">No tracks yet: import or record one.</p>}
        {tracks.map((t) => (
          <TrackStrip key={t.id} track={t} />
        ))}
        {buses.map((b) => (
          <BusStrip key={b.id} bus={b} />
        ))}
        <MasterStrip />
      </div>
    </Panel>
  );
}

/** The mixes kept (as a DAW's mixer snapshots): Save mix keeps the faders, pans, mutes and solos as they are, a
 * mix's button sets them again, × forgets it; each one undo step. */
function MixSnapshots() {
  const { store } = useServices();
  const mixes = useStudio((s) => s.project.mixes) ?? [];
  const run = (edit: (project: Project) => TrackEdit) => commitEffectEdit(store, edit);
  return (
    <div className="mix-snapshots" role="group" aria-label="Mixes">
      <button
        type="button"
        data-testid="mix-save"
        title="Keep this mix (faders, pans, mutes, solos, bus and master faders) to compare and come back to"
        onClick={() => run(saveMix)}
      >
        Save mix
      </button>
      {mixes.map((mix) => (
        <span key={mix.id} className="mix-snapshot">
          <button
            type="button"
            data-testid="mix-recall"
            title={`Set the faders, pans, mutes and solos as ${mix.name} had them`}
            onClick={() => run((p) => recallMix(p, mix.id))}
          >
            {mix.name}
          </button>
          <button type="button" aria-label={`Forget ${mix.name}`} onClick={() => run((p) => deleteMix(p, mix.id))}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}

function TrackStrip({ track }: { track: Track }) {
  const services = useServices();
  const run = (action: string) => void runAction(action, services, { trackId: track.id });
  const panned = (track.panPoints?.length ?? 0) > 0;
  const buses = useStudio((s) => s.project.buses);
  const silenced = useStudio((s) => !track.mute && !heardOf(s.project).track(track));
  return (
    <section
      className={silenced ? 'mixer-strip silenced' : 'mixer-strip'}
      data-testid="mixer-strip"
      data-silenced={silenced || undefined}
      aria-label={track.name}
      style={{ borderTopColor: clipColors(track.color).wave }}
    >
      <h3 title={track.name}>{track.name}</h3>
      <div className="strip-buttons">
        <button type="button" data-testid="mixer-mute" aria-pressed={track.mute} onClick={() => run('muteTrack')}>
          M
        </button>
        <button
          type="button"
          data-testid="mixer-solo"
          aria-pressed={track.solo}
          title="Solo (Ctrl/Cmd+click: this track alone)"
          onClick={(e) => run(e.ctrlKey || e.metaKey ? 'soloOnly' : 'soloTrack')}
        >
          S
        </button>
        <button type="button" aria-pressed={hasActiveEffects(track)} onClick={() => run('trackEffects')}>
          FX
        </button>
        <GroupTag track={track} />
      </div>
      <StripInserts host={track.id} name={track.name} />
      <TrackPan
        track={track}
        className="strip-pan"
        testId="mixer-pan"
        text={(pan, writing) => (panned && !writing ? 'auto' : formatPan(pan))}
      />
      {(track.sends ?? []).map((send) => (
        <SendFader
          key={send.busId}
          trackId={track.id}
          send={send}
          className="strip-pan"
          testId="mixer-send"
          text={(db) => `→ ${buses?.find((b) => b.id === send.busId)?.name ?? 'bus'} ${formatDb(db)}`}
        />
      ))}
      <div className="strip-fader-row">
        <TrackFader track={track} className="strip-fader" testId="mixer-fader" text={(db) => formatDb(db)} />
        <div className="strip-meter">
          <TrackMeter trackId={track.id} name={track.name} />
        </div>
      </div>
      <AutomationModeSelect
        host={track.id}
        name={track.name}
        testId="mixer-automation-mode"
        title="Automation: Read, Touch or Latch (as on the track's header)"
      />
      <OutputSelect track={track} testId="mixer-output" compact />
    </section>
  );
}

function BusStrip({ bus }: { bus: EffectBus }) {
  const { store } = useServices();
  const buses = useStudio((s) => s.project.buses);
  return (
    <section className="mixer-strip bus" data-testid="mixer-strip" aria-label={bus.name}>
      <h3 title={bus.name}>{bus.name}</h3>
      <div className="strip-buttons">
        <BusSwitch bus={bus} kind="mute" testId="mixer-bus-mute" />
        <BusSwitch bus={bus} kind="solo" testId="mixer-bus-solo" />
        <button type="button" onClick={() => store.getState().set({ effectsHost: bus.id, panel: 'trackEffects' })}>
          FX
        </button>
      </div>
      <StripInserts host={bus.id} name={bus.name} />
      <BusPan bus={bus} className="strip-pan" testId="mixer-bus-pan" text={(pan) => formatPan(pan)} />
      {(bus.sends ?? []).map((send) => (
        <BusSendFader
          key={send.busId}
          busId={bus.id}
          send={send}
          className="strip-pan"
          testId="mixer-bus-send"
          text={(db) => `→ ${buses?.find((b) => b.id === send.busId)?.name ?? 'bus'} ${formatDb(db)}`}
        />
      ))}
      <div className="strip-fader-row">
        <BusFader host={bus.id} className="strip-fader" testId="mixer-bus-fader" text={(db) => formatDb(db)} />
        <div className="strip-meter">
          <TrackMeter trackId={bus.id} name={bus.name} />
        </div>
      </div>
      <AutomationModeSelect
        host={bus.id}
        name={bus.name}
        testId="mixer-bus-automation-mode"
        title="Automation of this bus's return fader: Read plays its volume lane; Touch writes it from the fader while held as it plays; Latch from the first touch until playback stops"
      />
      <BusOutputSelect busId={bus.id} testId="mixer-bus-output" compact />
    </section>
  );
}

function MasterStrip() {
  const { store } = useServices();
  const master = useStudio((s) => s.project.master) ?? NO_MASTER;
  return (
    <section className="mixer-strip master" data-testid="mixer-strip" aria-label="Master">
      <h3>Master</h3>
      <div className="strip-buttons">
        <button
          type="button"
          aria-pressed={(master.effects ?? []).some((e) => e.on)}
          onClick={() => store.getState().set({ effectsHost: MASTER, panel: 'trackEffects' })}
        >
          FX
        </button>
      </div>
      <StripInserts host={MASTER} name="the master" />
      <div className="strip-fader-row">
        <MasterFader className="strip-fader" testId="mixer-master-fader" text={(db) => formatDb(db)} />
        <div className="strip-meter">
          <MasterMeter />
        </div>
      </div>
      <AutomationModeSelect
        host={MASTER}
        name="the master"
        testId="mixer-master-automation-mode"
        title="Automation of the master fader: Read, Touch or Latch"
      />
    </section>
  );
}
