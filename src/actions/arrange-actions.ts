/** Commands on tracks as a set: track groups, takes (recording onto an armed track, folding, comping), and aligning
 * and sorting whole tracks, as Audacity's Tracks menu and a DAW's groups and take folders. */
import { alignTracks, sortTrackList } from '../app/arrange-tracks';
import { createBusFor } from '../project/buses';
import { compTake } from '../app/comp';
import { shownTracks } from '../project/generated-ops';
import { deleteTakes, takeToTrack } from '../project/loop-takes';
import { steppedTracks } from '../project/track-arrange';
import { groupOf, groupTracks, toggleGroupSuspended, ungroupTracks, withLinkedTracks } from '../project/track-groups';
import type { StudioState } from '../store/studio-store';
import { currentTrack, hasTrack, targetTrackIds } from './targets';
import type { Action, ActionTarget } from './types';

/** The track whose takes a command works on: the target track (else the selected one), or the track a take of it was
 * made from; none where it has no takes. */
function takesOwner(state: StudioState, target?: ActionTarget): string | undefined {
  const id = target?.trackId ?? currentTrack(state);
  const track = state.project.tracks.find((t) => t.id === id);
  const source = track?.takeOf ?? track?.id;
  return state.project.tracks.some((t) => t.takeOf === source) ? source : undefined;
}

