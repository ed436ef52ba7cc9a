import { groupTracks } from '../project/track-groups';
import { describe, expect, it } from 'vitest';
import { runAction } from '../actions/registry';
import { type Clip, newTrack, type Project, type PromptEntry } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import type { Services } from './services';
import {
  addLabelAtSelection,
  changeTrack,
  cycleFadeCurve,
  forgetPromptEntry,
  goToLabel,
  nudgeClips,
  nudgeClipFade,
  clipEnvelopeLine,
  nudgeLinePoint,
  removeLinePoint,
  renameClip,
  renameSoundLabel,
  startClipMove,
  startClipTrim,
  startLineDrag,
  startFadeDrag,
  startGesture,
} from './project-commands';

function twoTracks(): Project {
  const [a, b] = [newTrack(0), newTrack(1)];
  const clip: Clip = { id: 'c1', assetId: 'x', name: 'clip', start: 100, offset: 0, length: 50 };
  return { sampleRate: 1000, tracks: [{ ...a, clips: [clip] }, b] };
}

/** A studio of the two tracks grouped, `partner` on the second playing with the first's clip. */
function groupedPair(partner: Clip) {
  const store = createStudioStore();
  const project = twoTracks();
  project.tracks[1] = { ...project.tracks[1], clips: [partner] };
  store.getState().commit(
    'Start',
    groupTracks(
      project,
      project.tracks.map((t) => t.id),
    ).project,
  );
  return store;
}

