import { useMemo } from 'react';
import { type GainLine, trackPanLine, trackVolumeLine } from '../../app/project-commands';
import { passPoints, trackLane } from '../../app/automation-writer';
import type { GainPoint } from '../../project/envelope';
import type { Track } from '../../project/types';
import { useStudio } from '../studio-context';
import { EnvelopeOverlay } from './EnvelopeOverlay';
import { HEADER_WIDTH, pxToSample, type Scale, visibleLanePx } from './geometry';

export const AUTOMATION_LANE_HEIGHT = 48;
const identity = (at: number) => at;

/** What an automation lane draws: its line, its name and its tooltip. */
const LANES = {
  volume: {
    line: trackVolumeLine,
    name: 'Volume',
    testId: 'track-volume',
    title:
      'Volume automation (+12 dB at the top, silence at the bottom): click to add a point and drag it; double-click a point to take it out',
  },
  pan: {
    line: trackPanLine,
    name: 'Pan',
    testId: 'track-pan-automation',
    title:
      'Pan automation (left at the top, right at the bottom): click to add a point and drag it; double-click a point to take it out',
  },
} satisfies Record<
  string,
  {
    line: (trackId: string) => GainLine;
    name: string;
    testId: string;
    title: string;
  }
>;

export type AutomationKind = keyof typeof LANES;

/** A track's volume or pan automation, as a DAW's automation lane under the track: the line of its value over the
 * timeline, a press to add a point and drag it, a double-click to take one out. */
export function AutomationLane({
  track,
  kind,
  scale,
  width,
}: {
  track: Track;
  kind: AutomationKind;
  scale: Scale;
  width: number;
}) {
  const lane = LANES[kind];
  const line = useMemo(() => lane.line(track.id), [lane, track.id]);
  const own = useMemo(() => trackLane(track, kind), [track, kind]);
  const points = useDrawnPoints(`${track.id} ${kind}`, own.points, own.held);
  return (
    <div className="label-row volume-row" data-testid={`${kind}-row`} style={{ height: AUTOMATION_LANE_HEIGHT }}>
      <div className="label-header" style={{ width: HEADER_WIDTH }}>
        {lane.name}
        {points.length ? `: ${points.length} points` : ''}
      </div>
      <LaneLine
        line={line}
        points={points}
        title={lane.title}
        testId={lane.testId}
        rest={own.held}
        scale={scale}
        width={width}
      />
    </div>
  );
}

/** An automation lane's line over the part of the timeline in view, its points to add, drag and take out. */
export function LaneLine({
  line,
  points,
  title,
  testId,
  rest,
  scale,
  width,
}: {
  line: GainLine;
  points: readonly GainPoint[];
  title: string;
  testId: string;
  /** The value drawn where there are no points. */
  rest: number;
  scale: Scale;
  width: number;
}) {
  const scrollLeft = useStudio((s) => s.view.scrollLeft);
  const viewportWidth = useStudio((s) => s.view.viewportWidth);
  const [left, right] = visibleLanePx(scrollLeft, viewportWidth);
  const drawLeft = Math.max(0, left);
  const drawRight = Math.min(width, right);
  return (
    <div className="label-lane" style={{ width }}>
      {drawRight > drawLeft && (
        <EnvelopeOverlay
          line={line}
          points={points}
          timeOf={identity}
          editing
          title={title}
          testId={testId}
          rest={rest}
          leftPx={drawLeft}
          widthPx={drawRight - drawLeft}
          from={pxToSample(drawLeft, scale)}
          to={pxToSample(drawRight, scale)}
          top={2}
          height={AUTOMATION_LANE_HEIGHT - 4}
        />
      )}
    </div>
  );
}

/** A lane's header that names it, counts its points and takes it away (×). */
export function RemovableLaneHeader({
  name,
  points,
  testId,
  remove,
}: {
  name: string;
  points: number;
  testId: string;
  remove: () => void;
}) {
  return (
    <div className="label-header" style={{ width: HEADER_WIDTH }}>
      <span>
        {name}
        {points ? `: ${points} points` : ''}
      </span>
      <button type="button" data-testid={testId} aria-label={`Take away the ${name} lane`} onClick={remove}>
        ×
      </button>
    </div>
  );
}

/** A lane's points as drawn (`own`, `held` where it has none): with the pass being written on it (riding as `key`,
 * "host lane") as it goes, as it will land. */
export function useDrawnPoints(key: string, own: readonly GainPoint[], held: number): readonly GainPoint[] {
  const pass = useStudio((s) => s.riding[key]?.values);
  const sampleRate = useStudio((s) => s.project.sampleRate);
  return useMemo(
    () => (pass ? passPoints({ points: own, held }, pass, pass[pass.length - 1].at, sampleRate) : own),
    [own, held, pass, sampleRate],
  );
}
