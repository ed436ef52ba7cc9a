import type { PointerEvent as ReactPointerEvent } from 'react';
import { type GainLine, LINE_VALUES, nudgeLinePoint, removeLinePoint, startLineDrag } from '../../app/project-commands';
import type { GainPoint } from '../../project/envelope';
import { useServices, useStudio } from '../studio-context';
import { envelopeLine, LINE_Y } from './envelope-geometry';
import { followPointer } from './follow-pointer';

interface Props {
  /** The line (a clip's envelope, a track's volume automation), its points, and the timeline sample of a point's `at`. */
  line: GainLine;
  points: readonly GainPoint[];
  timeOf: (at: number) => number;
  /** Whether its points show and a press adds one. */
  editing: boolean;
  /** The drawn part: its left edge in pixels from the container's, its width, and the samples (of `at`) it shows. */
  leftPx: number;
  widthPx: number;
  from: number;
  to: number;
  top: number;
  height: number;
  /** The tooltip that says what the line is. */
  title: string;
  testId: string;
  /** The value drawn where there are no points (unity gain by default). */
  rest?: number;
}

/** A line of gain points drawn over a stretch of the timeline (a clip's volume envelope over its waveform, a track's
 * volume automation on its lane): the line where it has points, and while editing its points to drag (a press
 * elsewhere adds one there and drags it; a double-click takes one out). A point is a slider too: the arrow keys move
 * it a step (a decibel, 5 % of the pan), Delete takes it out. */
export function EnvelopeOverlay(props: Props) {
  const { line, points, timeOf, editing, leftPx, widthPx, from, to, top, height, title, testId, rest } = props;
  const { store } = useServices();
  const sampleRate = useStudio((s) => s.project.sampleRate);
  if (!editing && points.length === 0) return null;
  const perPx = (to - from) / Math.max(1, widthPx);
  const seconds = (at: number) => (timeOf(at) / sampleRate).toFixed(2);
  const { yFor, valueFor, aria } = LINE_Y[line.kind];
  const text = line.text ?? LINE_VALUES[line.kind].text;

  const drag = (e: ReactPointerEvent<SVGElement>, grab: { index: number } | null) => {
    e.stopPropagation();
    e.preventDefault();
    const box = (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect();
    const where = (ev: { clientX: number; clientY: number }) => ({
      at: from + (ev.clientX - box.left) * perPx,
      gain: valueFor(ev.clientY - box.top, height),
    });
    const gesture = startLineDrag(store, line, grab ?? where(e));
    followPointer((ev) => {
      const p = where(ev);
      gesture.moveTo(p.at, p.gain);
    }, gesture.end);
  };

  return (
    <svg
      className={`envelope${editing ? ' editing' : ''}`}
      data-testid={testId}
      width={widthPx}
      height={height}
      style={{ left: leftPx, top }}
      onPointerDown={editing ? (e) => drag(e, null) : undefined}
      onDoubleClick={editing ? (e) => e.stopPropagation() : undefined} // points, not the clip's extent
    >
      <title>{title}</title>
      <polyline points={envelopeLine(points, from, to, widthPx, height, yFor, rest)} />
      {editing &&
        points.map((p, index) =>
          p.at < from || p.at > to ? null : (
            <circle
              key={p.at}
              data-testid={`${testId}-point`}
              cx={(p.at - from) / perPx}
              cy={yFor(p.gain, height)}
              r={5}
              role="slider"
              tabIndex={0}
              aria-label={`${line.noun[0].toUpperCase()}${line.noun.slice(1)} at ${seconds(p.at)} s`}
              aria-valuemin={aria.min}
              aria-valuemax={aria.max}
              aria-valuenow={aria.now(p.gain)}
              aria-valuetext={text(p.gain)}
              onPointerDown={(e) => drag(e, { index })}
              onDoubleClick={(e) => {
                e.stopPropagation();
                removeLinePoint(store, line, index);
              }}
              onKeyDown={(e) => {
                const step = { ArrowUp: 1, ArrowDown: -1 }[e.key];
                if (step) nudgeLinePoint(store, line, index, step);
                else if (e.key === 'Delete' || e.key === 'Backspace') removeLinePoint(store, line, index);
                else return;
                e.preventDefault();
                e.stopPropagation(); // not the selection's Delete
              }}
            >
              <title>
                {text(p.gain)} at {seconds(p.at)} s
              </title>
            </circle>
          ),
        )}
    </svg>
  );
}
