import { runAction } from '../../actions/registry';
import { setTrackInstrument, transposeTrack } from '../../app/instrument';
import { INSTRUMENT_NAMES, INSTRUMENTS, type Instrument } from '../../dsp/instruments';
import type { Track } from '../../project/types';
import { useServices } from '../studio-context';

/** An instrument track's instrument and transposition, in its header (only where its clips are notes: MIDI parts). */
export function InstrumentRow({ track }: { track: Track }) {
  const services = useServices();
  const parts = track.clips.flatMap((c) => (c.part ? [c.part] : []));
  if (parts.length === 0) return null;
  const mixed = parts.some((p) => p.instrument !== parts[0].instrument);
  const transpose = (shift: boolean, sign: number) => transposeTrack(services, track.id, sign * (shift ? 12 : 1));
  return (
    <div className="header-row instrument-row">
      <select
        data-testid="track-instrument"
        aria-label={`Instrument of ${track.name}`}
        title="The built-in instrument its notes play on (its MIDI part played again on another: one undo step)"
        value={mixed ? '' : parts[0].instrument}
        onChange={(e) => setTrackInstrument(services, track.id, e.target.value as Instrument)}
      >
        {mixed && <option value="">Several</option>}
        {INSTRUMENTS.map((i) => (
          <option key={i} value={i}>
            {INSTRUMENT_NAMES[i]}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="track-notes"
        title="Piano roll: its notes to move, lengthen, add and delete (Alt+N)"
        onClick={() => void runAction('pianoRoll', services, { trackId: track.id })}
      >
        ♪
      </button>
      <button
        type="button"
        data-testid="track-transpose-down"
        title="Transpose its notes down a semitone (Shift+click: an octave)"
        onClick={(e) => transpose(e.shiftKey, -1)}
      >
        ♭
      </button>
      <button
        type="button"
        data-testid="track-transpose-up"
        title="Transpose its notes up a semitone (Shift+click: an octave)"
        onClick={(e) => transpose(e.shiftKey, 1)}
      >
        ♯
      </button>
    </div>
  );
}
