import type { PointerEvent as ReactPointerEvent } from 'react';
import { removeEnvelopePoint, startEnvelopeDrag } from '../../app/project-commands';
import type { Clip } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { envelopeLine, gainForY, yForGain } from './envelope-geometry';

const NO_POINTS: never[] = [];

interface Props {
  clip: Clip;
  /** The drawn part of the clip: its left edge in pixels from the clip's, its width, and the asset samples it shows. */
  leftPx: number;
  widthPx: number;
  from: number;
  to: number;
  top: number;
  height: number;
}

/** A clip's volume envelope over its waveform: the line where it has one, and with the Envelope tool its points to drag
 * (a press elsewhere adds one there and drags it; a double-click takes one out). */
export function EnvelopeOverlay({ clip, leftPx, widthPx, from, to, top, height }: Props) {
  const { store } = useServices();
  const editing = useStudio((s) => s.tool === 'envelope');
  const points = clip.envelope ?? NO_POINTS;
  if (!editing && points.length === 0) return null;
  const perPx = (to - from) / Math.max(1, widthPx);

  const drag = (e: ReactPointerEvent<SVGElement>, grab: { index: number } | null) => {
    e.stopPropagation();
    e.preventDefault();
    const box = (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect();
    const where = (ev: { clientX: number; clientY: number }) => ({
      at: from + (ev.clientX - box.left) * perPx,
      gain: gainForY(ev.clientY - box.top, height),
    });
    const gesture = startEnvelopeDrag(store, clip.id, grab ?? where(e));
    const move = (ev: PointerEvent) => {
      const p = where(ev);
      gesture.moveTo(p.at, p.gain);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      gesture.end();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <svg
      className={`envelope${editing ? ' editing' : ''}`}
      data-testid="clip-envelope"
      width={widthPx}
      height={height}
      style={{ left: leftPx, top }}
      onPointerDown={editing ? (e) => drag(e, null) : undefined}
    >
      <title>Volume envelope: click to add a point and drag it; double-click a point to take it out</title>
      <polyline points={envelopeLine(points, from, to, widthPx, height)} />
      {editing &&
        points.map((p, index) =>
          p.at < from || p.at > to ? null : (
            <circle
              key={p.at}
              data-testid="envelope-point"
              cx={(p.at - from) / perPx}
              cy={yForGain(p.gain, height)}
              r={5}
              onPointerDown={(e) => drag(e, { index })}
              onDoubleClick={(e) => {
                e.stopPropagation();
                removeEnvelopePoint(store, clip.id, index);
              }}
            />
          ),
        )}
    </svg>
  );
}
