import { type KeyboardEvent, type PointerEvent, useState } from 'react';
import { type MidiNote, noteName } from '../../dsp/notes';
import {
  addNote,
  deleteNotes,
  duplicateNotes,
  moveNotes,
  notesInBox,
  type NoteGrid,
  quantizeNotes,
  resizeNote,
  snapSeconds,
  sortNotes,
} from '../../project/note-edit';
import { NumberField } from '../NumberField';
import { EDGE_PX, noteAt, ROLL, type RollView, rollWidth, rowHeight, secondsAt, xOf, yOf } from './piano-roll';

/** A selection box being drawn: where it was pressed and where the pointer is, px. */
interface Box {
  x: number;
  y: number;
  to: { x: number; y: number };
  adding: boolean;
}

interface Drag {
  kind: 'move' | 'resize';
  index: number;
  x: number;
  y: number;
}

/** Arrow keys: semitones up and down (Shift: an octave), a grid step either way in time. */
const PITCH_KEYS: Record<string, number> = { ArrowUp: 1, ArrowDown: -1 };
const TIME_KEYS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1 };
const BLACK_KEYS = [1, 3, 6, 8, 10];
/** A press that moves less than this (px) is a click: it selects and changes nothing. */
const STILL_PX = 3;

/**
 * A part's notes on a piano roll, as a DAW's MIDI editor: a click selects a note and plays it (Shift+click adds or
 * takes one away), a drag moves the selected notes in time and pitch on the grid, a drag of a note's right edge
 * lengthens it, a double-click on the grid adds a note a beat long, a drag on the grid selects the notes its box
 * crosses; arrows move the selection, Delete removes it, Ctrl/Cmd+D duplicates it after itself, Q quantizes it,
 * Velocity sets its loudness. Each gesture is one edit (`onEdit`), drawn as it goes and played again
 * when let go.
 */
