/** Project changes made from one thing's own controls (a track header's name and sliders, a clip's handle, a label's
 * or a prompt's ×): each lands as one named undo step, and a gesture (a drag) previews as it goes and lands as one
 * step when it ends. Components call these (or the action registry); only the command layer writes to the store. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { type AutomatableParam, describeParam, PARAM_RANGES, paramValue } from '../dsp/effect-automation';
import { FADE_CURVES } from '../dsp/fades';
import { dbToGain, gainToDb } from '../dsp/gain';
import { type ClipEdge, crossfadeOverlaps, setClipFade } from '../project/clip-fades';
import {
  addGainPoint,
  clampGain,
  type GainPoint,
  moveGainPoint,
  removeGainPoint,
  setClipEnvelope,
  setTrackVolume,
} from '../project/envelope';
import { addLabel, projectLabels, removeLabel, renameLabel, retimeLabel } from '../project/label-ops';
import { lineAsPan, panAsLine, setTrackPan } from '../project/pan-automation';
import { forgetPrompt } from '../project/prompt-history';
import { moveClips, slipClip, trimClipEdge } from '../project/timeline-ops';
import { lanesFollowClips } from '../project/timeline-clipboard';
import { busVolumeOf, setBusVolume, setSendVolume } from '../project/buses';
import { busSendsOf, setBusSendVolume } from '../project/bus-routing';
import { type EffectHost, effectsOf, setEffectLane } from '../project/track-effects';
import { linkedClips } from '../project/track-groups';
import { setTrack } from '../project/track-ops';
import type { FileTags, Project, Track } from '../project/types';
import { findClip } from '../project/types';
import type { StudioState, StudioStore } from '../store/studio-store';

export interface Gesture {
  /** Shows the project as `change` makes it from the project at the gesture's start. */
  update(change: (base: Project) => Project): void;
  /** Lands what the gesture changed as one undo step (none when it changed nothing). */
  end(label: string): void;
}

export function startGesture(store: StudioStore): Gesture {
  store.getState().beginTransaction();
  const base = store.getState().project;
  return {
    update: (change) => store.getState().preview(change(base)),
    end: (label) => store.getState().endTransaction(label),
  };
}

/** Changes a track's name, gain or pan: previewed during a gesture (a slider drag), else one step at once. A drag
 * moves its group's other tracks from where they were when it began, so a track held at the end of its range keeps
 * its distance once the drag comes back. */
export function changeTrack(store: StudioStore, trackId: string, label: string, patch: Partial<Track>) {
  const state = store.getState();
  const { project } = setTrack(state.transactionBase ?? state.project, trackId, label, patch);
  if (state.transactionBase) state.preview(project);
  else state.commit(label, project);
}

/** Starts dragging a clip (selecting it); each update puts it at `start` on the track `trackId`, crossfaded with any
 * clip it overlaps there. */
export function startClipMove(store: StudioStore, clipId: string) {
  const { selectedClipIds, project } = store.getState();
  // A clip of several selected moves them all; any other is selected with the clips of its track group playing with
  // it (src/project/track-groups.ts), else alone, and they move.
  const several = selectedClipIds.length > 1 && selectedClipIds.includes(clipId);
  const group = several ? selectedClipIds : linkedClips(project, clipId);
  if (!several) store.getState().set({ selectedClipIds: [...group.filter((id) => id !== clipId), clipId] });
  const gesture = startGesture(store);
  const row = (p: Project, trackId: string) => p.tracks.findIndex((t) => t.id === trackId);
  return {
    /** The clips moving (the dragged one among them). */
    clipIds: group,
    moveTo: (trackId: string, start: number) =>
      gesture.update((base) => {
        const grabbed = findClip(base, clipId);
        if (!grabbed || row(base, trackId) < 0) return base;
        const moved = moveClips(
          base,
          group,
          start - grabbed.clip.start,
          row(base, trackId) - row(base, grabbed.track.id),
        );
        return group.reduce((p, id) => crossfadeOverlaps(p, id), carried(store.getState(), base, moved, group));
      }),
    end: () => gesture.end(group.length > 1 ? `Move ${group.length} clips` : 'Move clip'),
  };
}

