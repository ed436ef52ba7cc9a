import { CLOCK_FORMATS, formatClock } from '../format';
import { selectionIn } from '../../store/studio-store';
import { useProjectGrid, useServices, useStudio } from '../studio-context';
import { SPEED_RANGE } from '../../playback/player';
import { ActionButton } from './ActionButton';
import { LevelMeter } from './LevelMeter';
import { Tuner } from './Tuner';
import { MasterControl } from './MasterControl';
import { TempoControl } from './TempoControl';

/** A time of the selection, typed: it lands on Enter or leaving the field, even unchanged (so a time selection
 * typed over a drawn box is a plain time selection again). */
function SecondsInput({
  label,
  testId,
  value,
  onCommit,
}: {
  label: string;
  testId: string;
  value: number;
  onCommit: (seconds: number) => void;
}) {
  return (
    <label className="param">
      {label}
      <input
        key={value}
        type="number"
        step="0.001"
        min="0"
        data-testid={testId}
        defaultValue={value.toFixed(3)}
        onBlur={(e) => onCommit(Number(e.target.value))}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
}

/** Play controls, the clock, the typed selection and zoom. */
export function TransportBar() {
  const { store } = useServices();
  const rate = useStudio((s) => s.project.sampleRate);
  const playhead = useStudio((s) => s.playhead);
  const playing = useStudio((s) => s.playing);
  const loop = useStudio((s) => s.loop);
  const speed = useStudio((s) => s.playbackSpeed);
  const selection = useStudio((s) => s.selection);
  const clockFormat = useStudio((s) => s.clockFormat);
  const grid = useProjectGrid();
  // Bars and beats only where the project has a beat grid.
  const formats = CLOCK_FORMATS.filter((f) => f !== 'beats' || grid);
  const next = formats[(formats.indexOf(clockFormat) + 1) % formats.length];

  /** Typing a start past the end moves the end along (and the reverse), as in other editors' selection toolbars. */
  const setSelection = (edge: 'start' | 'end', seconds: number) => {
    const state = store.getState();
    const value = Math.round(Math.max(0, Number.isFinite(seconds) ? seconds : 0) * rate);
    const current = selectionIn(state.selection, state.project) ?? { start: 0, end: 0, trackIds: [] };
    const start = edge === 'start' ? value : Math.min(current.start, value);
    const end = edge === 'end' ? value : Math.max(current.end, value);
    const trackIds = current.trackIds.length ? current.trackIds : state.project.tracks.map((t) => t.id);
    state.selectRange({ start, end, trackIds });
    state.seek(start);
  };

  return (
    <div className="transport" role="group" aria-label="Transport">
      <ActionButton name="toStart" text="|◀" />
      <ActionButton name="playPause" text={playing ? '⏸ Pause' : '▶ Play'} />
      <ActionButton name="stop" text="■ Stop" />
      <ActionButton name="loop" text="⟲ Loop" pressed={loop} />
      <label
        className="param speed"
        title="Play-at-speed, as Audacity's: playback slower or faster, the pitch with it; the project is untouched. Double-click for 1×."
      >
        Speed
        <input
          type="range"
          data-testid="playback-speed"
          min={SPEED_RANGE.min}
          max={SPEED_RANGE.max}
          step={0.05}
          value={speed}
          onChange={(e) => store.getState().set({ playbackSpeed: Number(e.target.value) })}
          onDoubleClick={() => store.getState().set({ playbackSpeed: 1 })}
        />
        <output data-testid="playback-speed-value">{speed.toFixed(2)}×</output>
      </label>
      <button
        type="button"
        className="clock"
        data-testid="clock"
        title={`The playhead as ${clockFormat === 'beats' ? "bar.beat.hundredths (on the project's tempo, or the beat grid Analyze heard)" : clockFormat}: click for ${next}`}
        onClick={() => store.getState().set({ clockFormat: next })}
      >
        {formatClock(playhead, rate, clockFormat, grid)}
      </button>
      <TempoControl />
      <LevelMeter />
      <Tuner />
      <MasterControl />
      <span className="rate" data-testid="project-rate">
        {rate / 1000} kHz
      </span>
      <SecondsInput
        label="Start"
        testId="selection-start"
        value={(selection?.start ?? 0) / rate}
        onCommit={(v) => setSelection('start', v)}
      />
      <SecondsInput
        label="End"
        testId="selection-end"
        value={(selection?.end ?? 0) / rate}
        onCommit={(v) => setSelection('end', v)}
      />
      <ActionButton name="zoomOut" text="−" />
      <ActionButton name="zoomIn" text="+" />
      <ActionButton name="zoomFit" text="Fit" />
    </div>
  );
}
