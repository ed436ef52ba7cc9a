import { useRef } from 'react';
import { clearTempo, setClick, setTempo } from '../../app/tempo';
import { TEMPO_RANGE, TIME_SIGNATURES } from '../../project/tempo';
import { CLICK_LEVEL_RANGE, COUNT_IN_BARS } from '../../store/click-settings';
import { useProjectGrid, useServices, useStudio } from '../studio-context';
import { ActionButton } from './ActionButton';
import { usePopover } from './popover';

const countInText = (bars: number) => (bars === 0 ? 'No count-in' : `Count in ${bars} bar${bars > 1 ? 's' : ''}`);

/** The project's tempo and time signature, and the metronome's switch, as a DAW's transport shows them: the tempo
 * and signature on a button that opens their settings (typed, chosen or tapped; the count-in and the click's level),
 * so the transport keeps to one row in a small window. */
export function TempoControl() {
  const services = useServices();
  const tempo = useStudio((s) => s.project.tempo);
  const grid = useProjectGrid();
  const click = useStudio((s) => s.click);
  const bpm = grid ? String(Math.round(grid.bpm * 10) / 10) : '';
  const panel = useRef<HTMLDetailsElement>(null);
  usePopover(panel);

  return (
    <>
      <details className="tempo" ref={panel}>
        <summary
          data-testid="tempo-summary"
          title="The project's tempo and time signature: click to set them, tap a tempo, or set the count-in"
        >
          ♩ {grid ? `${bpm} · ${grid.beatsPerBar}/${grid.beatUnit}` : 'Tempo'}
        </summary>
        <div className="tempo-panel" role="group" aria-label="Tempo and metronome">
          <label
            className="param"
            title={`The project's tempo, ${TEMPO_RANGE.min} to ${TEMPO_RANGE.max} beats per minute: the ruler's bars, the clock, snapping and the metronome follow it${tempo ? '' : grid ? ' (now the tempo Analyze heard)' : ''}`}
          >
            Tempo
            <input
              key={bpm}
              type="number"
              min={TEMPO_RANGE.min}
              max={TEMPO_RANGE.max}
              step="0.1"
              placeholder="BPM"
              data-testid="project-tempo"
              defaultValue={bpm}
              onBlur={(e) => {
                if (e.target.value === bpm || e.target.value === '') return;
                setTempo(services, { bpm: Number(e.target.value) });
                e.target.value = bpm; // a tempo refused goes back to the one the project has (a new one redraws the field)
              }}
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
            />
          </label>
          <select
            data-testid="time-signature"
            aria-label="Time signature"
            title="The time signature: beats in a bar over the note a beat is"
            value={grid ? `${grid.beatsPerBar}/${grid.beatUnit}` : ''}
            onChange={(e) => {
              const [beatsPerBar, beatUnit] = e.target.value.split('/').map(Number);
              setTempo(services, { beatsPerBar, beatUnit });
            }}
          >
            {!grid && <option value="">–/–</option>}
            {TIME_SIGNATURES.map(([n, d]) => (
              <option key={`${n}/${d}`} value={`${n}/${d}`}>
                {n}/{d}
              </option>
            ))}
          </select>
          {grid && (
            <>
              <button
                type="button"
                data-testid="tempo-double"
                title="Double the tempo (Analyze, or a tap, may have heard it half-time)"
                onClick={() => setTempo(services, { bpm: grid.bpm * 2 }, 'Double the tempo')}
              >
                ×2
              </button>
              <button
                type="button"
                data-testid="tempo-halve"
                title="Halve the tempo (heard double-time)"
                onClick={() => setTempo(services, { bpm: grid.bpm / 2 }, 'Halve the tempo')}
              >
                ÷2
              </button>
            </>
          )}
          <ActionButton name="tapTempo" text="Tap" />
          <ActionButton name="tempoFromSelection" text="From selection" />
          <ActionButton name="downbeatAtPlayhead" text="Bar 1 here" />
          <ActionButton name="quantize" text="Quantize" />
          <ActionButton name="splitAtBars" text="Split at bars" />
          <ActionButton name="fitToBars" text="Fit to bars" />
          {tempo && (
            <button
              type="button"
              data-testid="tempo-clear"
              title="Take the tempo away from the project (the grid Analyze heard, if any, comes back)"
              onClick={() => clearTempo(services)}
            >
              No tempo
            </button>
          )}
          <select
            data-testid="count-in"
            aria-label="Count-in"
            title="Bars of clicks before a take begins (with the metronome on); they are not recorded"
            value={click.countInBars}
            onChange={(e) => setClick(services, { countInBars: Number(e.target.value) })}
          >
            {COUNT_IN_BARS.map((bars) => (
              <option key={bars} value={bars}>
                {countInText(bars)}
              </option>
            ))}
          </select>
          <label className="param" title={`The metronome's level: ${click.levelDb} dBFS`}>
            Level
            <input
              type="range"
              data-testid="click-level"
              title={`The metronome's level: ${click.levelDb} dBFS`}
              min={CLICK_LEVEL_RANGE.min}
              max={CLICK_LEVEL_RANGE.max}
              step={1}
              value={click.levelDb}
              onChange={(e) => setClick(services, { levelDb: Number(e.target.value) })}
            />
          </label>
        </div>
      </details>
      <ActionButton name="metronome" text="Click" pressed={click.on} />
    </>
  );
}
