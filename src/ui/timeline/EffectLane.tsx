import { useMemo } from 'react';
import { effectLaneLine } from '../../app/project-commands';
import { type AutomatableParam, lanesOf, PARAM_RANGES, paramPlace } from '../../dsp/effect-automation';
import type { TrackEffect } from '../../dsp/effect-chain';
import { EFFECT_NAMES, setEffectLane } from '../../project/track-effects';
import type { EffectHost } from '../../project/track-effects';
import type { EffectLaneKey } from '../../store/studio-store';
import { useServices } from '../studio-context';
import { AUTOMATION_LANE_HEIGHT, LaneLine, RemovableLaneHeader } from './AutomationLane';
import type { Scale } from './geometry';

/** Where effects are, as a lane names it: a track, an effect bus or the master. */
export interface LaneHost {
  id: EffectHost;
  name: string;
  effects?: readonly TrackEffect[];
}

/** A host's effect lanes: those with points, and those opened from its effects (while the effect is there). */
export function effectLanesOf(
  host: LaneHost,
  shown: readonly EffectLaneKey[],
): { effect: TrackEffect; param: AutomatableParam }[] {
  return (host.effects ?? []).flatMap((effect) => {
    const drawn = lanesOf(effect).map(([param]) => param);
    const opened = shown.filter((k) => k.hostId === host.id && k.effectId === effect.id).map((k) => k.param);
    return [...new Set([...drawn, ...opened])].map((param) => ({ effect, param }));
  });
}

/** A lane of one effect setting under its track, as a DAW's plug-in automation lane: the setting's line over the
 * timeline (its range bottom to top; where there are no points, the setting as the effect has it), a press to add a
 * point and drag it, a double-click to take one out; × takes the lane away, points and all (one undo step). */
export function EffectLane({
  host,
  named = false,
  effect,
  param,
  scale,
  width,
}: {
  host: LaneHost;
  /** Its header names the host too (a lane after the tracks: the master's, a bus's). */
  named?: boolean;
  effect: TrackEffect;
  param: AutomatableParam;
  scale: Scale;
  width: number;
}) {
  const { store } = useServices();
  const line = useMemo(() => effectLaneLine(host.id, effect.id, param), [host.id, effect.id, param]);
  const points = effect.automation?.[param] ?? [];
  const own = (effect as unknown as Record<string, number | undefined>)[param] ?? 1;
  const name = `${named ? `${host.name} · ` : ''}${EFFECT_NAMES[effect.kind]}: ${PARAM_RANGES[param].name}`;
  const remove = () => {
    const state = store.getState();
    const effectLanes = state.effectLanes.filter(
      (k) => !(k.hostId === host.id && k.effectId === effect.id && k.param === param),
    );
    state.set({ effectLanes });
    if (points.length)
      state.commit(`Clear ${name} automation`, setEffectLane(state.project, host.id, effect.id, param, []));
  };
  return (
    <div className="label-row volume-row" data-testid="effect-lane" style={{ height: AUTOMATION_LANE_HEIGHT }}>
      <RemovableLaneHeader name={name} points={points.length} testId="effect-lane-remove" remove={remove} />
      <LaneLine
        line={line}
        points={points}
        title={`${name} automation (the top of its range at the top): click to add a point and drag it; double-click a point to take it out`}
        testId="effect-lane-line"
        rest={paramPlace(param, own)}
        scale={scale}
        width={width}
      />
    </div>
  );
}