/** Starts dragging a clip's edge to trim it (selecting it); each update puts that edge at timeline sample `at`; the
 * whole drag is one undo step. */
export function startClipTrim(
  store: StudioStore,
  clipId: string,
  edge: 'start' | 'end',
  assetLength: (assetId: string) => number,
) {
  // The clips of its track group playing with it are trimmed by as much (src/project/track-groups.ts).
  const trimmed = linkedClips(store.getState().project, clipId);
  store.getState().set({ selectedClipIds: [...trimmed.filter((id) => id !== clipId), clipId] });
  const gesture = startGesture(store);
  const edgeOf = (p: Project, id: string) => {
    const clip = findClip(p, id)?.clip;
    return clip ? (edge === 'start' ? clip.start : clip.start + clip.length) : 0;
  };
  return {
    moveTo: (at: number) =>
      gesture.update((base) => {
        const by = at - edgeOf(base, clipId);
        return trimmed.reduce((p, id) => {
          const clip = findClip(base, id)?.clip;
          return clip ? trimClipEdge(p, id, edge, edgeOf(base, id) + by, assetLength(clip.assetId)) : p;
        }, base);
      }),
    end: () => gesture.end(trimmed.length > 1 ? `Trim ${trimmed.length} clips` : 'Trim clip'),
  };
}

/** Starts slipping a clip's audio inside it (selecting it); each update slips it `delta` samples from where it was;
 * the whole drag is one undo step. */
export function startClipSlip(store: StudioStore, clipId: string, assetLength: number) {
  store.getState().selectClip(clipId);
  const gesture = startGesture(store);
  return {
    moveTo: (delta: number) => gesture.update((base) => slipClip(base, clipId, delta, assetLength)),
    end: () => gesture.end('Slip clip'),
  };
}

/** Moves clips `samples` later (earlier where negative, the group not before 0) on their tracks, crossfaded with
 * what they then overlap: the keyboard's way to move the selected clips. */
export function nudgeClips(store: StudioStore, clipIds: readonly string[], samples: number) {
  const state = store.getState();
  const moved = moveClips(state.project, clipIds, samples, 0);
  if (moved === state.project) return;
  const label = clipIds.length > 1 ? `Move ${clipIds.length} clips` : 'Move clip';
  state.commit(
    label,
    clipIds.reduce((p, id) => crossfadeOverlaps(p, id), carried(state, state.project, moved, clipIds)),
  );
}

/** `moved` (clips moved from `before`) with their lanes and labels carried along, where automation follows clips. */
export const carried = (state: StudioState, before: Project, moved: Project, clipIds: readonly string[]) =>
  state.automationFollowsClips ? lanesFollowClips(before, moved, clipIds) : moved;

/** Takes the clips out of the project, one undo step named for `verb` (Delete, Cut). */
export function deleteClips(store: StudioStore, clipIds: readonly string[], verb = 'Delete') {
  const state = store.getState();
  const tracks = state.project.tracks.map((t) => ({ ...t, clips: t.clips.filter((c) => !clipIds.includes(c.id)) }));
  state.commit(clipIds.length > 1 ? `${verb} ${clipIds.length} clips` : `${verb} clip`, { ...state.project, tracks });
  state.selectClip(null);
}

/** Selects the clip's extent on its track (a double-click on a clip, or Select clip on the clicked one). */
export function selectClipExtent(store: StudioStore, clipId: string) {
  const found = findClip(store.getState().project, clipId);
  if (!found) return;
  const { track, clip } = found;
  store.getState().selectRange({ start: clip.start, end: clip.start + clip.length, trackIds: [track.id] });
}

/** What a line's values are: gains (0 to +12 dB) or pans (-1 left to 1 right). */
export type LineKind = 'gain' | 'pan' | 'amount';

/** How a line's values are kept in range, stepped by the keyboard and named. */
export interface LineValues {
  clamp: (value: number) => number;
  /** One keyboard step up (1) or down (-1): a decibel (from silence, to -36 dB first), or 5 % of the pan. */
  step: (value: number, direction: number) => number;
  text: (value: number) => string;
}

const formatPan = (pan: number) =>
  Math.abs(pan) < 0.005 ? 'centre' : `${Math.round(Math.abs(pan) * 100)} % ${pan < 0 ? 'left' : 'right'}`;

