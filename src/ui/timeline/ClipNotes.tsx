import type { NotePart } from '../../project/types';

/** A note clip's notes over its waveform, as a DAW draws a MIDI clip: a bar for each note in the drawn part (`from` to
 * `to`, samples of its asset), high notes higher, across the part's own range of pitches. */
export function ClipNotes({
  part,
  rate,
  from,
  to,
  leftPx,
  widthPx,
  top,
  height,
}: {
  part: NotePart;
  rate: number;
  from: number;
  to: number;
  leftPx: number;
  widthPx: number;
  top: number;
  height: number;
}) {
  if (part.notes.length === 0) return null;
  const pitches = part.notes.map((n) => n.note);
  const low = Math.min(...pitches) - 1;
  const rows = Math.max(12, Math.max(...pitches) + 1 - low + 1);
  const row = height / rows;
  const xOf = (seconds: number) => ((seconds * rate - from) / (to - from)) * widthPx;
  const seen = part.notes.filter((n) => n.endSeconds * rate > from && n.startSeconds * rate < to);
  return (
    <svg
      className="clip-notes"
      data-testid="clip-notes"
      width={widthPx}
      height={height}
      style={{ left: leftPx, top }}
      aria-hidden="true"
    >
      {seen.map((n, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: drawn only; the notes keep their order
          key={i}
          x={xOf(n.startSeconds)}
          y={(rows - 1 - (n.note - low)) * row}
          width={Math.max(1, xOf(n.endSeconds) - xOf(n.startSeconds))}
          height={Math.max(1, row - 0.5)}
        />
      ))}
    </svg>
  );
}
