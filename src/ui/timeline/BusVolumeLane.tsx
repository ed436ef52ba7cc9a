import { useMemo } from 'react';
import { busVolumeLine } from '../../app/project-commands';
import { busVolumeOf, setBusVolume } from '../../project/buses';
import type { Project } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { AUTOMATION_LANE_HEIGHT, LaneLine, RemovableLaneHeader, useDrawnPoints } from './AutomationLane';
import type { LaneHost } from './EffectLane';
import type { Scale } from './geometry';

const NONE: never[] = [];

/** The master's and the buses' whose fader lanes are drawn: those with points, and those opened. */
export const busVolumeLanesOf = (hosts: readonly LaneHost[], shown: readonly string[], project: Project) =>
  hosts.filter((h) => shown.includes(h.id) || (busVolumeOf(project, h.id)?.length ?? 0) > 0);

/** The fader automation of the master or an effect bus, after the tracks, as a DAW's master volume lane: the whole
 * mix faded out at the end. A press adds a point and drags it, a double-click takes one out; × takes the lane away,
 * points and all (one undo step). */
export function BusVolumeLane({ host, scale, width }: { host: LaneHost; scale: Scale; width: number }) {
  const { store } = useServices();
  const points = useStudio((s) => busVolumeOf(s.project, host.id)) ?? NONE;
  const drawn = useDrawnPoints(`${host.id} volume`, points, 1);
  const line = useMemo(() => busVolumeLine(host.id), [host.id]);
  const name = `${host.name} · Volume`;
  const remove = () => {
    const state = store.getState();
    state.set({ busVolumeLanes: state.busVolumeLanes.filter((h) => h !== host.id) });
    if (points.length) state.commit(`Clear ${name} automation`, setBusVolume(state.project, host.id, []));
  };
  return (
    <div className="label-row volume-row" data-testid="bus-volume-lane" style={{ height: AUTOMATION_LANE_HEIGHT }}>
      <RemovableLaneHeader name={name} points={points.length} testId="bus-volume-lane-remove" remove={remove} />
      <LaneLine
        line={line}
        points={drawn}
        title={`${name} automation (+12 dB at the top, silence at the bottom), after its fader: click to add a point and drag it; double-click a point to take it out`}
        testId="bus-volume-line"
        rest={1}
        scale={scale}
        width={width}
      />
    </div>
  );
}