export const LINE_VALUES: Record<LineKind, LineValues> = {
  gain: {
    clamp: clampGain,
    step: (gain, direction) => (gain > 0 ? gain * dbToGain(direction) : direction > 0 ? dbToGain(-36) : 0),
    text: (gain) => (gain > 0 ? `${gainToDb(gain).toFixed(1)} dB` : 'silence'),
  },
  pan: {
    clamp: (pan) => Math.max(-1, Math.min(1, pan)),
    step: (pan, direction) => Math.max(-1, Math.min(1, Math.round((pan + 0.05 * direction) * 100) / 100)),
    text: formatPan,
  },
  // An effect setting's place in its range (its lane shows the setting itself: `GainLine.text`).
  amount: {
    clamp: (place) => Math.max(0, Math.min(1, place)),
    step: (place, direction) => Math.max(0, Math.min(1, Math.round((place + 0.05 * direction) * 100) / 100)),
    text: (place) => `${Math.round(place * 100)} %`,
  },
};

/** A line of points the user edits: a clip's volume envelope (points on its asset's samples), a track's volume or
 * pan automation (points on the timeline). Its points hold their value as `gain` whatever the kind. The commands
 * below work on any. */
export interface GainLine {
  kind: LineKind;
  points: (project: Project) => GainPoint[] | undefined;
  set: (project: Project, points: readonly GainPoint[]) => Project;
  /** What the history calls its points. */
  noun: string;
  /** Selects what the line belongs to (a clip) as its editing starts. */
  select?: (store: StudioStore) => void;
  /** How a point's value reads, where not as its kind's values read (an effect setting in its own units). */
  text?: (value: number) => string;
}

export const clipEnvelopeLine = (clipId: string): GainLine => ({
  kind: 'gain',
  points: (p) => findClip(p, clipId)?.clip.envelope,
  set: (p, points) => setClipEnvelope(p, clipId, points),
  noun: 'envelope point',
  select: (store) => store.getState().selectClip(clipId),
});

export const trackVolumeLine = (trackId: string): GainLine => ({
  kind: 'gain',
  points: (p) => p.tracks.find((t) => t.id === trackId)?.volume,
  set: (p, points) => setTrackVolume(p, trackId, points),
  noun: 'volume point',
});

export const trackPanLine = (trackId: string): GainLine => ({
  kind: 'pan',
  points: (p) => {
    const panPoints = p.tracks.find((t) => t.id === trackId)?.panPoints;
    return panPoints && panAsLine(panPoints);
  },
  set: (p, points) => setTrackPan(p, trackId, lineAsPan(points)),
  noun: 'pan point',
});

/** A send's level automation: gains times its level, as a track's volume automation is times its gain. */
export const sendVolumeLine = (trackId: string, busId: string): GainLine => ({
  kind: 'gain',
  points: (p) => p.tracks.find((t) => t.id === trackId)?.sends?.find((s) => s.busId === busId)?.volume,
  set: (p, points) => setSendVolume(p, trackId, busId, points),
  noun: 'send point',
});

/** An effect bus's send's level automation: gains times the send's level. */
export const busSendVolumeLine = (busId: string, target: string): GainLine => ({
  kind: 'gain',
  points: (p) => busSendsOf(p, busId).find((s) => s.busId === target)?.volume,
  set: (p, points) => setBusSendVolume(p, busId, target, points),
  noun: 'send point',
});

/** The master's or an effect bus's fader automation: gains times its fader. */
export const busVolumeLine = (host: EffectHost): GainLine => ({
  kind: 'gain',
  points: (p) => busVolumeOf(p, host),
  set: (p, points) => setBusVolume(p, host, points),
  noun: 'volume point',
});

/** A lane of an effect's setting (src/dsp/effect-automation.ts): its points are places in the setting's range. */
export const effectLaneLine = (host: EffectHost, effectId: string, param: AutomatableParam): GainLine => ({
  kind: 'amount',
  points: (p) => effectsOf(p, host).find((e) => e.id === effectId)?.automation?.[param],
  set: (p, points) => setEffectLane(p, host, effectId, param, points),
  noun: `${PARAM_RANGES[param].name.toLowerCase()} point`,
  text: (place) => describeParam(param, paramValue(param, place)),
});