describe('project commands', () => {
  it('renames a clip in one undo step, and leaves it for an empty or unchanged name', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    renameClip(store, 'c1', '  Intro ');
    expect(store.getState().project.tracks[0].clips[0].name).toBe('Intro');
    expect(store.getState().history.past.at(-1)?.label).toBe('Rename clip "clip" to "Intro"');
    renameClip(store, 'c1', ' ');
    renameClip(store, 'c1', 'Intro');
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('goes to the next and previous label, selecting a region and saying when there is none', () => {
    const store = createStudioStore();
    const project = twoTracks();
    const label = (id: string, start: number, end: number) =>
      ({ id, start, end, name: id, description: '', confidence: 1, written: true }) as const;
    project.tracks[1] = { ...project.tracks[1], labels: [label('a', 200, 300), label('b', 500, 500)] };
    store.getState().commit('Start', project);
    goToLabel(store, 1);
    expect(store.getState().playhead).toBe(200);
    expect(store.getState().selection).toMatchObject({ start: 200, end: 300, trackIds: [project.tracks[1].id] });
    goToLabel(store, 1);
    expect(store.getState().playhead).toBe(500); // a point: the playhead alone
    goToLabel(store, 1);
    expect(store.getState().notices.at(-1)?.text).toBe('No label after the playhead.');
    goToLabel(store, -1);
    expect(store.getState().playhead).toBe(200);
  });

  it('the keyboard moves a clip by steps, one undo step each, never before 0', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const start = () => store.getState().project.tracks[0].clips[0].start;
    nudgeClips(store, ['c1'], 10);
    expect(start()).toBe(110);
    nudgeClips(store, ['c1'], -1000);
    expect(start()).toBe(0);
    nudgeClips(store, ['c1'], -10); // already at 0: no step
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['Start', 'Move clip', 'Move clip']);
  });

  it('a fade handle drag is one step within the clip; keys nudge and take it away; a double-click turns its curve', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const fadeIn = () => store.getState().project.tracks[0].clips[0].fadeIn;
    const labels = () => store.getState().history.past.map((e) => e.label);
    const drag = startFadeDrag(store, 'c1', 'fadeIn');
    drag.moveTo(10);
    drag.moveTo(80); // past the clip's 50 samples: held at its length
    drag.end();
    expect(fadeIn()).toEqual({ length: 50, curve: 'equal-power' });
    expect(labels()).toEqual(['Start', 'Fade in clip']);
    nudgeClipFade(store, 'c1', 'fadeIn', -20);
    expect(fadeIn()?.length).toBe(30);
    cycleFadeCurve(store, 'c1', 'fadeIn');
    expect(fadeIn()?.curve).toBe('s-curve');
    expect(labels().at(-1)).toBe('Fade in clip: s-curve');
    nudgeClipFade(store, 'c1', 'fadeIn', -50);
    expect(fadeIn()).toBeUndefined();
  });

  it('an envelope point added by a drag is one step; a click on a point alone is none; keys nudge and remove', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const envelope = () => store.getState().project.tracks[0].clips[0].envelope;
    const labels = () => store.getState().history.past.map((e) => e.label);
    const line = clipEnvelopeLine('c1');
    const add = startLineDrag(store, line, { at: 10, gain: 1 });
    for (const gain of [0.9, 0.7, 0.5]) add.moveTo(12, gain);
    add.end();
    expect(envelope()).toEqual([{ at: 12, gain: 0.5 }]);
    expect(labels()).toEqual(['Start', 'Add envelope point']);
    startLineDrag(store, line, { index: 0 }).end();
    expect(labels()).toHaveLength(2);
    nudgeLinePoint(store, line, 0, 6.0206);
    expect(envelope()![0].gain).toBeCloseTo(1, 4);
    removeLinePoint(store, line, 0);
    expect(envelope()).toBeUndefined();
    expect(labels().slice(2)).toEqual(['Move envelope point', 'Remove envelope point']);
  });

  it('a slider gesture previews each change and lands as one named step', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const id = store.getState().project.tracks[0].id;
    const drag = startGesture(store);
    for (const gainDb of [-3, -6, -9]) changeTrack(store, id, 'Track gain', { gainDb });
    expect(store.getState().project.tracks[0].gainDb).toBe(-9);
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['Start']);
    drag.end('Track gain');
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['Start', 'Track gain']);
    store.getState().undo();
    expect(store.getState().project.tracks[0].gainDb).toBe(0);
  });

  it('outside a gesture a change is one step at once', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    changeTrack(store, store.getState().project.tracks[1].id, 'Rename track', { name: 'Birds' });
    expect(store.getState().history.past.at(-1)?.label).toBe('Rename track');
    expect(store.getState().project.tracks[1].name).toBe('Birds');
  });

  it('a clip move selects the clip, follows the pointer from where it began and is one step', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const [first, second] = store.getState().project.tracks;
    const drag = startClipMove(store, 'c1');
    expect(store.getState().selectedClipIds).toEqual(['c1']);
    drag.moveTo(first.id, 300);
    drag.moveTo(second.id, 250);
    drag.end();
    const moved = store.getState().project.tracks;
    expect(moved[0].clips).toHaveLength(0);
    expect(moved[1].clips[0]).toMatchObject({ id: 'c1', start: 250 });
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['Start', 'Move clip']);
  });

  it("a grouped clip's edge trims the clip playing with it on the group's other track by as much, in one step", () => {
    const store = groupedPair({ id: 'c2', assetId: 'y', name: 'snare', start: 110, offset: 10, length: 50 });
    const drag = startClipTrim(store, 'c1', 'start', () => 1000);
    expect(store.getState().selectedClipIds).toEqual(['c2', 'c1']);
    drag.moveTo(120); // 20 later
    drag.moveTo(105); // then 5 later than it began
    drag.end();
    const clips = store.getState().project.tracks.map((t) => t.clips[0]);
    expect(clips.map((c) => [c.start, c.offset, c.length])).toEqual([
      [105, 5, 45],
      [115, 15, 45],
    ]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Trim 2 clips');
  });

  it("a grouped clip's fade drawn draws the same fade on the clip playing with it", () => {
    const store = groupedPair({ id: 'c2', assetId: 'y', name: 'snare', start: 100, offset: 0, length: 50 });
    const drag = startFadeDrag(store, 'c1', 'fadeIn');
    drag.moveTo(20);
    drag.end();
    expect(store.getState().project.tracks.map((t) => t.clips[0].fadeIn?.length)).toEqual([20, 20]);
  });

  it('clips selected together move together, by the dragged one, and are deleted and nudged together', async () => {
    const store = createStudioStore();
    const project = twoTracks();
    const other: Clip = { id: 'c2', assetId: 'x', name: 'other', start: 400, offset: 0, length: 50 };
    project.tracks[1] = { ...project.tracks[1], clips: [other] };
    store.getState().commit('Start', project);
    const [first] = project.tracks;
    store.getState().selectClip('c1');
    store.getState().toggleClipSelected('c2');
    expect(store.getState().selectedClipIds).toEqual(['c1', 'c2']);
    const drag = startClipMove(store, 'c2');
    drag.moveTo(first.id, 500); // the dragged clip 100 later and a track up: the other with it
    drag.end();
    const layout = () => store.getState().project.tracks.map((t) => t.clips.map((c) => `${c.id}@${c.start}`));
    expect(layout()).toEqual([['c1@200'], ['c2@500']]); // c1 has no track above it: the group keeps its tracks
    expect(store.getState().history.past.at(-1)?.label).toBe('Move 2 clips');
    nudgeClips(store, store.getState().selectedClipIds, -300); // the group stops at 0, its spacing kept
    expect(layout()).toEqual([['c1@0'], ['c2@300']]);
    store.getState().toggleClipSelected('c2');
    expect(store.getState().selectedClipIds).toEqual(['c1']);
    store.getState().toggleClipSelected('c2');
    await runAction('delete', { store } as unknown as Services);
    expect(layout()).toEqual([[], []]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Delete 2 clips');
    expect(store.getState().selectedClipIds).toEqual([]);
  });

  it('a header button runs the registry action on its own track, not the selected one', async () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const [first, second] = store.getState().project.tracks;
    store.getState().selectRange({ start: 0, end: 10, trackIds: [first.id] });
    await runAction('muteTrack', { store } as unknown as Services, { trackId: second.id });
    expect(store.getState().project.tracks.map((t) => t.mute)).toEqual([false, true]);
    await runAction('muteTrack', { store } as unknown as Services);
    expect(store.getState().project.tracks.map((t) => t.mute)).toEqual([true, true]);
  });

  it('forgetting a prompt is an undoable step', () => {
    const store = createStudioStore();
    const entry: PromptEntry = {
      id: 'p1',
      text: 'rain',
      taskId: 't2a',
      prompt: 'rain',
      seconds: 5,
      seed: 1,
      variations: 1,
      at: 0,
    };
    store.getState().commit('Start', { ...twoTracks(), prompts: [entry] });
    forgetPromptEntry(store, 'p1');
    expect(store.getState().project.prompts).toEqual([]);
    store.getState().undo();
    expect(store.getState().project.prompts).toHaveLength(1);
  });
});

