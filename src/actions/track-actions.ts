/** Commands on the selected track (the first of the selection, else the first track) and the model commands, so the
 * keyboard, the help panel and the buttons reach the same routines. */
import { alignTracks, sortTrackList } from '../app/arrange-tracks';
import { compTake } from '../app/comp';
import { editSelection } from '../app/edit';
import { cancelJob, generateClip } from '../app/generate';
import { mixAndRender } from '../app/render';
import { makeStereoTrack } from '../app/join-stereo';
import { splitStereoTrack } from '../app/split-stereo';
import type { Services } from '../app/services';
import { nextMode, setAutomationMode } from '../app/automation-writer';
import { switchTake } from '../project/generated-ops';
import { deleteTrack, moveTrack, soloOnly, type TrackEdit, toggleMute, toggleSolo } from '../project/track-ops';
import { groupOf, groupTracks, toggleGroupSuspended, ungroupTracks } from '../project/track-groups';
import type { Project } from '../project/types';
import type { StudioState } from '../store/studio-store';
import { targetTrackIds } from './targets';
import type { Action, ActionTarget } from './types';

const currentTrack = (s: StudioState) => targetTrackIds(s)[0];
const hasTrack = (s: StudioState) => s.project.tracks.length > 0;

/** The edit on the target track (a header's own buttons), else on the selected one. */
function onCurrentTrack(services: Services, edit: (project: Project, id: string) => TrackEdit, target?: ActionTarget) {
  const state = services.store.getState();
  const id = target?.trackId ?? currentTrack(state);
  if (!id) return;
  const { label, project } = edit(state.project, id);
  state.commit(label, project);
}

/** Shows or hides an automation lane of the target track (else the selected one), or switches its waveform between
 * linear and decibels: a view of the track, not an edit. */
function toggleLane({ store }: Services, lanes: 'volumeLanes' | 'panLanes' | 'dbWaveTracks', target?: ActionTarget) {
  const state = store.getState();
  const id = target?.trackId ?? currentTrack(state);
  if (!id) return;
  const shown = state[lanes].includes(id);
  state.set({ [lanes]: shown ? state[lanes].filter((t) => t !== id) : [...state[lanes], id] });
}

