/** A grouped track's tag ("G1"), as a DAW's group indicator: a click suspends the group (each track moves alone) or
 * resumes it. Nothing is drawn for a track in no group. */
import { runAction } from '../actions/registry';
import { groupOf } from '../project/track-groups';
import type { Track } from '../project/types';
import { useServices, useStudio } from './studio-context';

export function GroupTag({ track }: { track: Track }) {
  const services = useServices();
  const group = useStudio((s) => groupOf(s.project, track.id));
  if (!group) return null;
  const state = group.suspended ? 'suspended: each track moves alone' : 'its tracks move together';
  return (
    <button
      type="button"
      className="group-tag"
      data-testid="track-group"
      aria-pressed={!group.suspended}
      title={`${group.name} (${state}): faders, pans, mute, solo, selections and clips. Click to ${group.suspended ? 'resume' : 'suspend'} it; Alt+Shift+G ungroups`}
      onClick={() => void runAction('suspendGroup', services, { trackId: track.id })}
    >
      {group.name.replace(/^Group /, 'G')}
    </button>
  );
}
