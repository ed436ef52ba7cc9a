import { describe, expect, it } from 'vitest';
import type { TrackEffect } from '../dsp/effect-chain';
import {
  applyEffectPreset,
  BUILT_IN_PRESETS,
  deleteEffectPreset,
  effectPresetProblem,
  presetMatching,
  presetsFor,
  saveEffectPreset,
} from './effect-presets';
import { addTrackEffect, EFFECT_NAMES } from './track-effects';
import { emptyProject, newTrack } from './types';

const keyed: TrackEffect = {
  id: 'c',
  on: false,
  kind: 'compressor',
  thresholdDb: -30,
  ratio: 8,
  makeupDb: 1,
  dryWet: 0.5,
  key: 'voice',
  automation: { thresholdDb: [{ at: 0, gain: 0.5 }] },
};
const tuner: TrackEffect = { id: 't', on: true, kind: 'tune', tonic: 2, mode: 'minor', speedMs: 20, strength: 90 };

function withEffect(effect: TrackEffect) {
  const track = newTrack(0);
  return { track, project: addTrackEffect({ ...emptyProject(48000), tracks: [track] }, track.id, effect).project };
}

describe('effect presets', () => {
  it('every built-in preset can run, has a name of its own within its kind, and every kind has some', () => {
    for (const preset of BUILT_IN_PRESETS) expect(effectPresetProblem(preset), preset.name).toBeNull();
    for (const kind of Object.keys(EFFECT_NAMES) as TrackEffect['kind'][]) {
      const names = presetsFor(kind, []).builtIn.map((p) => p.name);
      if (kind !== 'multiband') expect(names.length, kind).toBeGreaterThan(1);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("sets the effect's settings wholly, one undo step, keeping its switch, lanes, sidechain key and scale", () => {
    const { track, project } = withEffect(keyed);
    const glue = presetsFor('compressor', []).builtIn.find((p) => p.name === 'Mix bus: glue')!;
    const edit = applyEffectPreset(project, track.id, 'c', glue);
    expect(edit.label).toBe('Preset Mix bus: glue');
    const { dryWet: _wasParallel, ...kept } = { ...keyed, thresholdDb: -10, ratio: 2, makeupDb: 2 };
    expect(edit.project.tracks[0].effects).toEqual([kept]); // the 50 % mix gone: the preset is fully wet

    const tuned = withEffect(tuner);
    const robotic = presetsFor('tune', []).builtIn.find((p) => p.name === 'Robotic (hard tune)')!;
    const [hard] = applyEffectPreset(tuned.project, tuned.track.id, 't', robotic).project.tracks[0].effects!;
    expect(hard).toEqual({ id: 't', on: true, kind: 'tune', tonic: 2, mode: 'minor', speedMs: 0, strength: 100 });
    expect(() => applyEffectPreset(project, track.id, 'c', robotic)).toThrow(/Pitch correction preset/);
    expect(() => applyEffectPreset(project, track.id, 'gone', glue)).toThrow('That effect is no longer there.');
  });

  it('names the preset whose settings an effect has, until a setting moves', () => {
    const glue = { ...keyed, thresholdDb: -10, ratio: 2, makeupDb: 2, dryWet: undefined };
    expect(presetMatching(glue, [])).toBe('Mix bus: glue');
    expect(presetMatching({ ...glue, ratio: 2.5 }, [])).toBeNull();
    const mine = saveEffectPreset([], 'Mine', { ...glue, ratio: 2.5 });
    expect(presetMatching({ ...glue, ratio: 2.5, key: 'other' }, mine)).toBe('Mine');
  });

  it('saves by kind and name (the same replaced), refuses a built-in, empty or long name, deletes', () => {
    let saved = saveEffectPreset([], '  Squash ', keyed);
    saved = saveEffectPreset(saved, 'Squash', tuner); // another kind: both kept
    saved = saveEffectPreset(saved, 'Squash', { ...keyed, ratio: 10 });
    expect(saved.map((p) => [p.settings.kind, p.name])).toEqual([
      ['compressor', 'Squash'],
      ['tune', 'Squash'],
    ]);
    expect(saved[0].settings).toEqual({ kind: 'compressor', thresholdDb: -30, ratio: 10, makeupDb: 1, dryWet: 0.5 });
    expect(saved[1].settings).toEqual({ kind: 'tune', speedMs: 20, strength: 90 });
    expect(() => saveEffectPreset(saved, ' ', keyed)).toThrow('Name the preset to save it.');
    expect(() => saveEffectPreset(saved, 'Vocal: gentle', keyed)).toThrow(/built-in Compressor preset/);
    expect(() => saveEffectPreset(saved, 'x'.repeat(61), keyed)).toThrow(/at most 60 characters/);
    expect(deleteEffectPreset(saved, 'tune', 'Squash').map((p) => p.settings.kind)).toEqual(['compressor']);
  });

  it('says why a stored preset cannot be used', () => {
    expect(effectPresetProblem(null)).toBe('a preset without a name');
    expect(effectPresetProblem({ name: 'X', settings: { kind: 'theremin' } })).toMatch(/for no effect/);
    expect(
      effectPresetProblem({ name: 'X', settings: { kind: 'compressor', thresholdDb: -20, ratio: 99, makeupDb: 0 } }),
    ).toMatch(/^“X”: /);
  });
});
