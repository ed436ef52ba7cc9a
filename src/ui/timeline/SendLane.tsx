import { useMemo } from 'react';
import { sendVolumeLine } from '../../app/project-commands';
import { sendsOf, setSendVolume } from '../../project/buses';
import type { Project, Track, TrackSend } from '../../project/types';
import { useServices } from '../studio-context';
import { sendLane } from '../../playback/lane-rides';
import { AUTOMATION_LANE_HEIGHT, LaneLine, RemovableLaneHeader, useDrawnPoints } from './AutomationLane';
import type { Scale } from './geometry';

/** The track's sends with a level lane: those with points, and those opened from its sends. */
export function sendLanesOf(
  project: Project,
  track: Track,
  shown: readonly { trackId: string; busId: string }[],
): TrackSend[] {
  return sendsOf(project, track).filter(
    (s) => (s.volume?.length ?? 0) > 0 || shown.some((k) => k.trackId === track.id && k.busId === s.busId),
  );
}

/** A send's level automation under its track, as a DAW's send automation lane (a reverb thrown on one word): its
 * line on the volume lane's scale, times the send's level; × takes the lane away, points and all (one undo step). */
export function SendLane({
  track,
  send,
  busName,
  scale,
  width,
}: {
  track: Track;
  send: TrackSend;
  busName: string;
  scale: Scale;
  width: number;
}) {
  const { store } = useServices();
  const line = useMemo(() => sendVolumeLine(track.id, send.busId), [track.id, send.busId]);
  const points = send.volume ?? [];
  // A pass being written from the send's slider (Touch, Latch) is drawn as it goes.
  const drawn = useDrawnPoints(`${track.id} ${sendLane(send.busId)}`, points, 1);
  const name = `Send → ${busName}`;
  const remove = () => {
    const state = store.getState();
    state.set({ sendLanes: state.sendLanes.filter((k) => !(k.trackId === track.id && k.busId === send.busId)) });
    if (points.length) state.commit(`Clear ${name} automation`, setSendVolume(state.project, track.id, send.busId, []));
  };
  return (
    <div className="label-row volume-row" data-testid="send-lane" style={{ height: AUTOMATION_LANE_HEIGHT }}>
      <RemovableLaneHeader name={name} points={points.length} testId="send-lane-remove" remove={remove} />
      <LaneLine
        line={line}
        points={drawn}
        title={`${name} level automation (+12 dB at the top, silence at the bottom, times the send's level): click to add a point and drag it; double-click a point to take it out`}
        testId="send-lane-line"
        rest={1}
        scale={scale}
        width={width}
      />
    </div>
  );
}