export const arrangeActions: Action[] = [
  {
    name: 'groupTracks',
    label:
      'Group tracks: the selected tracks (or all) move together: faders, pans, mute, solo, range selections and the clips playing together',
    group: 'track',
    shortcuts: ['Alt+G'],
    enabled: (s) => s.project.tracks.length > 1,
    perform: ({ store }) => {
      const state = store.getState();
      const ids = targetTrackIds(state);
      if (ids.length < 2) return state.notify('info', 'Select two or more tracks to group them.');
      const { label, project } = groupTracks(state.project, ids);
      state.commit(label, project);
    },
  },
  {
    name: 'busForTracks',
    label: 'Bus for tracks: a new group bus, and the selected tracks (or all) played into it (named for their group)',
    group: 'track',
    enabled: hasTrack,
    perform: ({ store }) => {
      const state = store.getState();
      const { label, project } = createBusFor(state.project, targetTrackIds(state));
      state.commit(label, project);
    },
  },
  {
    name: 'ungroupTracks',
    label: 'Ungroup tracks: the groups of the selected tracks dissolved, each track moving alone again',
    group: 'track',
    shortcuts: ['Alt+Shift+G'],
    enabled: (s) => (s.project.groups?.length ?? 0) > 0,
    perform: ({ store }, target) => {
      const state = store.getState();
      const ids = target?.trackId ? [target.trackId] : targetTrackIds(state);
      if (!ids.some((id) => groupOf(state.project, id)))
        return state.notify('info', 'The selected tracks are in no group.');
      const { label, project } = ungroupTracks(state.project, ids);
      state.commit(label, project);
    },
  },
  {
    name: 'suspendGroup',
    label: "Suspend the selected track's group (its tracks move alone) or resume it",
    group: 'track',
    enabled: (s) => (s.project.groups?.length ?? 0) > 0,
    perform: ({ store }, target) => {
      const state = store.getState();
      const id = target?.trackId ?? currentTrack(state);
      const group = id ? groupOf(state.project, id) : undefined;
      if (!group) return state.notify('info', 'The selected track is in no group.');
      const { label, project } = toggleGroupSuspended(state.project, group.id);
      state.commit(label, project);
    },
  },
  {
    name: 'armTrack',
    label:
      'Arm the selected track for takes: each recording lands on it as a new take (B, C...), the newest playing, to comp from; again to disarm',
    group: 'track',
    enabled: hasTrack,
    perform: ({ store }, target) => {
      const state = store.getState();
      const id = target?.trackId ?? currentTrack(state);
      if (id) state.set({ armedTrack: state.armedTrack === id ? null : id });
    },
  },
  {
    name: 'foldTakes',
    label:
      "Fold the selected track's takes away under it, or show them again (as a DAW's take folder closes and opens)",
    group: 'track',
    enabled: (s) => s.project.tracks.some((t) => t.takeOf),
    perform: ({ store }, target) => {
      const state = store.getState();
      const source = takesOwner(state, target);
      if (!source) return state.notify('info', 'The selected track has no takes to fold.');
      const { foldedTakes, selection } = state;
      if (foldedTakes.includes(source)) return state.set({ foldedTakes: foldedTakes.filter((f) => f !== source) });
      state.set({ foldedTakes: [...foldedTakes, source] });
      // What is folded away is not left selected, where an edit would change it unseen.
      const shown = selection?.trackIds.filter(
        (id) => state.project.tracks.find((t) => t.id === id)?.takeOf !== source,
      );
      if (selection && shown) state.selectRange(shown.length ? { ...selection, trackIds: shown } : null);
    },
  },
  {
    name: 'swipeComp',
    label: 'Swipe comping: a range drawn on a take is comped onto its track as soon as it is let go (again: off)',
    group: 'track',
    shortcuts: ['Alt+Shift+C'],
    perform: ({ store }) => store.getState().set({ swipeComp: !store.getState().swipeComp }),
  },
  {
    name: 'deleteTakes',
    label: "Delete takes: the selected track's takes taken away once its comp is done; the track plays",
    group: 'track',
    enabled: (s) => s.project.tracks.some((t) => t.takeOf),
    perform: ({ store }, target) => {
      const state = store.getState();
      const source = takesOwner(state, target);
      if (!source) return state.notify('info', 'The selected track has no takes.');
      const { label, project } = deleteTakes(state.project, source);
      state.commit(label, project);
    },
  },
  {
    name: 'takeToTrack',
    label: 'Take to track: the selected take becomes a track of its own, no longer switched with the others',
    group: 'track',
    enabled: (s) => s.project.tracks.some((t) => t.takeOf),
    perform: ({ store }, target) => {
      const state = store.getState();
      const id = target?.trackId ?? currentTrack(state);
      if (!state.project.tracks.find((t) => t.id === id)?.takeOf)
        return state.notify('info', 'Select a take (B, C...) to make it a track of its own.');
      const { label, project } = takeToTrack(state.project, id ?? '');
      state.commit(label, project);
    },
  },
  {
    name: 'compTake',
    label:
      "Comp: the range selected on a take (B, C...) replaces its track's audio there, crossfaded, and the track plays (swipe the best parts of several takes into one)",
    group: 'track',
    shortcuts: ['Alt+C'],
    enabled: (s) => s.project.tracks.some((t) => t.takeOf),
    perform: (services, target) => compTake(services, target?.trackId),
  },
  ...(
    [
      ['alignStartToZero', 'zero', 'Align start to zero: the selected tracks (or all) start at 0 s'],
      [
        'alignStartToPlayhead',
        'playhead',
        'Align start to playhead: the selected tracks (or all) start at the playhead (the selection start)',
      ],
      ['alignEndToEnd', 'endToEnd', 'Align end to end: each selected track (or all) starts where the one above ends'],
    ] as const
  ).map(
    ([name, how, label]): Action => ({
      name,
      label,
      group: 'track',
      enabled: (s) => s.project.tracks.some((t) => t.clips.length > 0),
      perform: ({ store }) => alignTracks(store, how),
    }),
  ),
  {
    name: 'sortByStart',
    label: 'Sort tracks by start time (each take stays under its track)',
    group: 'track',
    enabled: (s) => s.project.tracks.length > 1,
    perform: ({ store }) => sortTrackList(store, 'start'),
  },
  {
    name: 'sortByName',
    label: 'Sort tracks by name (each take stays under its track)',
    group: 'track',
    enabled: (s) => s.project.tracks.length > 1,
    perform: ({ store }) => sortTrackList(store, 'name'),
  },
  ...(
    [
      [
        'selectTrackAbove',
        'Select the track above (the selected range kept, or at the playhead)',
        'ArrowUp',
        -1,
        false,
      ],
      [
        'selectTrackBelow',
        'Select the track below (the selected range kept, or at the playhead)',
        'ArrowDown',
        1,
        false,
      ],
      ['extendTracksUp', 'Add the track above to the selection', 'Shift+ArrowUp', -1, true],
      ['extendTracksDown', 'Add the track below to the selection', 'Shift+ArrowDown', 1, true],
    ] as const
  ).map(
    ([name, label, shortcut, by, extend]): Action => ({
      name,
      label,
      group: 'track',
      shortcuts: [shortcut],
      enabled: hasTrack,
      perform: ({ store }) => {
        const { project, selection, playhead, foldedTakes, selectRange } = store.getState();
        const shown = shownTracks(project.tracks, foldedTakes).map((t) => t.id);
        const ids = steppedTracks(shown, selection?.trackIds ?? [], by, extend);
        const range = selection ?? { start: playhead, end: playhead };
        selectRange({ ...range, trackIds: withLinkedTracks(project, ids) });
      },
    }),
  ),
];
