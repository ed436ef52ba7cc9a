/** A grouped track's tag ("G1"), as a DAW's group indicator: a click suspends the group (each track moves alone) or
 * resumes it, a Shift+click renames it. Nothing is drawn for a track in no group. */
import { useState } from 'react';
import { runAction } from '../actions/registry';
import { groupOf, groupTag, renameGroup } from '../project/track-groups';
import type { Track } from '../project/types';
import { useServices, useStudio } from './studio-context';

export function GroupTag({ track }: { track: Track }) {
  const services = useServices();
  const group = useStudio((s) => groupOf(s.project, track.id));
  const [renaming, setRenaming] = useState(false);
  if (!group) return null;
  if (renaming) {
    const rename = (name: string) => {
      setRenaming(false);
      const state = services.store.getState();
      const edit = renameGroup(state.project, group.id, name);
      if (edit.project !== state.project) state.commit(edit.label, edit.project);
    };
    return (
      <input
        className="group-rename"
        data-testid="group-rename"
        aria-label={`Name of ${group.name}`}
        defaultValue={group.name}
        // biome-ignore lint/a11y/noAutofocus: the field opened by a Shift+click on the tag is where the typing goes
        autoFocus
        onBlur={(e) => rename(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') rename(e.currentTarget.value);
          if (e.key === 'Escape') setRenaming(false);
        }}
      />
    );
  }
  const state = group.suspended ? 'suspended: each track moves alone' : 'its tracks move together';
  return (
    <button
      type="button"
      className="group-tag"
      data-testid="track-group"
      aria-pressed={!group.suspended}
      title={`${group.name} (${state}): faders, pans, mute, solo, selections and clips. Click to ${group.suspended ? 'resume' : 'suspend'} it, Shift+click to rename it; Alt+Shift+G ungroups`}
      onClick={(e) =>
        e.shiftKey ? setRenaming(true) : void runAction('suspendGroup', services, { trackId: track.id })
      }
    >
      {groupTag(group.name)}
    </button>
  );
}
