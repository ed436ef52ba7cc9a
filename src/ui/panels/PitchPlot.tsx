import { type KeyboardEvent, type PointerEvent, useState } from 'react';
import type { EditedLine } from '../../app/pitch-editor';
import { noteName, pitchText } from '../../dsp/notes';
import { movedLater, movedShift, pitchPath, pitchView, sampleAt, semitoneHeight, xOf, yOf } from './pitch-plot';
import { useStudio } from '../studio-context';

const PLOT = { width: 560, height: 240 };
const FREE_STEP_SEMITONES = 0.1;
const KEY_STEPS: Record<string, number> = { ArrowUp: 1, ArrowDown: -1, PageUp: 12, PageDown: -12, Home: 0 };
/** ← and →: a note 10 ms earlier or later (with Alt, 1 ms). */
const TIME_STEPS: Record<string, number> = { ArrowLeft: -0.01, ArrowRight: 0.01 };
/** A drag decides whether it moves pitch or time once it has gone this far, px. */
const AXIS_PX = 4;

/** The Pitch editor's plot: a piano-roll grid (C's named), the line's pitch, and its notes as blocks to move. A click
 * selects a note (Shift+click adds one or takes it away); keys and drags move every selected note alike, up and
 * down in pitch or, dragged sideways or with ← →, in time; a double-click cuts a note in two there. */
export function PitchPlot({
  line,
  shifts,
  onShifts,
  later,
  onLater,
  selected,
  onSelected,
  onSplit,
}: {
  line: EditedLine;
  shifts: number[];
  onShifts: (shifts: number[]) => void;
  /** Each note's move in time, samples later. */
  later: number[];
  onLater: (later: number[]) => void;
  selected: ReadonlySet<number>;
  onSelected: (change: (was: ReadonlySet<number>) => ReadonlySet<number>) => void;
  /** Cuts note `index` at timeline sample `at`. */
  onSplit: (index: number, at: number) => void;
}) {
  const view = pitchView(line, shifts, PLOT.width, PLOT.height);
  const semitones = Array.from({ length: view.high - view.low + 1 }, (_, i) => view.low + i);
  const rate = useStudio((s) => s.project.sampleRate);
  const [dragFrom, setDragFrom] = useState<{
    x: number;
    y: number;
    shifts: number[];
    later: number[];
    axis: 'pitch' | 'time' | null;
  } | null>(null);
  const together = (note: number) => (selected.has(note) ? selected : new Set([note]));
  /** Each note moved with `note` (itself, and the others selected with it) given its new shift. */
  const move = (note: number, from: number[], shiftOf: (k: number, shift: number) => number) => {
    const moving = together(note);
    onShifts(from.map((shift, k) => (moving.has(k) ? shiftOf(k, shift) : shift)));
  };
  const midiOf = (k: number) => line.notes[k].midi;
  const onKeyDown = (note: number, e: KeyboardEvent) => {
    const seconds = TIME_STEPS[e.key];
    if (seconds !== undefined) {
      e.preventDefault();
      onLater(movedLater(line, later, together(note), Math.round((e.altKey ? seconds / 10 : seconds) * rate), rate));
      return;
    }
    const step = KEY_STEPS[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const by = e.altKey ? step * FREE_STEP_SEMITONES : step;
    move(note, shifts, (k, shift) => (step === 0 ? 0 : movedShift(midiOf(k), shift, by, e.altKey)));
  };
  const select = (note: number, add: boolean) =>
    onSelected((was) => {
      if (!add) return was.has(note) ? was : new Set([note]);
      const next = new Set(was);
      if (!next.delete(note)) next.add(note);
      return next;
    });
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
      {line.notes.map((note, i) => {
        const shift = shifts[i] ?? 0;
        const placed = note.midi + shift / 100;
        const height = semitoneHeight(view);
        const moved = later[i] ?? 0;
        const when = moved
          ? `, ${Math.round((1000 * Math.abs(moved)) / rate)} ms ${moved > 0 ? 'later' : 'earlier'}`
          : '';
        return (
          <div
            key={note.start}
            className={`pitch-note${shift !== 0 || moved !== 0 ? ' moved' : ''}${selected.has(i) ? ' selected' : ''}`}
            data-later={moved}
            data-testid={`pitch-note-${i}`}
            data-midi={placed.toFixed(2)}
            role="slider"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={`Note ${i + 1}, sung ${pitchText(note.midi)}`}
            aria-valuemin={-1200}
            aria-valuemax={1200}
            aria-valuenow={shift}
            aria-valuetext={pitchText(placed)}
            data-selected={selected.has(i)}
            title={`Sung ${pitchText(note.midi)}${shift ? `, moved to ${pitchText(placed)}` : ''}${when}`}
            style={{
              left: xOf(view, line, note.start + moved),
              width: Math.max(4, xOf(view, line, note.end) - xOf(view, line, note.start)),
              top: yOf(view, placed) - height / 2,
              height,
            }}
            onKeyDown={(e) => onKeyDown(i, e)}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              select(i, e.shiftKey);
              setDragFrom({ x: e.clientX, y: e.clientY, shifts, later, axis: null });
            }}
            onPointerMove={(e: PointerEvent) => {
              if (!dragFrom) return;
              const [dx, dy] = [e.clientX - dragFrom.x, dragFrom.y - e.clientY];
              let { axis } = dragFrom;
              if (!axis && Math.max(Math.abs(dx), Math.abs(dy)) >= AXIS_PX) {
                axis = Math.abs(dx) > Math.abs(dy) ? 'time' : 'pitch';
                setDragFrom({ ...dragFrom, axis });
              }
              if (axis === 'pitch')
                move(i, dragFrom.shifts, (k, shift) => movedShift(midiOf(k), shift, dy / height, e.altKey));
              if (axis === 'time') {
                const samples = Math.round((dx / view.width) * (line.range.end - line.range.start));
                onLater(movedLater(line, dragFrom.later, together(i), samples, rate));
              }
            }}
            onPointerUp={() => setDragFrom(null)}
            onDoubleClick={(e) => {
              const plot = e.currentTarget.parentElement!.getBoundingClientRect();
              onSplit(i, sampleAt(view, line, e.clientX - plot.left));
            }}
          >
            <span>{pitchText(placed)}</span>
          </div>
        );
      })}
    </div>
  );
}