describe('written labels', () => {
  it('adds a label over the selection, or a point at the playhead, each one undo step, and renames it', () => {
    const store = createStudioStore();
    store.getState().commit('Start', twoTracks());
    const [first, second] = store.getState().project.tracks.map((t) => t.id);
    store.getState().selectRange({ start: 100, end: 150, trackIds: [second] });
    addLabelAtSelection(store);
    store.getState().selectRange(null);
    store.getState().seek(300);
    addLabelAtSelection(store);
    const { project, history } = store.getState();
    expect(project.tracks[1].labels?.map((l) => [l.name, l.start, l.end])).toEqual([['Label 1', 100, 150]]);
    expect(project.tracks[0].labels?.map((l) => [l.name, l.start, l.end])).toEqual([['Label 2', 300, 300]]);
    expect(history.past.map((h) => h.label).slice(-2)).toEqual(['Add label "Label 1"', 'Add label "Label 2"']);
    const id = project.tracks[0].labels![0].id;
    renameSoundLabel(store, id, 'Label 2', '  ');
    renameSoundLabel(store, id, 'Label 2', 'Label 2');
    expect(store.getState().history.past).toHaveLength(3); // blank and unchanged names change nothing
    renameSoundLabel(store, id, 'Label 2', ' Outro ');
    expect(store.getState().project.tracks.find((t) => t.id === first)?.labels?.[0].name).toBe('Outro');
    expect(store.getState().history.past.at(-1)?.label).toBe('Rename label "Label 2" to "Outro"');
  });
});
