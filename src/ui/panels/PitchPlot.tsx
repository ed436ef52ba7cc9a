import { type KeyboardEvent, type PointerEvent, useState } from 'react';
import type { EditedLine } from '../../app/pitch-editor';
import { noteName, pitchText } from '../../dsp/notes';
import { movedShift, type PitchView, pitchPath, pitchView, semitoneHeight, xOf, yOf } from './pitch-plot';

const PLOT = { width: 560, height: 240 };
const FREE_STEP_SEMITONES = 0.1;
const KEY_STEPS: Record<string, number> = { ArrowUp: 1, ArrowDown: -1, PageUp: 12, PageDown: -12, Home: 0 };

/** The Pitch editor's plot: a piano-roll grid (C's named), the line's pitch, and its notes as blocks to move. */
export function PitchPlot({
  line,
  shifts,
  onShift,
}: {
  line: EditedLine;
  shifts: number[];
  onShift: (note: number, cents: number) => void;
}) {
  const view = pitchView(line, shifts, PLOT.width, PLOT.height);
  const semitones = Array.from({ length: view.high - view.low + 1 }, (_, i) => view.low + i);
  return (
    <div className="pitch-plot" style={{ width: PLOT.width, height: PLOT.height }}>
      <svg width={PLOT.width} height={PLOT.height} role="img" aria-label="The pitch line and its notes">
        {semitones.map((m) => (
          <g key={m} className={m % 12 === 0 ? 'pitch-c' : undefined}>
            <line x1={0} x2={PLOT.width} y1={yOf(view, m)} y2={yOf(view, m)} />
            {m % 12 === 0 && (
              <text x={2} y={yOf(view, m) - 2}>
                {noteName(m)}
              </text>
            )}
          </g>
        ))}
        <path className="pitch-line" data-testid="pitch-line" d={pitchPath(view, line)} />
      </svg>
      {line.notes.map((note, i) => (
        <NoteBlock
          key={note.start}
          index={i}
          view={view}
          line={line}
          shift={shifts[i] ?? 0}
          onShift={(cents) => onShift(i, cents)}
        />
      ))}
    </div>
  );
}

/** One note: a vertical slider of its shift, drawn where the shift puts it. */
function NoteBlock({
  index,
  view,
  line,
  shift,
  onShift,
}: {
  index: number;
  view: PitchView;
  line: EditedLine;
  shift: number;
  onShift: (cents: number) => void;
}) {
  const note = line.notes[index];
  const [drag, setDrag] = useState<{ y: number; shift: number } | null>(null);
  const placed = note.midi + shift / 100;
  const height = semitoneHeight(view);
  // As a slider's keys: ↑ ↓ a semitone (Alt: 10 cents), Page Up and Down an octave, Home back to as sung.
  const onKeyDown = (e: KeyboardEvent) => {
    const step = KEY_STEPS[e.key];
    if (step === undefined) return;
    e.preventDefault();
    if (step === 0) onShift(0);
    else onShift(movedShift(note.midi, shift, e.altKey ? step * FREE_STEP_SEMITONES : step, e.altKey));
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag) return;
    onShift(movedShift(note.midi, drag.shift, (drag.y - e.clientY) / height, e.altKey));
  };
  return (
    <div
      className={`pitch-note${shift !== 0 ? ' moved' : ''}`}
      data-testid={`pitch-note-${index}`}
      data-midi={placed.toFixed(2)}
      role="slider"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={`Note ${index + 1}, sung ${pitchText(note.midi)}`}
      aria-valuemin={-1200}
      aria-valuemax={1200}
      aria-valuenow={shift}
      aria-valuetext={pitchText(placed)}
      title={`Sung ${pitchText(note.midi)}${shift ? `, moved to ${pitchText(placed)}` : ''}`}
      style={{
        left: xOf(view, line, note.start),
        width: Math.max(4, xOf(view, line, note.end) - xOf(view, line, note.start)),
        top: yOf(view, placed) - height / 2,
        height,
      }}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag({ y: e.clientY, shift });
      }}
      onPointerMove={onPointerMove}
      onPointerUp={() => setDrag(null)}
    >
      <span>{pitchText(placed)}</span>
    </div>
  );
}
