import { useMemo } from 'react';
import { trackVolumeLine } from '../../app/project-commands';
import type { Track } from '../../project/types';
import { useStudio } from '../studio-context';
import { EnvelopeOverlay } from './EnvelopeOverlay';
import { HEADER_WIDTH, pxToSample, type Scale, visibleLanePx } from './geometry';

export const VOLUME_LANE_HEIGHT = 48;
const NO_POINTS: never[] = [];
const identity = (at: number) => at;

/** A track's volume automation, as a DAW's automation lane under the track: the line of its gain over the timeline
 * (+12 dB at the top, silence at the bottom), a press to add a point and drag it, a double-click to take one out. */
export function VolumeLane({ track, scale, width }: { track: Track; scale: Scale; width: number }) {
  const scrollLeft = useStudio((s) => s.view.scrollLeft);
  const viewportWidth = useStudio((s) => s.view.viewportWidth);
  const line = useMemo(() => trackVolumeLine(track.id), [track.id]);
  const [left, right] = visibleLanePx(scrollLeft, viewportWidth);
  const drawLeft = Math.max(0, left);
  const drawRight = Math.min(width, right);
  const points = track.volume ?? NO_POINTS;
  return (
    <div className="label-row volume-row" data-testid="volume-row" style={{ height: VOLUME_LANE_HEIGHT }}>
      <div className="label-header" style={{ width: HEADER_WIDTH }}>
        Volume{points.length ? `: ${points.length} points` : ''}
      </div>
      <div className="label-lane" style={{ width }}>
        {drawRight > drawLeft && (
          <EnvelopeOverlay
            line={line}
            points={points}
            timeOf={identity}
            editing
            title="Volume automation: click to add a point and drag it; double-click a point to take it out"
            testId="track-volume"
            leftPx={drawLeft}
            widthPx={drawRight - drawLeft}
            from={pxToSample(drawLeft, scale)}
            to={pxToSample(drawRight, scale)}
            top={2}
            height={VOLUME_LANE_HEIGHT - 4}
          />
        )}
      </div>
    </div>
  );
}