export const trackActions: Action[] = [
  {
    name: 'trackEffects',
    label:
      "Track effects: the selected track's realtime equalizer, filters and compressor (heard as it plays and in exports; its clips never change)",
    group: 'track',
    enabled: hasTrack,
    perform: ({ store }, target) => {
      const id = target?.trackId ?? currentTrack(store.getState());
      if (id) store.getState().set({ effectsHost: id, panel: 'trackEffects' });
    },
  },
  {
    name: 'volumeLane',
    label: 'Show or hide the volume automation lane of the selected track',
    group: 'track',
    enabled: hasTrack,
    perform: (services, target) => toggleLane(services, 'volumeLanes', target),
  },
  {
    name: 'dbWaveform',
    label: 'Waveform in decibels: the selected track drawn on a dB scale (quiet recordings fill it), or linear again',
    group: 'track',
    enabled: hasTrack,
    perform: (services, target) => toggleLane(services, 'dbWaveTracks', target),
  },
  {
    name: 'panLane',
    label: 'Show or hide the pan automation lane of the selected track',
    group: 'track',
    enabled: hasTrack,
    perform: (services, target) => toggleLane(services, 'panLanes', target),
  },
  {
    name: 'mixer',
    label:
      "Mixer: every track's fader, meter, pan, mute, solo and effects side by side, the buses and the master after",
    group: 'track',
    shortcuts: ['Alt+M'],
    perform: ({ store }) => store.getState().openPanel('mixer'),
  },
  {
    name: 'automationMode',
    label:
      'Automation mode of the selected track, in turn: Read, Touch (as it plays, its fader and pan write their lanes while held) or Latch (until playback stops)',
    group: 'track',
    shortcuts: ['Alt+A'],
    enabled: hasTrack,
    perform: ({ store }, target) => {
      const id = target?.trackId ?? currentTrack(store.getState());
      if (id) setAutomationMode(store, id, nextMode(store.getState().automationModes[id] ?? 'read'));
    },
  },
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
  {
    name: 'splitStereo',
    label: 'Split stereo track: its left and right as two mono tracks, panned hard left and right',
    group: 'track',
    enabled: (s) => s.project.tracks.length > 0,
    perform: splitStereoTrack,
  },
  {
    name: 'makeStereo',
    label: 'Make stereo track: the selected mono track and the one under it as the left and right of one track',
    group: 'track',
    enabled: (s) => s.project.tracks.length > 1,
    perform: makeStereoTrack,
  },
  {
    name: 'mixAndRender',
    label: 'Mix and render: the selected tracks (or all) as heard become one track of their mix',
    group: 'track',
    shortcuts: ['Mod+Shift+M'],
    enabled: (s) => s.project.tracks.some((t) => t.clips.length > 0),
    perform: mixAndRender,
  },
  {
    name: 'muteTrack',
    label: 'Mute or unmute the selected track',
    group: 'track',
    shortcuts: ['Shift+M'],
    enabled: hasTrack,
    perform: (s, target) => onCurrentTrack(s, toggleMute, target),
  },
  {
    name: 'soloTrack',
    label: 'Solo or unsolo the selected track',
    group: 'track',
    shortcuts: ['Shift+S'],
    enabled: hasTrack,
    perform: (s, target) => onCurrentTrack(s, toggleSolo, target),
  },
  {
    name: 'soloOnly',
    label:
      'Solo only the selected track (every other solo off), or unsolo all where it is already soloed alone (Ctrl/Cmd+click on S)',
    group: 'track',
    enabled: hasTrack,
    perform: (s, target) => onCurrentTrack(s, soloOnly, target),
  },
  {
    name: 'moveTrackUp',
    label: 'Move the selected track up',
    group: 'track',
    shortcuts: ['Alt+Shift+ArrowUp'],
    enabled: (s) => s.project.tracks.length > 1,
    perform: (s, target) => onCurrentTrack(s, (project, id) => moveTrack(project, id, -1), target),
  },
  {
    name: 'moveTrackDown',
    label: 'Move the selected track down',
    group: 'track',
    shortcuts: ['Alt+Shift+ArrowDown'],
    enabled: (s) => s.project.tracks.length > 1,
    perform: (s, target) => onCurrentTrack(s, (project, id) => moveTrack(project, id, 1), target),
  },
  {
    name: 'deleteTrack',
    label: 'Delete the selected track',
    group: 'track',
    shortcuts: ['Mod+Shift+Delete'],
    enabled: hasTrack,
    perform: (s, target) => onCurrentTrack(s, deleteTrack, target),
  },
  {
    name: 'switchTake',
    label: 'Play the selected take instead of the original (A/B), or the original again',
    group: 'track',
    shortcuts: ['Shift+B'],
    enabled: (s) => s.project.tracks.some((t) => t.takeOf), // on a track that is no take it changes nothing
    perform: (s, target) =>
      onCurrentTrack(
        s,
        (project, id) => {
          const { project: next, playing } = switchTake(project, id);
          return { label: playing === 'A' ? 'Play the original (A)' : `Play take ${playing}`, project: next };
        },
        target,
      ),
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
      const id = target?.trackId ?? currentTrack(state);
      const track = state.project.tracks.find((t) => t.id === id);
      const source = track?.takeOf ?? track?.id;
      if (!source || !state.project.tracks.some((t) => t.takeOf === source))
        return state.notify('info', 'The selected track has no takes to fold.');
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
    name: 'compTake',
    label:
      "Comp: the range selected on a take (B, C...) replaces its track's audio there, crossfaded, and the track plays (swipe the best parts of several takes into one)",
    group: 'track',
    shortcuts: ['Alt+C'],
    enabled: (s) => s.project.tracks.some((t) => t.takeOf),
    perform: (services, target) => compTake(services, target?.trackId),
  },
  {
    name: 'runGenerate',
    label: "Generate from the panel's prompt",
    group: 'edit',
    perform: generateClip,
  },
  {
    name: 'runEdit',
    label: "Edit the selection with the panel's instruction",
    group: 'edit',
    perform: editSelection, // says what is missing (no selection, no words) itself
  },
  {
    name: 'cancelJobs',
    label: 'Cancel every model job',
    group: 'edit',
    shortcuts: ['Mod+.'],
    enabled: (s) => s.jobs.length > 0,
    perform: ({ store }) => {
      for (const job of store.getState().jobs) cancelJob(job.id);
    },
  },
];
