/** Cut, copy, paste, delete, trim, silence, split, labels and the other layout edits. */
import {
  copyClips,
  duplicateClips,
  extractRange,
  insertClips,
  insertGap,
  keepRange,
  mapTracks,
  removeRange,
  repeatRange,
  splitTrackAt,
} from '../project/timeline-ops';
import { crossfadeOverlaps } from '../project/clip-fades';
import { beatLength, projectGrid } from '../project/tempo';
import { placeAsset } from '../project/generated-ops';
import { joinClips } from '../project/join';
import { setClipEnvelope } from '../project/envelope';
import { duplicateRange, splitNewRange, type TrackEdit } from '../project/track-ops';
import { findClip, newTrack, type Project, projectLength, type SampleRange } from '../project/types';
import { extendClip, regenerateRegion } from '../app/extend';
import { makeLoop } from '../app/loop';
import { labelSounds } from '../app/label-sounds';
import { selectZeroCrossings } from '../app/zero-crossings';
import { addLabelAtSelection, deleteClips, goToLabel, nudgeClips, selectClipExtent } from '../app/project-commands';
import { focusedClipId } from '../store/studio-store';
import { matchClipLoudness, nudgeClipGain } from '../app/clip-gain';
import { rideVocal } from '../app/ride';
import type { Services } from '../app/services';
import type { Action } from './types';
import { hasAudio, hasRange, selectedRange, targetTrackIds } from './targets';
import { automationPointsIn, clearLanes, retimeProject } from '../project/timeline-data';
import { copyTimeline, pasteTimeline } from '../project/timeline-clipboard';

/** Copies the selection on the selected tracks, else the selected clips (as the range from their first start to their
 * last end); false when there is neither. */
function copySelection({ store }: Services): boolean {
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) {
    const clips = copyClips(state.project, state.selectedClipIds);
    if (clips) store.getState().set({ clipboard: clips });
    return clips !== null;
  }
  const ids = targetTrackIds(state);
  const copied = state.project.tracks.filter((t) => ids.includes(t.id));
  const tracks = copied.map((t) => extractRange(t, range));
  const timelines = copied.map((t) => copyTimeline(t, range));
  store.getState().set({ clipboard: { length: range.end - range.start, tracks, timelines } });
  return true;
}

/** Audacity's Duplicate: the selection on each selected track as a new track under it, which becomes the selection.
 * With clips selected and no range, a DAW's: copies of them right after them, which become the selected clips (so
 * pressing it again goes on repeating them). */
function duplicateSelection({ store }: Services) {
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) {
    const { project, copies } = duplicateClips(state.project, state.selectedClipIds);
    if (copies.length === 0) return;
    state.commit(
      copies.length > 1 ? `Duplicate ${copies.length} clips` : 'Duplicate clip',
      copies.reduce((p, id) => crossfadeOverlaps(p, id), project),
    );
    state.set({ selectedClipIds: copies });
    return;
  }
  commitOntoNewTracks(store, range, duplicateRange(state.project, targetTrackIds(state), range));
}

/** Lands an edit that put the range on new tracks (Duplicate, Split new), the new tracks becoming the selection. */
function commitOntoNewTracks(store: Services['store'], range: SampleRange, { label, project }: TrackEdit) {
  const before = new Set(store.getState().project.tracks.map((t) => t.id));
  store.getState().commit(label, project);
  const trackIds = project.tracks.filter((t) => !before.has(t.id)).map((t) => t.id);
  store.getState().set({ selection: { ...range, trackIds } });
}

/** Split delete, as Audacity's: the selection taken out of each selected track, leaving a gap, so what follows keeps
 * its time (the tracks stay in sync). */
function splitDeleteSelection({ store }: Services, label: string) {
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  state.commit(
    label,
    mapTracks(state.project, targetTrackIds(state), (t) => removeRange(t, range, false)),
  );
}

/** Join, as Audacity's: on each selected track the clips in the selection become one clip (src/project/join.ts), in
 * one undo step; said where no track has two clips there. */
function joinSelection({ store, assets }: Services) {
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  let project = state.project;
  for (const trackId of targetTrackIds(state)) {
    const track = project.tracks.find((t) => t.id === trackId);
    const joined = track && joinClips(track, assets, range);
    if (!joined) continue;
    const asset = assets.add(joined.channels, project.sampleRate);
    const { start, end } = joined.span;
    project = placeAsset(project, trackId, start, asset.id, end - start, joined.name);
  }
  if (project === state.project) state.notify('info', 'Join: no selected track has two clips in the selection.');
  else state.commit('Join clips', project);
}

