import { useRef } from 'react';
import { useServices, useStudio } from '../studio-context';
import { TRACK_HEIGHT, TRACK_HEIGHT_RANGE, trackHeight } from './geometry';

const KEY_STEP_PX = 10;

/** The bottom edge of a track's header, dragged to make the track taller or shorter, as in Audacity or any DAW (a
 * double-click gives it the default height back; it is a slider, so the arrow keys move it 10 px). */
export function TrackResizer({ trackId, name }: { trackId: string; name: string }) {
  const { store } = useServices();
  const height = useStudio((s) => trackHeight(s.trackHeights, trackId));
  const drag = useRef<{ y: number; height: number } | null>(null);
  const resize = (to: number | null) => {
    const heights = { ...store.getState().trackHeights };
    if (to === null) delete heights[trackId];
    else heights[trackId] = Math.round(Math.min(TRACK_HEIGHT_RANGE.max, Math.max(TRACK_HEIGHT_RANGE.min, to)));
    store.getState().set({ trackHeights: heights });
  };
  return (
    <div
      className="track-resizer"
      data-testid="track-resizer"
      role="slider"
      tabIndex={0}
      aria-label={`Height of ${name}`}
      aria-orientation="vertical"
      aria-valuemin={TRACK_HEIGHT_RANGE.min}
      aria-valuemax={TRACK_HEIGHT_RANGE.max}
      aria-valuenow={height}
      aria-valuetext={`${height} px`}
      title="Drag to make the track taller or shorter (double-click: the usual height)"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { y: e.clientY, height };
      }}
      onPointerMove={(e) => drag.current && resize(drag.current.height + e.clientY - drag.current.y)}
      onPointerUp={() => {
        drag.current = null;
      }}
      onDoubleClick={() => resize(null)}
      onKeyDown={(e) => {
        const step = { ArrowDown: KEY_STEP_PX, ArrowUp: -KEY_STEP_PX }[e.key];
        if (step === undefined && e.key !== 'Home') return;
        e.preventDefault();
        resize(step === undefined ? TRACK_HEIGHT : height + step);
      }}
    />
  );
}
