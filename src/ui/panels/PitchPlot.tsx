import { type KeyboardEvent, type PointerEvent, useState } from 'react';
import type { EditedLine } from '../../app/pitch-editor';
import { noteName, pitchText } from '../../dsp/notes';
import { movedShift, pitchPath, pitchView, sampleAt, semitoneHeight, xOf, yOf } from './pitch-plot';

const PLOT = { width: 560, height: 240 };
const FREE_STEP_SEMITONES = 0.1;
const KEY_STEPS: Record<string, number> = { ArrowUp: 1, ArrowDown: -1, PageUp: 12, PageDown: -12, Home: 0 };

/** The Pitch editor's plot: a piano-roll grid (C's named), the line's pitch, and its notes as blocks to move. A click
 * selects a note (Shift+click adds one or takes it away); keys and drags move every selected note alike; a
 * double-click cuts a note in two there. */
export function PitchPlot({
  line,
  shifts,
  onShifts,
  selected,
  onSelected,
  onSplit,
}: {
  line: EditedLine;
  shifts: number[];
  onShifts: (shifts: number[]) => void;
  selected: ReadonlySet<number>;
  onSelected: (change: (was: ReadonlySet<number>) => ReadonlySet<number>) => void;
  /** Cuts note `index` at timeline sample `at`. */
  onSplit: (index: number, at: number) => void;
}) {
  const view = pitchView(line, shifts, PLOT.width, PLOT.height);
  const semitones = Array.from({ length: view.high - view.low + 1 }, (_, i) => view.low + i);
  const [dragFrom, setDragFrom] = useState<{ y: number; shifts: number[] } | null>(null);
  /** Each note moved with `note` (itself, and the others selected with it) given its new shift. */
  const move = (note: number, from: number[], shiftOf: (k: number, shift: number) => number) => {
    const together = selected.has(note) ? selected : new Set([note]);
    onShifts(from.map((shift, k) => (together.has(k) ? shiftOf(k, shift) : shift)));
  };
  const midiOf = (k: number) => line.notes[k].midi;
  const onKeyDown = (note: number, e: KeyboardEvent) => {
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
        return (
          <div
            key={note.start}
            className={`pitch-note${shift !== 0 ? ' moved' : ''}${selected.has(i) ? ' selected' : ''}`}
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
            title={`Sung ${pitchText(note.midi)}${shift ? `, moved to ${pitchText(placed)}` : ''}`}
            style={{
              left: xOf(view, line, note.start),
              width: Math.max(4, xOf(view, line, note.end) - xOf(view, line, note.start)),
              top: yOf(view, placed) - height / 2,
              height,
            }}
            onKeyDown={(e) => onKeyDown(i, e)}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              select(i, e.shiftKey);
              setDragFrom({ y: e.clientY, shifts });
            }}
            onPointerMove={(e: PointerEvent) => {
              if (!dragFrom) return;
              const by = (dragFrom.y - e.clientY) / height;
              move(i, dragFrom.shifts, (k, shift) => movedShift(midiOf(k), shift, by, e.altKey));
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