function deleteSelection({ store }: Services, label: string) {
  const state = store.getState();
  const range = selectedRange(state);
  if (range) {
    state.commit(
      label,
      retimeProject(state.project, targetTrackIds(state), { cut: range }, (t) => removeRange(t, range, true)),
    );
    state.set({ selection: { ...state.selection!, end: range.start }, playhead: range.start });
    return;
  }
  if (state.selectedClipIds.length) deleteClips(store, state.selectedClipIds, label);
}

export const editActions: Action[] = [
  {
    name: 'duplicate',
    label:
      'Duplicate: the selection on each selected track as a new track under it, in place in time (selected clips: copies right after them)',
    group: 'edit',
    shortcuts: ['Mod+D'],
    enabled: (s) => hasRange(s) || s.selectedClipIds.length > 0,
    perform: duplicateSelection,
  },
  {
    name: 'addLabel',
    label: 'Add a label at the selection (or a point at the playhead); double-click a label to rename it',
    group: 'edit',
    shortcuts: ['Mod+B'],
    enabled: (s) => s.project.tracks.length > 0,
    perform: ({ store }) => addLabelAtSelection(store),
  },
  {
    name: 'zeroCrossings',
    label: "Find zero crossings: the selection's edges to where the waveform crosses zero, so a cut makes no click",
    group: 'edit',
    enabled: hasRange,
    perform: selectZeroCrossings,
  },
  {
    name: 'nextLabel',
    label: 'Go to the next label (selecting a region label)',
    group: 'edit',
    shortcuts: [']'],
    enabled: (s) => s.project.tracks.some((t) => (t.labels?.length ?? 0) > 0),
    perform: ({ store }) => goToLabel(store, 1),
  },
  {
    name: 'previousLabel',
    label: 'Go to the previous label (selecting a region label)',
    group: 'edit',
    shortcuts: ['['],
    enabled: (s) => s.project.tracks.some((t) => (t.labels?.length ?? 0) > 0),
    perform: ({ store }) => goToLabel(store, -1),
  },
  {
    name: 'selectClip',
    label: 'Select clip: the clicked clip’s extent (or double-click a clip)',
    group: 'edit',
    shortcuts: ['Mod+Shift+A'],
    enabled: (s) => focusedClipId(s) !== null,
    perform: ({ store }) => {
      const id = focusedClipId(store.getState());
      if (id) selectClipExtent(store, id);
    },
  },
  ...(
    [
      ['nudgeClipEarlier', 'Move the selected clips 10 ms earlier', 'Mod+ArrowLeft', -0.01, 's'],
      ['nudgeClipLater', 'Move the selected clips 10 ms later', 'Mod+ArrowRight', 0.01, 's'],
      ['nudgeClipEarlierFar', 'Move the selected clips 1 s earlier', 'Mod+Shift+ArrowLeft', -1, 's'],
      ['nudgeClipLaterFar', 'Move the selected clips 1 s later', 'Mod+Shift+ArrowRight', 1, 's'],
      [
        'nudgeClipBeatEarlier',
        'Move the selected clips a beat earlier (of the project’s tempo)',
        'Mod+Alt+ArrowLeft',
        -1,
        'beat',
      ],
      [
        'nudgeClipBeatLater',
        'Move the selected clips a beat later (of the project’s tempo)',
        'Mod+Alt+ArrowRight',
        1,
        'beat',
      ],
    ] as const
  ).map(([name, label, shortcut, amount, unit]): Action => {
    /** Samples the step is in this project: seconds at its rate, or beats of its tempo (none without one). */
    const step = (project: Project) => {
      const grid = projectGrid(project);
      if (unit === 's') return amount * project.sampleRate;
      return grid ? amount * beatLength(grid, project.sampleRate) : null;
    };
    return {
      name,
      label,
      group: 'edit',
      shortcuts: [shortcut],
      enabled: (s) => s.selectedClipIds.length > 0 && step(s.project) !== null,
      perform: ({ store }) => {
        const { selectedClipIds, project } = store.getState();
        const samples = step(project);
        if (samples !== null) nudgeClips(store, selectedClipIds, Math.round(samples));
      },
    };
  }),
  {
    name: 'labelSounds',
    label:
      'Label sounds: a label over each sound in the selection (the silence level and longest pause of Truncate silence)',
    group: 'edit',
    shortcuts: ['Mod+Shift+B'],
    enabled: hasRange,
    perform: (services) => labelSounds(services),
  },
  {
    name: 'extendForward',
    label: 'Extend the clip forwards (continue it)',
    group: 'edit',
    shortcuts: ['Shift+E'],
    enabled: hasAudio,
    perform: (services) => extendClip(services, 'forward'),
  },
  {
    name: 'extendBackward',
    label: 'Extend the clip backwards (lead into it)',
    group: 'edit',
    enabled: hasAudio,
    perform: (services) => extendClip(services, 'backward'),
  },
  {
    name: 'regenerateRegion',
    label: 'Regenerate the selection to fit around it',
    group: 'edit',
    shortcuts: ['Shift+P'],
    enabled: hasRange,
    perform: regenerateRegion,
  },
  {
    name: 'makeLoop',
    label: 'Make a seamless loop of the selection',
    group: 'edit',
    shortcuts: ['Mod+Shift+L'],
    enabled: hasRange,
    perform: makeLoop,
  },
  {
    name: 'undo',
    label: 'Undo',
    group: 'edit',
    shortcuts: ['Mod+Z'],
    enabled: (s) => s.history.past.length > 0,
    perform: ({ store }) => {
      const label = store.getState().undo();
      if (label) store.getState().notify('info', `Undid: ${label}`);
    },
  },
  {
    name: 'redo',
    label: 'Redo',
    group: 'edit',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: (s) => s.history.future.length > 0,
    perform: ({ store }) => {
      const label = store.getState().redo();
      if (label) store.getState().notify('info', `Redid: ${label}`);
    },
  },
  {
    name: 'labelEditor',
    label: 'Labels: every label in a table, its name, start and end typed…',
    group: 'edit',
    perform: ({ store }) => store.getState().openPanel('labels'),
  },
  {
    name: 'history',
    label: 'History: every step of the undo history; go back or forward to any of them…',
    group: 'edit',
    shortcuts: ['Mod+Shift+H'],
    perform: ({ store }) => store.getState().openPanel('history'),
  },
  {
    name: 'cut',
    label: 'Cut (the selection, else the selected clips)',
    group: 'edit',
    shortcuts: ['Mod+X'],
    enabled: (s) => hasRange(s) || s.selectedClipIds.length > 0,
    perform: (services) => {
      if (copySelection(services)) deleteSelection(services, 'Cut');
    },
  },
  {
    name: 'splitCut',
    label: 'Split cut: cut the selection, leaving a gap (what follows stays in place)',
    group: 'edit',
    shortcuts: ['Mod+Alt+X'],
    enabled: hasRange,
    perform: (services) => {
      if (copySelection(services)) splitDeleteSelection(services, 'Split cut');
    },
  },
  {
    name: 'splitDelete',
    label: 'Split delete: delete the selection, leaving a gap (what follows stays in place)',
    group: 'edit',
    shortcuts: ['Mod+Alt+K'],
    enabled: hasRange,
    perform: (services) => splitDeleteSelection(services, 'Split delete'),
  },
  {
    name: 'clearAutomation',
    label:
      "Clear automation in the selection: the selected tracks' volume, pan, send and effect lanes go straight across it",
    group: 'edit',
    shortcuts: ['Alt+Shift+A'],
    enabled: hasRange,
    perform: ({ store }) => {
      const state = store.getState();
      const range = selectedRange(state)!;
      const ids = targetTrackIds(state);
      const points = state.project.tracks
        .filter((t) => ids.includes(t.id))
        .reduce((n, t) => n + automationPointsIn(t, range), 0);
      if (points === 0) {
        state.notify('info', 'Clear automation: no automation points in the selection.');
        return;
      }
      state.commit(
        'Clear automation',
        mapTracks(state.project, ids, (t) => clearLanes(t, range)),
      );
      state.notify('info', `Cleared ${points} automation point${points === 1 ? '' : 's'} in the selection.`);
    },
  },
  {
    name: 'splitNew',
    label: 'Split new: the selection moved off its tracks onto new tracks under them, in place in time',
    group: 'edit',
    shortcuts: ['Mod+Alt+I'],
    enabled: hasRange,
    perform: ({ store }) => {
      const state = store.getState();
      const range = selectedRange(state);
      if (range) commitOntoNewTracks(store, range, splitNewRange(state.project, targetTrackIds(state), range));
    },
  },
  {
    name: 'join',
    label: 'Join: the clips in the selection become one clip (gaps between them silence)',
    group: 'edit',
    shortcuts: ['Mod+J'],
    enabled: hasRange,
    perform: joinSelection,
  },
  {
    name: 'copy',
    label: 'Copy (the selection, else the selected clips)',
    group: 'edit',
    shortcuts: ['Mod+C'],
    enabled: (s) => hasRange(s) || s.selectedClipIds.length > 0,
    perform: (s) => void copySelection(s),
  },
  {
    name: 'paste',
    label: 'Paste',
    group: 'edit',
    shortcuts: ['Mod+V'],
    enabled: (s) => s.clipboard !== null,
    perform: ({ store }) => {
      const state = store.getState();
      const clipboard = state.clipboard!;
      const at = state.selection?.start ?? state.playhead;
      let project = state.project;
      const firstId = state.selection?.trackIds[0] ?? project.tracks[0]?.id;
      let index = Math.max(
        0,
        project.tracks.findIndex((t) => t.id === firstId),
      );
      // Multi-track clipboards land on consecutive tracks, adding tracks where the project has too few.
      while (project.tracks.length < index + clipboard.tracks.length)
        project = { ...project, tracks: [...project.tracks, newTrack(project.tracks.length)] };
      const ids = clipboard.tracks.map(() => project.tracks[index++].id);
      project = retimeProject(project, ids, { gap: { at, length: clipboard.length } }, (t) => {
        const row = ids.indexOf(t.id);
        const pasted = insertClips(t, at, clipboard.tracks[row], clipboard.length);
        return pasteTimeline(pasted, at, clipboard.length, clipboard.timelines?.[row] ?? {});
      });
      state.commit('Paste', project);
      state.set({ selection: { start: at, end: at + clipboard.length, trackIds: ids } });
    },
  },
  {
    name: 'delete',
    label: 'Delete',
    group: 'edit',
    shortcuts: ['Delete', 'Backspace'],
    enabled: (s) => hasRange(s) || s.selectedClipIds.length > 0,
    perform: (s) => deleteSelection(s, 'Delete'),
  },
  {
    name: 'trim',
    label: 'Trim to selection',
    group: 'edit',
    shortcuts: ['Mod+T'],
    enabled: hasRange,
    perform: ({ store }) => {
      const state = store.getState();
      state.commit(
        'Trim to selection',
        mapTracks(state.project, targetTrackIds(state), (t) => keepRange(t, selectedRange(state)!)),
      );
    },
  },
  {
    name: 'insertSilence',
    label: 'Insert silence',
    group: 'edit',
    shortcuts: ['Mod+L'],
    enabled: (s) => s.project.tracks.length > 0,
    perform: ({ store }) => {
      const state = store.getState();
      const range = selectedRange(state);
      // The selection's length, or one second at the playhead when nothing is selected.
      const at = range?.start ?? state.playhead;
      const length = range ? range.end - range.start : state.project.sampleRate;
      state.commit(
        'Insert silence',
        retimeProject(state.project, targetTrackIds(state), { gap: { at, length } }, (t) => insertGap(t, at, length)),
      );
      state.set({ selection: { start: at, end: at + length, trackIds: targetTrackIds(state) } });
    },
  },
  {
    name: 'split',
    label: 'Split at playhead',
    group: 'edit',
    shortcuts: ['Mod+I'],
    enabled: hasAudio,
    perform: ({ store }) => {
      const state = store.getState();
      state.commit(
        'Split',
        mapTracks(state.project, targetTrackIds(state), (t) => splitTrackAt(t, state.playhead)),
      );
    },
  },
  {
    name: 'repeat',
    label: 'Repeat: play the selection again after itself, as many times as asked',
    group: 'edit',
    enabled: hasRange,
    perform: ({ store }) => {
      const state = store.getState();
      const range = selectedRange(state)!;
      const times = Math.max(1, Math.min(100, Math.round(state.params.repeatTimes)));
      const label = `Repeat ${times} time${times === 1 ? '' : 's'}`;
      state.commit(
        label,
        retimeProject(state.project, targetTrackIds(state), { repeat: range, times }, (t) =>
          repeatRange(t, range, times),
        ),
      );
    },
  },
  {
    name: 'generateSignal',
    label: 'Generate signal: a tone, chirp, noise, telephone keys or a click track…',
    group: 'edit',
    shortcuts: ['Mod+Shift+G'],
    perform: ({ store }) => store.getState().openPanel('signal'),
  },
  {
    name: 'snap',
    label: 'Snap clips to edges, labels, the playhead and beats (hold Alt while dragging to move freely)',
    group: 'edit',
    shortcuts: ['N'],
    perform: ({ store }) => store.getState().set({ snap: !store.getState().snap }),
  },
  {
    name: 'automationFollowsClips',
    label:
      "Automation follows clips: a moved clip takes its stretch of the track's volume and pan lanes and its labels along (on by default)",
    group: 'edit',
    perform: ({ store }) => {
      const follows = !store.getState().automationFollowsClips;
      store.getState().set({ automationFollowsClips: follows });
      store.getState().notify('info', `Automation ${follows ? 'follows' : 'stays where it is when you move'} clips.`);
    },
  },
  {
    name: 'envelopeTool',
    label: 'Envelope tool',
    group: 'edit',
    shortcuts: ['E'],
    perform: ({ store }) =>
      store.getState().set({ tool: store.getState().tool === 'envelope' ? 'select' : 'envelope' }),
  },
  {
    name: 'clipGainUp',
    label: 'Clip gain up: the selected clips (else those the selection reaches) 1 dB louder, as wholes',
    group: 'edit',
    shortcuts: ['Mod+Shift+ArrowUp'],
    enabled: hasAudio,
    perform: (services) => nudgeClipGain(services, 1),
  },
  {
    name: 'clipGainDown',
    label: 'Clip gain down: the selected clips (else those the selection reaches) 1 dB quieter, as wholes',
    group: 'edit',
    shortcuts: ['Mod+Shift+ArrowDown'],
    enabled: hasAudio,
    perform: (services) => nudgeClipGain(services, -1),
  },
  {
    name: 'matchClipLoudness',
    label:
      'Match clip loudness: the selected clips (else those the selection reaches) each brought to the LUFS set, by clip gain',
    group: 'edit',
    shortcuts: [],
    enabled: hasAudio,
    perform: (services) => matchClipLoudness(services, services.store.getState().params.lufs),
  },
  {
    name: 'rideVocal',
    label:
      "Ride vocal: write the track's volume lane so its voice sits a set level over the rest of the mix (as Vocal Rider)",
    group: 'edit',
    shortcuts: [],
    enabled: hasRange,
    perform: (services) => void rideVocal(services),
  },
  {
    name: 'resetEnvelope',
    label: 'Reset volume envelope',
    group: 'edit',
    enabled: (s) => Boolean(focusedClipId(s) && findClip(s.project, focusedClipId(s)!)?.clip.envelope?.length),
    perform: ({ store }) => {
      const state = store.getState();
      const clipId = focusedClipId(state);
      if (clipId) state.commit('Reset volume envelope', setClipEnvelope(state.project, clipId, []));
    },
  },
  ...(
    [
      [
        'selectToStart',
        'Select from the playhead to the start (on the selected tracks, else all)',
        'Shift+Home',
        'start',
      ],
      ['selectToEnd', 'Select from the playhead to the end (on the selected tracks, else all)', 'Shift+End', 'end'],
    ] as const
  ).map(
    ([name, label, shortcut, toward]): Action => ({
      name,
      label,
      group: 'edit',
      shortcuts: [shortcut],
      enabled: hasAudio,
      perform: ({ store }) => {
        const state = store.getState();
        const { playhead, project } = state;
        const [start, end] = toward === 'start' ? [0, playhead] : [playhead, projectLength(project)];
        state.selectRange({ start, end, trackIds: targetTrackIds(state) });
      },
    }),
  ),
  {
    name: 'selectAll',
    label: 'Select all',
    group: 'edit',
    shortcuts: ['Mod+A'],
    enabled: hasAudio,
    perform: ({ store }) => {
      const state = store.getState();
      state.set({
        selection: { start: 0, end: projectLength(state.project), trackIds: state.project.tracks.map((t) => t.id) },
      });
    },
  },
  {
    name: 'newTrack',
    label: 'New track',
    group: 'track',
    shortcuts: ['Mod+Shift+N'],
    perform: ({ store }) => {
      const { project, commit } = store.getState();
      commit('New track', { ...project, tracks: [...project.tracks, newTrack(project.tracks.length)] });
    },
  },
];