export function PianoRoll({
  notes,
  view,
  grid,
  onEdit,
  onHear,
}: {
  notes: MidiNote[];
  view: RollView;
  grid: NoteGrid;
  onEdit: (notes: MidiNote[], label: string) => void;
  /** Plays a note clicked or added, as a DAW auditions it. */
  onHear: (note: MidiNote) => void;
}) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [drag, setDrag] = useState<Drag | null>(null);
  const [preview, setPreview] = useState<MidiNote[] | null>(null);
  const [box, setBox] = useState<Box | null>(null);
  const shown = preview ?? notes;
  const row = rowHeight(view);
  const semitones = Array.from({ length: view.high - view.low + 1 }, (_, i) => view.low + i);
  const steps = Math.floor((view.seconds - grid.phase) / grid.step) + 1;
  const beats = Array.from({ length: steps }, (_, k) => grid.phase + k * grid.step).filter((_, k) => k % 4 === 0);

  /** Edits the notes, keeping the selection on the same notes wherever they sort to. */
  const edit = (next: MidiNote[], label: string, chosen: ReadonlySet<number>) => {
    const sorted = sortNotes(next, chosen);
    setSelected(sorted.indices);
    onEdit(sorted.notes, label);
  };
  const point = (e: PointerEvent | React.MouseEvent) => {
    const box = (e.currentTarget as Element).closest('svg')!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onNoteDown = (index: number, e: PointerEvent<SVGRectElement>) => {
    e.stopPropagation();
    const { x, y } = point(e);
    const chosen = e.shiftKey ? toggled(selected, index) : selected.has(index) ? selected : new Set([index]);
    setSelected(chosen);
    if (!chosen.has(index)) return;
    onHear(notes[index]);
    (e.currentTarget.ownerSVGElement as SVGSVGElement).setPointerCapture(e.pointerId);
    const edge = xOf(view, notes[index].endSeconds) - x <= EDGE_PX;
    setDrag({ kind: edge ? 'resize' : 'move', index, x, y });
  };
  const dragged = (e: PointerEvent): MidiNote[] => {
    const { x, y } = point(e);
    if (!drag || Math.hypot(x - drag.x, y - drag.y) < STILL_PX) return notes;
    if (drag.kind === 'resize') return resizeNote(notes, drag.index, snapSeconds(secondsAt(view, x), grid));
    // Whole steps of the grid: notes played off it keep their feel as they move.
    const steps = Math.round((secondsAt(view, x) - secondsAt(view, drag.x)) / grid.step);
    return moveNotes(notes, selected, steps * grid.step, Math.round((drag.y - y) / row));
  };
  /** A press on the grid itself starts a box: the notes it crosses are selected (Shift: added); a click clears. */
  const onGridDown = (e: PointerEvent<SVGSVGElement>) => {
    const { x, y } = point(e);
    e.currentTarget.setPointerCapture(e.pointerId);
    setBox({ x, y, to: { x, y }, adding: e.shiftKey });
  };
  const boxed = (b: Box) => {
    const [x0, x1] = [Math.min(b.x, b.to.x), Math.max(b.x, b.to.x)];
    const [y0, y1] = [Math.min(b.y, b.to.y), Math.max(b.y, b.to.y)];
    return notesInBox(notes, secondsAt(view, x0), secondsAt(view, x1), noteAt(view, y1), noteAt(view, y0));
  };
  const onMove = (e: PointerEvent) => {
    if (box) setBox({ ...box, to: point(e) });
    if (drag) setPreview(dragged(e));
  };
  const onUp = (e: PointerEvent) => {
    if (box) {
      const done = { ...box, to: point(e) };
      setBox(null);
      const still = Math.hypot(done.to.x - done.x, done.to.y - done.y) < STILL_PX;
      const found = still ? new Set<number>() : boxed(done);
      setSelected(done.adding ? new Set([...selected, ...found]) : found);
      return;
    }
    if (!drag) return;
    const next = dragged(e);
    setDrag(null);
    setPreview(null);
    if (next.some((n, i) => n !== notes[i] && !same(n, notes[i])))
      edit(next, drag.kind === 'resize' ? 'Lengthen note' : 'Move notes', selected);
  };
  const onDoubleClick = (e: React.MouseEvent) => {
    const { x, y } = point(e);
    const start = snapSeconds(secondsAt(view, x) - grid.step / 2, grid);
    const note = { startSeconds: start, endSeconds: start + 4 * grid.step, note: noteAt(view, y), velocity: 100 };
    const added = addNote(notes, note);
    onHear(note);
    edit(added.notes, `Add note ${noteName(note.note)}`, new Set([added.index]));
  };
  const quantize = () => edit(quantizeNotes(notes, selected, grid), 'Quantize notes', selected);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key.toLowerCase() === 'q' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      quantize();
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      if (selected.size)
        edit(deleteNotes(notes, selected), selected.size > 1 ? 'Delete notes' : 'Delete note', new Set());
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      e.stopPropagation();
      const copied = duplicateNotes(notes, selected, grid);
      if (copied.indices.size) edit(copied.notes, 'Duplicate notes', copied.indices);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      e.stopPropagation();
      setSelected(new Set(notes.map((_, i) => i)));
      return;
    }
    const pitch = PITCH_KEYS[e.key];
    const time = TIME_KEYS[e.key];
    if ((pitch === undefined && time === undefined) || selected.size === 0) return;
    e.preventDefault();
    e.stopPropagation();
    const moved = moveNotes(notes, selected, (time ?? 0) * grid.step, (pitch ?? 0) * (e.shiftKey ? 12 : 1));
    edit(moved, 'Move notes', selected);
  };

  const width = rollWidth(view);
  return (
    <div>
      <div className="roll-frame">
        <svg className="roll-keys" width={ROLL.keys} height={ROLL.height} aria-hidden="true">
          {semitones.map((m) => (
            <g key={m} className={BLACK_KEYS.includes(m % 12) ? 'roll-black' : 'roll-white'}>
              <rect x={0} y={yOf(view, m)} width={ROLL.keys} height={row} />
              {m % 12 === 0 && (
                <text x={2} y={yOf(view, m) + row - 1}>
                  {noteName(m)}
                </text>
              )}
            </g>
          ))}
        </svg>
        <div className="roll-scroll" style={{ width: ROLL.width }}>
          <svg
            className="piano-roll"
            data-testid="piano-roll"
            width={width}
            height={ROLL.height}
            role="application"
            aria-label="Piano roll: the notes to move, lengthen, add (double-click) and delete"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the roll takes keys (arrows, Delete) for its selected notes
            tabIndex={0}
            onPointerDown={onGridDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={() => [setDrag(null), setPreview(null), setBox(null)]}
            onDoubleClick={onDoubleClick}
            onKeyDown={onKeyDown}
          >
            {semitones.map((m) => (
              <rect
                key={m}
                className={BLACK_KEYS.includes(m % 12) ? 'roll-black' : 'roll-white'}
                x={0}
                y={yOf(view, m)}
                width={width}
                height={row}
              />
            ))}
            {beats.map((t) => (
              <line key={t} className="roll-beat" x1={xOf(view, t)} x2={xOf(view, t)} y1={0} y2={ROLL.height} />
            ))}
            {shown.map((n, i) => (
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: a note is its place in the part; the part is sorted
                key={i}
                data-testid="roll-note"
                className={selected.has(i) ? 'roll-note selected' : 'roll-note'}
                aria-label={`${noteName(n.note)} at ${n.startSeconds.toFixed(2)} s, ${(n.endSeconds - n.startSeconds).toFixed(2)} s long`}
                x={xOf(view, n.startSeconds)}
                y={yOf(view, n.note) + 0.5}
                width={Math.max(2, xOf(view, n.endSeconds) - xOf(view, n.startSeconds))}
                height={Math.max(1, row - 1)}
                style={{ opacity: 0.45 + (0.55 * n.velocity) / 127 }}
                onPointerDown={(e) => onNoteDown(i, e)}
              />
            ))}
            {box && (
              <rect
                className="roll-box"
                x={Math.min(box.x, box.to.x)}
                y={Math.min(box.y, box.to.y)}
                width={Math.abs(box.to.x - box.x)}
                height={Math.abs(box.to.y - box.y)}
              />
            )}
          </svg>
        </div>
      </div>
      <div className="roll-tools">
        <button
          type="button"
          data-testid="piano-roll-quantize"
          title="Quantize: the selected notes (all, where none are) start on the grid, their lengths kept (Q)"
          onClick={() => quantize()}
        >
          Quantize
        </button>
        {selected.size > 0 && (
          <NumberField
            label={`Velocity (${selected.size === 1 ? 'the note' : `${selected.size} notes`})`}
            value={Math.round(meanVelocity(notes, selected))}
            bounds={{ min: 1, max: 127 }}
            step={1}
            testId="piano-roll-velocity"
            onCommit={(v) => {
              const velocity = Math.min(127, Math.max(1, Math.round(v)));
              edit(
                notes.map((n, i) => (selected.has(i) ? { ...n, velocity } : n)),
                `Velocity ${velocity}`,
                selected,
              );
            }}
          />
        )}
      </div>
    </div>
  );
}

const meanVelocity = (notes: readonly MidiNote[], chosen: ReadonlySet<number>) =>
  [...chosen].reduce((sum, i) => sum + (notes[i]?.velocity ?? 0), 0) / chosen.size;

const toggled = (set: ReadonlySet<number>, i: number) => {
  const next = new Set(set);
  if (!next.delete(i)) next.add(i);
  return next;
};

const same = (a: MidiNote, b: MidiNote) =>
  a.startSeconds === b.startSeconds && a.endSeconds === b.endSeconds && a.note === b.note;
