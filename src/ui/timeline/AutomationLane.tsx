import { useMemo } from 'react';
import { type GainLine, trackPanLine, trackVolumeLine } from '../../app/project-commands';
import { passPoints, trackLane } from '../../app/automation-writer';
import type { GainPoint } from '../../project/envelope';
import { panAsLine } from '../../project/pan-automation';
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
    pointsOf: (track: Track): GainPoint[] => track.volume ?? [],
    name: 'Volume',
    testId: 'track-volume',
    title:
      'Volume automation (+12 dB at the top, silence at the bottom): click to add a point and drag it; double-click a point to take it out',
  },
  pan: {
    line: trackPanLine,
    pointsOf: (track: Track): GainPoint[] => panAsLine(track.panPoints ?? []),
    name: 'Pan',
    testId: 'track-pan-automation',
    title:
      'Pan automation (left at the top, right at the bottom): click to add a point and drag it; double-click a point to take it out',
  },
} satisfies Record<
  string,
  {
    line: (trackId: string) => GainLine;
    pointsOf: (track: Track) => GainPoint[];
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
  // A pass being written shows as it goes, as it will land.
  const pass = useStudio((s) => s.riding[`${track.id} ${kind}`]?.values);
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const points = useMemo(
    () =>
      pass ? passPoints(trackLane(track, kind), pass, pass[pass.length - 1].at, sampleRate) : lane.pointsOf(track),
    [lane, track, kind, pass, sampleRate],
  );
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
        rest={kind === 'pan' ? track.pan : 1}
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
