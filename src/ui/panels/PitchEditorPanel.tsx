import { useCallback, useEffect, useState } from 'react';
import {
  type EditedLine,
  joinNotes,
  labelLineNotes,
  moveNotes,
  type NoteLayout,
  previewNotes,
  readLine,
  lineToInstrument,
  saveLineMidi,
  splitNote,
} from '../../app/pitch-editor';
import { PREVIEW_SECONDS } from '../../app/preview';
import { addHarmony } from '../../app/harmony';
import { HARMONIES, type Harmony } from '../../dsp/harmony';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';
import { movedShift, quantizedLater } from './pitch-plot';
import { projectGrid } from '../../project/tempo';
import { PitchPlot } from './PitchPlot';

/** The Pitch editor (Alt+P), as Melodyne's note editor: the pitch line of the selection on one track with its notes
 * as blocks on a piano-roll grid; a note dragged up or down (or moved with the arrow keys) lands on a semitone, or
 * moves by cents with Alt; a double-click cuts a note in two, Join makes the selected neighbours one; Apply shifts the
 * moved notes in one undoable step, the rest of the line left as it was. */
export function PitchEditorPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const busy = useStudio((s) => s.busy);
  const previewing = useStudio((s) => s.previewing);
  const [line, setLine] = useState<EditedLine | string | null>(null);
  const [shifts, setShifts] = useState<number[]>([]);
  const [later, setLater] = useState<number[]>([]);
  const [straighten, setStraighten] = useState(0);
  const [harmony, setHarmony] = useState<Harmony>('a third above');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const rate = useStudio((s) => s.project.sampleRate);
  const notify = useStudio((s) => s.notify);
  // Worked out from the project, not in the selector: a grid read off a track is a new object each time.
  const grid = projectGrid(useStudio((s) => s.project));
  const read = useCallback(() => {
    setLine(null);
    readLine(services).then(
      (l) => {
        setLine(l);
        setShifts(typeof l === 'string' ? [] : l.notes.map(() => 0));
        setLater(typeof l === 'string' ? [] : l.notes.map(() => 0));
        setSelected(new Set());
      },
      (e: Error) => setLine(`Not read: ${e.message}`),
    );
  }, [services]);
  useEffect(read, [read]);
  const edited = typeof line === 'string' ? null : line;
  /** The notes laid out anew (cut or joined), the one at `select` selected; or why not, said. */
  const relay = (layout: NoteLayout | null, select: number, why: string) => {
    if (!layout) return notify('info', why);
    setLine(layout.line);
    setShifts([...layout.moves.cents]);
    setLater([...layout.moves.later]);
    setSelected(new Set([select]));
  };
  const joinable = [...selected].sort((a, b) => a - b);
  const canJoin = joinable.length > 1 && joinable.every((k, i) => i === 0 || k === joinable[i - 1] + 1);
  const moves = { cents: shifts, later };
  const moved = shifts.some((c) => c !== 0) || later.some((t) => t !== 0) || straighten > 0;
  const apply = async () => {
    if (edited && (await moveNotes(services, edited, moves, straighten))) {
      setStraighten(0);
      read();
    }
  };
  return (
    <Panel title="Pitch editor" testId="pitch-editor" onClose={onClose}>
      <p className="muted" data-testid="pitch-editor-what">
        {line === null
          ? 'Reading the notes…'
          : typeof line === 'string'
            ? line
            : line.notes.length
              ? `${line.notes.length} note${line.notes.length === 1 ? '' : 's'}: drag one up or down (Alt: by cents), or select it and press ↑ ↓; double-click to cut one in two.`
              : 'No notes here: nothing in the selection has a steady pitch (one voice or instrument, one note at a time).'}
      </p>
      {edited && edited.notes.length > 0 && (
        <PitchPlot
          line={edited}
          shifts={shifts}
          onShifts={setShifts}
          later={later}
          onLater={setLater}
          selected={selected}
          onSelected={setSelected}
          onSplit={(index, at) =>
            relay(
              splitNote(edited, moves, index, at, rate),
              index + 1,
              'A note is cut where each part is 60 ms long at least and has a pitch.',
            )
          }
        />
      )}
      <div className="actions-row">
        <button
          type="button"
          data-testid="pitch-editor-snap"
          disabled={!edited?.notes.length}
          title="Move every note's centre onto its nearest semitone"
          onClick={() => edited && setShifts(edited.notes.map((n) => movedShift(n.midi, 0, 0, false)))}
        >
          Centre on notes
        </button>
        <button
          type="button"
          data-testid="pitch-editor-quantize"
          disabled={!edited?.notes.length || !grid}
          title={
            grid
              ? "Move every note's start onto the nearest sixteenth of the project's beat"
              : 'The project has no tempo: set one (Tempo) or Analyze a track with a beat'
          }
          onClick={() => edited && grid && setLater(quantizedLater(edited, later, grid, 4, rate))}
        >
          Quantize time
        </button>
        <label className="param" title="Draw each note's wobble and vibrato towards its centre (100 %: flat)">
          straighten %
          <input
            type="number"
            data-testid="pitch-editor-straighten"
            min={0}
            max={100}
            step={10}
            value={straighten}
            onChange={(e) => setStraighten(Math.min(100, Math.max(0, Number(e.target.value) || 0)))}
          />
        </label>
        <button
          type="button"
          data-testid="pitch-editor-join"
          disabled={!canJoin}
          title="Make the selected notes (next to each other) one note"
          onClick={() =>
            edited &&
            relay(
              joinNotes(edited, moves, joinable[0], joinable[joinable.length - 1]),
              joinable[0],
              'These notes have no pitch to join.',
            )
          }
        >
          Join
        </button>
        <button
          type="button"
          data-testid="pitch-editor-reset"
          disabled={!moved}
          onClick={() => {
            setShifts(shifts.map(() => 0));
            setLater(later.map(() => 0));
            setStraighten(0);
          }}
        >
          Reset
        </button>
        <button
          type="button"
          data-testid="pitch-editor-label"
          disabled={!edited?.notes.length}
          title="The notes, where they are now, as labels on the track (Labels .txt exports them)"
          onClick={() => edited && labelLineNotes(services, edited, moves)}
        >
          Label notes
        </button>
        <button
          type="button"
          data-testid="pitch-editor-midi"
          disabled={!edited?.notes.length}
          title="The notes, where they are now, as a MIDI file at the project's tempo"
          onClick={() => edited && saveLineMidi(services, edited, moves)}
        >
          Save MIDI
        </button>
        <button
          type="button"
          data-testid="pitch-editor-instrument"
          disabled={!edited?.notes.length}
          title="The notes, where they are now, as a new instrument track on the piano, as a DAW's audio to MIDI"
          onClick={() => edited && lineToInstrument(services, edited, moves)}
        >
          To instrument track
        </button>
        <label
          className="param"
          title="In the key set beside Correct pitch (the project's, the line's own, or one named)"
        >
          harmony
          <select
            data-testid="pitch-editor-harmony"
            value={harmony}
            onChange={(e) => setHarmony(e.target.value as Harmony)}
          >
            {(Object.keys(HARMONIES) as Harmony[]).map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="pitch-editor-add-harmony"
          disabled={!edited?.notes.length || busy !== null}
          title="The line's notes moved by the interval, on a new track"
          onClick={() => edited && void addHarmony(services, edited, harmony)}
        >
          Add harmony
        </button>
        <button type="button" data-testid="pitch-editor-read" disabled={busy !== null} onClick={read}>
          Read the selection
        </button>
        <button
          type="button"
          data-testid="pitch-editor-preview"
          disabled={!edited || (!moved && !previewing) || busy !== null}
          title={`Hear the moves (${PREVIEW_SECONDS} s from just before the first note changed), the project untouched`}
          onClick={() => edited && void previewNotes(services, edited, moves, straighten)}
        >
          {previewing ? 'Stop preview' : 'Preview'}
        </button>
        <button type="button" data-testid="pitch-editor-apply" disabled={!moved || busy !== null} onClick={apply}>
          Apply
        </button>
      </div>
    </Panel>
  );
}
