/** Commands on the selected track (the first of the selection, else the first track) and the model commands, so the
 * keyboard, the help panel and the buttons reach the same routines. */
import { editSelection } from '../app/edit';
import { newInstrumentTrack, noteClipToEdit } from '../app/instrument';
import { cancelJob, generateClip } from '../app/generate';
import { mixAndRender } from '../app/render';
import { makeStereoTrack } from '../app/join-stereo';
import { splitStereoTrack } from '../app/split-stereo';
import type { Services } from '../app/services';
import { nextMode, setAutomationMode } from '../app/automation-writer';
import { switchTake } from '../project/generated-ops';
import { deleteTrack, moveTrack, soloOnly, type TrackEdit, toggleMute, toggleSolo } from '../project/track-ops';
import type { Project } from '../project/types';
import { currentTrack, hasTrack } from './targets';
import type { Action, ActionTarget } from './types';

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
    name: 'newInstrumentTrack',
    label: 'New instrument track: an empty part of four bars on the piano, opened in the piano roll to write its notes',
    group: 'track',
    perform: newInstrumentTrack,
  },
  {
    name: 'pianoRoll',
    label:
      "Piano roll: the notes of the selected instrument track's clip (an imported MIDI part), to move, lengthen, add and delete",
    group: 'track',
    shortcuts: ['Alt+N'],
    enabled: hasTrack,
    perform: ({ store }, target) => {
      const state = store.getState();
      const clip = noteClipToEdit(state.project, state.selectedClipIds, target?.trackId ?? currentTrack(state));
      if (clip) state.set({ notesClip: clip, panel: 'pianoRoll' });
      else
        state.notify(
          'info',
          'No notes to edit: a MIDI file imported becomes tracks of notes, played by the built-in instruments.',
        );
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
