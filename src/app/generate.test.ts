import { describe, expect, it } from 'vitest';
import type { PackInfo } from '../protocol/engine-protocol';
import { beatPicture } from '../music/beat-guide';
import { newTrack } from '../project/types';
import { initialState } from '../store/studio-store';
import { describedSound } from './edit';
import {
  conformFields,
  editInstruction,
  generationPlan,
  hearsPicture,
  PAPER_TASKS,
  projectBeat,
  promptProblem,
  withBeatGrid,
  withMusicKey,
} from './generate';

const settings = (patch: Partial<ReturnType<typeof initialState>['generate']>) => ({
  ...initialState().generate,
  mode: 'edit' as const,
  ...patch,
});
const pack = (template: string, id = 'remove') =>
  ({ tasks: [{ id, label: id, family: 'edit', template }] }) as unknown as PackInfo;

describe('edit instructions', () => {
  it("fill the paper's templates before a pack is loaded", () => {
    expect(editInstruction(settings({ editTask: 'extract', description: 'a dog barking' }))).toBe(
      "Extract the sound of 'a dog barking'",
    );
    expect(editInstruction(settings({ editTask: 'style', styleFrom: 'a drum', styleTo: 'a bell' }))).toBe(
      "Change the sound of 'a drum' to 'a bell'",
    );
  });
  it("fill the loaded pack's own template", () => {
    const s = settings({ editTask: 'remove', description: 'rain' });
    expect(editInstruction(s, pack('Take out the {desc}, please'))).toBe('Take out the rain, please');
    const style = settings({ editTask: 'style', styleFrom: 'x', styleTo: 'y' });
    expect(editInstruction(style, pack('Turn {source} into {target}', 'style'))).toBe('Turn x into y');
  });
  it('take a whole instruction as it is, and find the sound in it for the separator', () => {
    const s = settings({ editTask: 'remove', description: "Remove the sound of 'a siren'" });
    expect(editInstruction(s, pack('Take out the {desc}'))).toBe("Remove the sound of 'a siren'");
    expect(describedSound(s)).toBe('a siren');
  });
});

describe('video tasks', () => {
  it('hear the picture, take an empty prompt, and music for a video is never stretched off its timing', () => {
    const music = { ...initialState().generate.music, bpm: 120, key: 'C' as const };
    const v2m = settings({ mode: 'generate', generateTask: 'v2m', prompt: '', conform: true, music });
    expect(hearsPicture(null, 'v2m') && hearsPicture(null, 'v2a') && !hearsPicture(null, 't2m')).toBe(true);
    expect(promptProblem(v2m)).toBeNull();
    expect(promptProblem({ ...v2m, generateTask: 't2m' })).toMatch('Type a prompt');
    expect(conformFields(v2m)).toMatchObject({ bpm: null, key: 'C' });
    expect(conformFields({ ...v2m, generateTask: 't2m' })).toMatchObject({ bpm: 120, key: 'C' });
  });
});

describe('music from text at a stated tempo', () => {
  const music = { ...initialState().generate.music, bpm: 90, key: 'A' as const, mode: 'minor' as const };
  const t2m = settings({ mode: 'generate', generateTask: 't2m', prompt: 'piano melody', conform: true, music });
  const video = { size: 32, fps: 25 };

  it('runs under the beat guide: the timing from the picture, only the key conformed, not made longer, said', () => {
    const plan = generationPlan(t2m, { tasks: PAPER_TASKS, video }, 10);
    expect(plan).toMatchObject({ taskId: 'v2m', seconds: 10, chained: true, conformTo: { bpm: null, key: 'A' } });
    expect(plan.video?.pixels.length).toBe(250 * 3 * 32 * 32);
    expect(plan.notes).toEqual(['held at 90 BPM by the beat guide']);
    expect(plan.heldAt).toBe(90);
  });

  it('play in time with the project: a beat on the grid of a track at that tempo, else at the playhead', () => {
    const grid = { ...newTrack(0), tempoBpm: 90.3, beatStart: 1000 };
    const other = { ...newTrack(1), tempoBpm: 120, beatStart: 7 };
    expect(projectBeat([other, grid], 90, 50_000)).toBe(1000);
    expect(projectBeat([other], 90, 50_000)).toBe(50_000);
    expect(projectBeat([grid], null, 50_000)).toBe(50_000);
    // A playhead at 45,100 is 1 s after that beat (44.1 kHz): at 90 BPM the next beat is 1/3 s into the take.
    const plan = generationPlan(t2m, { tasks: PAPER_TASKS, video }, 2, (1000 - 45_100) / 44_100);
    const expected = beatPicture(90, 2, 32, 25, 1 / 3).pixels;
    expect(plan.video?.pixels.every((v, i) => Math.abs(v - expected[i]) < 1e-6)).toBe(true);
    expect(plan.video?.pixels.every((v, i) => v === beatPicture(90, 2, 32, 25).pixels[i])).toBe(false);
  });

  it('land with their beat grid on the tracks they add, never on tracks that were there', () => {
    const before = { ...initialState().project, tracks: [{ ...newTrack(0), id: 'old' }] };
    const after = { ...before, tracks: [...before.tracks, { ...newTrack(1), id: 'new' }] };
    const grid = withBeatGrid(after, before, 90, 4410);
    expect(grid.tracks.map((t) => [t.id, t.tempoBpm, t.beatStart])).toEqual([
      ['old', undefined, undefined],
      ['new', 90, 4410],
    ]);
    expect(withBeatGrid(after, before, undefined, 4410)).toBe(after);
  });

  it('land with the key they were conformed to on the tracks they add', () => {
    const before = { ...initialState().project, tracks: [{ ...newTrack(0), id: 'old' }] };
    const after = { ...before, tracks: [...before.tracks, { ...newTrack(1), id: 'new' }] };
    expect(withMusicKey(after, before, 'A minor').tracks.map((t) => t.musicKey)).toEqual([undefined, 'A minor']);
    expect(withMusicKey(after, before, undefined)).toBe(after);
  });

  it('runs as text to music, made longer to be stretched, where the pack has no task a beat drives or no tempo is set', () => {
    const words = generationPlan(t2m, { tasks: PAPER_TASKS.filter((t) => t.id !== 'v2m'), video }, 10);
    expect(words).toMatchObject({ taskId: 't2m', chained: true, conformTo: { bpm: 90, key: 'A' }, notes: [] });
    expect(words.seconds).toBeCloseTo(13.5, 6);
    expect(words.video).toBeUndefined();
    const free = generationPlan({ ...t2m, music: { ...music, bpm: null } }, { tasks: PAPER_TASKS, video }, 10);
    expect(free).toMatchObject({ taskId: 't2m', seconds: 10, conformTo: { bpm: null, key: 'A' } });
  });
});
