import { toggleBusVolumeLane } from '../../app/track-effects';
import { busVolumeOf } from '../../project/buses';
import type { EffectHost } from '../../project/track-effects';
import { useServices, useStudio } from '../studio-context';

/** Shows or hides the fader automation lane of the master or an effect bus (pressed while it is shown). */
export function VolumeLaneButton({ host, testId, title }: { host: EffectHost; testId: string; title: string }) {
  const { store } = useServices();
  const shown = useStudio((s) => s.busVolumeLanes.includes(host) || (busVolumeOf(s.project, host)?.length ?? 0) > 0);
  return (
    <button
      type="button"
      data-testid={testId}
      title={title}
      aria-pressed={shown}
      onClick={() => toggleBusVolumeLane(store, host)}
    >
      Volume lane
    </button>
  );
}
