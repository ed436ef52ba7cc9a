import { heardOf } from '../../project/solo';
import { TrackFader, TrackPan } from '../Faders';
import { runAction } from '../../actions/registry';
import { changeTrack } from '../../app/project-commands';
import { AutomationModeSelect } from '../AutomationModeSelect';
import { GroupTag } from '../GroupTag';
import { clipColors } from './track-colors';
import { takeLetter } from '../../project/generated-ops';
import { describeEffect, hasActiveEffects } from '../../project/track-effects';
import { TRACK_COLORS, type Track, type TrackColor } from '../../project/types';
import { formatPan } from '../format';
import { useServices, useStudio } from '../studio-context';
import { InstrumentRow } from './InstrumentRow';
import { TrackMeter } from './TrackMeter';
import { TrackResizer } from './TrackResizer';

/** Name, mute, solo, gain and pan of a track. Slider drags are one undo step each. */
export function TrackHeader({ track }: { track: Track }) {
  const services = useServices();
  const { store } = services;
  const letter = useStudio((s) => (track.takeOf ? takeLetter(s.project, track.id) : ''));
  const volumeLane = useStudio((s) => s.volumeLanes.includes(track.id) || (track.volume?.length ?? 0) > 0);
  const dbWaveform = useStudio((s) => s.dbWaveTracks.includes(track.id));
  const panLane = useStudio((s) => s.panLanes.includes(track.id) || (track.panPoints?.length ?? 0) > 0);
  const panAutomated = (track.panPoints?.length ?? 0) > 0;
  const armed = useStudio((s) => s.armedTrack === track.id);
  const takes = useStudio((s) => s.project.tracks.filter((t) => t.takeOf === track.id).length);
  const folded = useStudio((s) => s.foldedTakes.includes(track.id));
  // Unheard though not muted: another track or a bus is soloed (shown dimmed, as a DAW shows a solo's silence).
  const silenced = useStudio((s) => !track.mute && !heardOf(s.project).track(track));
  // Which of its takes plays (A: the track itself), for a folder shut on them.
  const playing = useStudio((s) => {
    const take = s.project.tracks.find((t) => t.takeOf === track.id && !t.mute);
    return take ? takeLetter(s.project, take.id) : 'A';
  });

  const change = (label: string, patch: Partial<Track>) => changeTrack(store, track.id, label, patch);
  const run = (action: string) => void runAction(action, services, { trackId: track.id });

  const specs: Record<string, HeaderButton> = {
    mute: { text: 'M', testId: 'track-mute', title: 'Mute', pressed: track.mute, action: 'muteTrack' },
    solo: {
      text: 'S',
      testId: 'track-solo',
      title: 'Solo (Ctrl/Cmd+click: this track alone, every other solo off)',
      pressed: track.solo,
      action: 'soloTrack',
      withMod: 'soloOnly',
    },
    arm: {
      text: '●',
      testId: 'track-arm',
      title: 'Record takes onto this track: each recording becomes a take of it (B, C...), the newest playing',
      pressed: armed,
      action: 'armTrack',
    },
    volume: {
      text: 'V',
      testId: 'track-volume-lane',
      title: 'Volume automation: show or hide its lane under the track',
      pressed: volumeLane,
      action: 'volumeLane',
    },
    db: {
      text: 'dB',
      testId: 'track-db-waveform',
      title: 'Waveform (dB): draw this track on a decibel scale, so quiet recordings fill it; again for linear',
      pressed: dbWaveform,
      action: 'dbWaveform',
    },
    fx: {
      text: 'FX',
      testId: 'track-fx',
      title: effectsTitle(track),
      pressed: hasActiveEffects(track),
      action: 'trackEffects',
    },
    pan: {
      text: 'P',
      testId: 'track-pan-lane',
      title: 'Pan automation: show or hide its lane under the track',
      pressed: panLane,
      action: 'panLane',
    },
  };
  const buttons = (names: string[]) =>
    names.map((name) => {
      const { text, testId, title, pressed, action, withMod } = specs[name];
      return (
        <button
          key={testId}
          type="button"
          data-testid={testId}
          title={title}
          aria-pressed={pressed}
          onClick={(e) => run(withMod && (e.ctrlKey || e.metaKey) ? withMod : action)}
        >
          {text}
        </button>
      );
    });

  return (
    <div
      className={silenced ? 'track-header silenced' : 'track-header'}
      data-testid="track-header"
      data-silenced={silenced || undefined}
      title={silenced ? 'Not heard: another track or a bus is soloed' : undefined}
      style={track.color ? { boxShadow: `inset 3px 0 ${clipColors(track.color).wave}` } : undefined}
    >
      <div className="track-title">
        <select
          className="track-color"
          data-testid="track-color"
          aria-label={`Colour of ${track.name}`}
          title="Track colour: its clips and its header's edge"
          value={track.color ?? ''}
          style={{ background: clipColors(track.color).wave }}
          onChange={(e) => change('Track colour', { color: (e.target.value || undefined) as TrackColor | undefined })}
        >
          <option value="">Plain</option>
          {TRACK_COLORS.map((c) => (
            <option key={c} value={c}>
              {c[0].toUpperCase() + c.slice(1)}
            </option>
          ))}
        </select>
        <GroupTag track={track} />
        <input
          aria-label="Track name"
          value={track.name}
          onChange={(e) => change('Rename track', { name: e.target.value })}
        />
        {takes > 0 && (
          <button
            type="button"
            data-testid="track-takes"
            aria-expanded={!folded}
            title={`Takes (${takes}; ${playing} plays): ${folded ? 'show them under this track' : 'fold them away under this track'}`}
            onClick={() => run('foldTakes')}
          >
            {folded ? '▸' : '▾'}
            {takes}
          </button>
        )}
        {buttons(['mute', 'solo', 'arm', 'db'])}
        {track.takeOf && (
          <button
            type="button"
            data-testid="track-ab"
            title={`A/B: play this take (${letter}) instead of the original (A), or the original again`}
            aria-pressed={!track.mute}
            onClick={() => run('switchTake')}
          >
            {letter}
          </button>
        )}
        {track.takeOf && (
          <button
            type="button"
            data-testid="track-comp"
            title="Comp: the range selected on this take replaces its track's audio there, crossfaded (Alt+C)"
            onClick={() => run('compTake')}
          >
            ⤒
          </button>
        )}
        <button
          type="button"
          title="Delete track"
          aria-label={`Delete ${track.name}`}
          onClick={() => run('deleteTrack')}
        >
          ×
        </button>
      </div>
      <div className="header-row">
        <TrackFader track={track} testId="track-gain" text={(db) => `Gain ${db.toFixed(1)} dB`} />
        {buttons(['volume', 'fx'])}
        <button type="button" data-testid="track-up" title="Move track up" onClick={() => run('moveTrackUp')}>
          ↑
        </button>
      </div>
      <div className="header-row">
        <TrackPan
          track={track}
          testId="track-pan"
          text={(pan, writing) => `Pan ${panAutomated && !writing ? 'auto' : formatPan(pan)}`}
        />
        {buttons(['pan'])}
        <AutomationModeSelect
          host={track.id}
          name={track.name}
          testId="track-automation-mode"
          title="Automation: Read plays the lanes; Touch writes them from the fader and pan while held as it plays; Latch from the first touch until playback stops (Alt+A)"
        />
        <button type="button" data-testid="track-down" title="Move track down" onClick={() => run('moveTrackDown')}>
          ↓
        </button>
      </div>
      <InstrumentRow track={track} />
      <TrackMeter trackId={track.id} name={track.name} />
      <TrackResizer trackId={track.id} name={track.name} />
    </div>
  );
}

interface HeaderButton {
  text: string;
  testId: string;
  title: string;
  pressed: boolean;
  action: string;
  /** The action a Ctrl/Cmd+click runs instead. */
  withMod?: string;
}

/** The FX button's tooltip: the effects heard, in order, or how to add some. */
function effectsTitle(track: Track): string {
  const effects = track.effects ?? [];
  if (effects.length === 0) return 'Track effects: add an equalizer, filter or compressor heard as the track plays';
  return `Track effects: ${effects.map((e) => `${describeEffect(e)}${e.on ? '' : ' (off)'}`).join(', ')}`;
}
