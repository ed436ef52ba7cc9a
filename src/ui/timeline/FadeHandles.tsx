import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { cycleFadeCurve, nudgeClipFade, startFadeDrag } from '../../app/project-commands';
import { type ClipEdge, clipFadeGainAt } from '../../project/clip-fades';
import type { Clip } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { followPointer } from './follow-pointer';

interface Props {
  clip: Clip;
  /** The clip's width on screen, and where its waveform sits in it. */
  widthPx: number;
  top: number;
  height: number;
}

const HANDLE_PX = 9;
const EDGES: ClipEdge[] = ['fadeIn', 'fadeOut'];
const NAMES: Record<ClipEdge, string> = { fadeIn: 'Fade in', fadeOut: 'Fade out' };
/** The arrow keys move a handle 10 ms, 100 ms with Shift. */
const KEY_SECONDS = 0.01;

/** The fade's curve over its stretch of the waveform, `widthPx` wide: the gain from the bottom (silence) to the top. */
function fadePath(clip: Clip, edge: ClipEdge, widthPx: number, height: number): string {
  const length = clip[edge]?.length ?? 0;
  const steps = Math.max(2, Math.min(64, Math.round(widthPx / 2)));
  return Array.from({ length: steps + 1 }, (_, k) => {
    const i = edge === 'fadeIn' ? (k / steps) * length : clip.length - length + (k / steps) * length;
    const y = height * (1 - clipFadeGainAt(clip, Math.min(clip.length - 1, i)));
    return `${k ? 'L' : 'M'}${((k / steps) * widthPx).toFixed(1)},${y.toFixed(1)}`;
  }).join(' ');
}

/** A DAW's fade handles on a clip's top corners: drag one inwards to fade the clip in or out (the curve is the Fade
 * curve setting's; a double-click moves to the next), back to the edge to take the fade away. A handle is a slider too: the arrow keys lengthen or
 * shorten its fade, Delete takes it away. */
export function FadeHandles({ clip, widthPx, top, height }: Props) {
  const { store } = useServices();
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const pxPerSec = useStudio((s) => s.view.pxPerSec);
  const perPx = sampleRate / pxPerSec;
  const px = (edge: ClipEdge) => Math.min(widthPx, (clip[edge]?.length ?? 0) / perPx);

  const drag = (e: ReactPointerEvent<HTMLElement>, edge: ClipEdge) => {
    e.stopPropagation();
    e.preventDefault();
    const box = (e.currentTarget.parentElement ?? e.currentTarget).getBoundingClientRect();
    const gesture = startFadeDrag(store, clip.id, edge);
    followPointer((ev) => {
      const x = ev.clientX - box.left;
      gesture.moveTo(Math.round((edge === 'fadeIn' ? x : box.width - x) * perPx));
    }, gesture.end);
  };

  const onKey = (e: KeyboardEvent, edge: ClipEdge) => {
    const step = Math.round((e.shiftKey ? 10 : 1) * KEY_SECONDS * sampleRate);
    const inwards = edge === 'fadeIn' ? 'ArrowRight' : 'ArrowLeft';
    const outwards = edge === 'fadeIn' ? 'ArrowLeft' : 'ArrowRight';
    if (e.key === inwards) nudgeClipFade(store, clip.id, edge, step);
    else if (e.key === outwards) nudgeClipFade(store, clip.id, edge, -step);
    else if (e.key === 'Delete' || e.key === 'Backspace') nudgeClipFade(store, clip.id, edge, -clip.length);
    else return;
    e.preventDefault();
    e.stopPropagation(); // not the selection's Delete or the playhead's arrows
  };

  return (
    <>
      {EDGES.map((edge) =>
        clip[edge] && px(edge) >= 1 ? (
          <svg
            key={`${edge}-curve`}
            className="clip-fade"
            data-testid={`clip-${edge}`}
            width={px(edge)}
            height={height}
            style={edge === 'fadeIn' ? { left: 0, top } : { right: 0, top }}
          >
            <title>{`${NAMES[edge]} (${clip[edge]?.curve})`}</title>
            <path d={`${fadePath(clip, edge, px(edge), height)} L${edge === 'fadeIn' ? 0 : px(edge)},0 Z`} />
          </svg>
        ) : null,
      )}
      {EDGES.map((edge) => {
        const seconds = (clip[edge]?.length ?? 0) / sampleRate;
        const at = Math.max(0, Math.min(widthPx - HANDLE_PX, px(edge) - HANDLE_PX / 2));
        return (
          <div
            key={edge}
            className="fade-handle"
            data-testid={`fade-handle-${edge}`}
            role="slider"
            tabIndex={0}
            aria-label={`${NAMES[edge]} of ${clip.name}`}
            aria-valuemin={0}
            aria-valuemax={clip.length / sampleRate}
            aria-valuenow={seconds}
            aria-valuetext={`${seconds.toFixed(2)} s`}
            title={`${NAMES[edge]}: ${seconds.toFixed(2)} s${clip[edge] ? `, ${clip[edge].curve}` : ''}. Drag inwards to fade, back to the edge to take the fade away; double-click to change its curve`}
            style={edge === 'fadeIn' ? { left: at, top } : { right: at, top }}
            onPointerDown={(e) => drag(e, edge)}
            onDoubleClick={(e) => {
              e.stopPropagation(); // not the clip's extent
              cycleFadeCurve(store, clip.id, edge);
            }}
            onKeyDown={(e) => onKey(e, edge)}
          />
        );
      })}
    </>
  );
}
