import type { PointerEvent as ReactPointerEvent } from 'react';
import { nudgeEnvelopePoint, removeEnvelopePoint, startEnvelopeDrag } from '../../app/project-commands';
import { gainToDb } from '../../dsp/gain';
import { assetToTimeline } from '../../project/envelope';
import type { Clip } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { ENVELOPE_RANGE_DB, ENVELOPE_TOP_DB, envelopeLine, gainForY, yForGain } from './envelope-geometry';
import { followPointer } from './follow-pointer';

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
 * (a press elsewhere adds one there and drags it; a double-click takes one out). A point is a slider too: the arrow keys
 * move it a decibel, Delete takes it out. */
export function EnvelopeOverlay({ clip, leftPx, widthPx, from, to, top, height }: Props) {
  const { store } = useServices();
  const editing = useStudio((s) => s.tool === 'envelope');
  const sampleRate = useStudio((s) => s.project.sampleRate);
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
    followPointer((ev) => {
      const p = where(ev);
      gesture.moveTo(p.at, p.gain);
    }, gesture.end);
  };

  return (
    <svg
      className={`envelope${editing ? ' editing' : ''}`}
      data-testid="clip-envelope"
      width={widthPx}
      height={height}
      style={{ left: leftPx, top }}
      onPointerDown={editing ? (e) => drag(e, null) : undefined}
      onDoubleClick={editing ? (e) => e.stopPropagation() : undefined} // points, not the clip's extent
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
              role="slider"
              tabIndex={0}
              aria-label={`Envelope point at ${(assetToTimeline(clip, p.at) / sampleRate).toFixed(2)} s`}
              aria-valuemin={ENVELOPE_TOP_DB - ENVELOPE_RANGE_DB}
              aria-valuemax={ENVELOPE_TOP_DB}
              aria-valuenow={Math.max(ENVELOPE_TOP_DB - ENVELOPE_RANGE_DB, gainToDb(p.gain))}
              aria-valuetext={p.gain > 0 ? `${gainToDb(p.gain).toFixed(1)} dB` : 'silence'}
              onPointerDown={(e) => drag(e, { index })}
              onDoubleClick={(e) => {
                e.stopPropagation();
                removeEnvelopePoint(store, clip.id, index);
              }}
              onKeyDown={(e) => {
                const step = { ArrowUp: 1, ArrowDown: -1 }[e.key];
                if (step) nudgeEnvelopePoint(store, clip.id, index, step);
                else if (e.key === 'Delete' || e.key === 'Backspace') removeEnvelopePoint(store, clip.id, index);
                else return;
                e.preventDefault();
                e.stopPropagation(); // not the selection's Delete
              }}
            >
              <title>
                {p.gain > 0 ? `${gainToDb(p.gain).toFixed(1)} dB` : 'Silence'} at{' '}
                {(assetToTimeline(clip, p.at) / sampleRate).toFixed(2)} s
              </title>
            </circle>
          ),
        )}
    </svg>
  );
}