/** Starts dragging a point of a gain line: the one at `grab.index`, or one added at `grab.at` with `grab.gain`, as a
 * click with Audacity's Envelope tool adds a point and drags it. Each update puts the point at `at` with `gain`; the
 * whole drag is one undo step. */
export function startLineDrag(
  store: StudioStore,
  line: GainLine,
  grab: { index: number } | { at: number; gain: number },
) {
  line.select?.(store);
  const base = line.points(store.getState().project) ?? [];
  const adding = !('index' in grab);
  const { clamp } = LINE_VALUES[line.kind];
  const points = 'index' in grab ? base : addGainPoint(base, grab.at, grab.gain, clamp);
  const index = 'index' in grab ? grab.index : points.findIndex((p) => p.at === Math.round(grab.at));
  const gesture = startGesture(store);
  if (adding) gesture.update((p) => line.set(p, points));
  return {
    moveTo: (at: number, gain: number) =>
      gesture.update((p) => line.set(p, moveGainPoint(points, index, at, gain, clamp))),
    end: () => gesture.end(`${adding ? 'Add' : 'Move'} ${line.noun}`),
  };
}

/** Takes a point out of a gain line (the last one out: no line, the level as it was). */
export function removeLinePoint(store: StudioStore, line: GainLine, index: number) {
  const state = store.getState();
  const points = line.points(state.project);
  if (!points?.[index]) return;
  state.commit(`Remove ${line.noun}`, line.set(state.project, removeGainPoint(points, index)));
}

/** Moves a point of a line one keyboard step up (1) or down (-1): the keyboard's way to move one. */
export function nudgeLinePoint(store: StudioStore, line: GainLine, index: number, direction: number) {
  const state = store.getState();
  const points = line.points(state.project);
  const point = points?.[index];
  if (!points || !point) return;
  const { step, clamp } = LINE_VALUES[line.kind];
  const moved = moveGainPoint(points, index, point.at, step(point.gain, direction), clamp);
  state.commit(`Move ${line.noun}`, line.set(state.project, moved));
}

const FADE_STEP_LABEL: Record<ClipEdge, string> = { fadeIn: 'Fade in clip', fadeOut: 'Fade out clip' };

/** The clip's fade on `edge` made `length` samples long (0: none), kept within the clip, its curve kept or else the
 * Fade curve setting's. */
function withFade(store: StudioStore, project: Project, clipId: string, edge: ClipEdge, length: number): Project {
  const clip = findClip(project, clipId)?.clip;
  if (!clip) return project;
  const curve = clip[edge]?.curve ?? store.getState().params.fadeCurve;
  return setClipFade(project, clipId, edge, { length: Math.max(0, Math.min(clip.length, length)), curve });
}

/** Starts dragging a clip's fade handle, as in a DAW: each update makes the fade on `edge` `length` samples long (on
 * the clips of its track group playing with it too); the whole drag is one undo step. */
export function startFadeDrag(store: StudioStore, clipId: string, edge: ClipEdge) {
  const faded = linkedClips(store.getState().project, clipId);
  store.getState().set({ selectedClipIds: [...faded.filter((id) => id !== clipId), clipId] });
  const gesture = startGesture(store);
  return {
    moveTo: (length: number) =>
      gesture.update((base) => faded.reduce((p, id) => withFade(store, p, id, edge, length), base)),
    end: () => gesture.end(FADE_STEP_LABEL[edge]),
  };
}

/** Gives a clip's fade the next curve (linear, equal power, S-curve, exponential, round again). */
export function cycleFadeCurve(store: StudioStore, clipId: string, edge: ClipEdge) {
  const state = store.getState();
  const fade = findClip(state.project, clipId)?.clip[edge];
  if (!fade) return;
  const curve = FADE_CURVES[(FADE_CURVES.indexOf(fade.curve) + 1) % FADE_CURVES.length];
  state.commit(`${FADE_STEP_LABEL[edge]}: ${curve}`, setClipFade(state.project, clipId, edge, { ...fade, curve }));
}

/** Lengthens or shortens a clip's fade by `samples` (the keyboard's way to move a fade handle; 0 long: no fade). */
export function nudgeClipFade(store: StudioStore, clipId: string, edge: ClipEdge, samples: number) {
  const state = store.getState();
  const clip = findClip(state.project, clipId)?.clip;
  if (!clip) return;
  state.commit(
    FADE_STEP_LABEL[edge],
    withFade(store, state.project, clipId, edge, (clip[edge]?.length ?? 0) + samples),
  );
}

export function removeSoundLabel(store: StudioStore, labelId: string, name: string) {
  store.getState().commit(`Remove label ${name}`, removeLabel(store.getState().project, labelId));
}

/** Selects the next label after the playhead (`step` 1) or the last one before it (-1), on its track, and puts the
 * playhead on its start, as a DAW's go to next or previous marker; says so when there is none that way. */
export function goToLabel(store: StudioStore, step: 1 | -1) {
  const state = store.getState();
  const all = projectLabels(state.project).sort((a, b) => a.label.start - b.label.start);
  const found =
    step > 0
      ? all.find(({ label }) => label.start > state.playhead)
      : all.filter(({ label }) => label.start < state.playhead).at(-1);
  if (!found) return state.notify('info', step > 0 ? 'No label after the playhead.' : 'No label before the playhead.');
  const { track, label } = found;
  if (label.end > label.start) state.selectRange({ start: label.start, end: label.end, trackIds: [track.id] });
  state.seek(label.start);
}

/** A label the user writes, as Audacity's Add Label at Selection: over the selection on its first track, or a point at
 * the playhead; named "Label N" until renamed. */
export function addLabelAtSelection(store: StudioStore) {
  const state = store.getState();
  const trackId = targetTrackIds(state)[0];
  if (!trackId) return state.notify('info', 'Add a track first: a label belongs to a track.');
  const range = selectedRange(state) ?? { start: state.playhead, end: state.playhead };
  const name = `Label ${projectLabels(state.project).filter(({ label }) => label.written).length + 1}`;
  state.commit(`Add label "${name}"`, addLabel(state.project, trackId, range, name));
}

/** A label named anew (blank or unchanged names change nothing). */
export function renameSoundLabel(store: StudioStore, labelId: string, from: string, to: string) {
  const name = to.trim();
  if (!name || name === from) return;
  store.getState().commit(`Rename label "${from}" to "${name}"`, renameLabel(store.getState().project, labelId, name));
}

/** A clip renamed (a double-click on its name bar), one undo step; an empty or unchanged name changes nothing. */
export function renameClip(store: StudioStore, clipId: string, to: string) {
  const state = store.getState();
  const found = findClip(state.project, clipId);
  const name = to.trim();
  if (!found || !name || name === found.clip.name) return;
  const tracks = state.project.tracks.map((t) =>
    t === found.track ? { ...t, clips: t.clips.map((c) => (c.id === clipId ? { ...c, name } : c)) } : t,
  );
  state.commit(`Rename clip "${found.clip.name}" to "${name}"`, { ...state.project, tracks });
}

/** A label moved to start at `startSeconds` and end at `endSeconds` (the Labels panel's typed times). */
export function retimeSoundLabel(store: StudioStore, labelId: string, startSeconds: number, endSeconds: number) {
  const state = store.getState();
  const found = projectLabels(state.project).find(({ label }) => label.id === labelId);
  if (!found || !Number.isFinite(startSeconds) || !Number.isFinite(endSeconds)) return;
  const rate = state.project.sampleRate;
  const project = retimeLabel(state.project, labelId, startSeconds * rate, endSeconds * rate);
  const moved = projectLabels(project).find(({ label }) => label.id === labelId)!.label;
  if (moved.start === found.label.start && moved.end === found.label.end) return;
  state.commit(`Move label "${found.label.name}"`, project);
}

export function forgetPromptEntry(store: StudioStore, id: string) {
  store.getState().commit('Forget a prompt', forgetPrompt(store.getState().project, id));
}

/** Sets one of the project's file tags (blank: none) as one undo step; an unchanged value changes nothing. */
export function editTag(store: StudioStore, key: keyof FileTags, value: string) {
  const { project, commit } = store.getState();
  const text = value.trim();
  if ((project.tags?.[key] ?? '') === text) return;
  const tags = { ...project.tags, [key]: text || undefined };
  commit(`Tag ${key}: ${text || 'none'}`, { ...project, tags });
}
