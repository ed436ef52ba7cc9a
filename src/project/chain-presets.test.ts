import { describe, expect, it } from 'vitest';
import type { TrackEffect } from '../dsp/effect-chain';
import {
  BUILT_IN_CHAINS,
  chainPresetProblem,
  deleteChainPreset,
  loadChainPreset,
  saveChainPreset,
} from './chain-presets';
import { createBus } from './buses';
import { addTrackEffect, newTrackEffect } from './track-effects';
import { emptyProject, newTrack } from './types';

const squash: TrackEffect = { id: 'c', on: true, kind: 'compressor', thresholdDb: -20, ratio: 4, makeupDb: 3 };
const room: TrackEffect = { id: 'r', on: false, kind: 'reverb', decaySeconds: 1.2, wetDb: -9 };

describe('effect chain presets', () => {
  it('saves a chain by name (the same name replaced, sorted), refuses what cannot be saved, deletes', () => {
    let saved = saveChainPreset([], '  Drums  ', [squash]);
    saved = saveChainPreset(saved, 'Bass', [room]);
    expect(saved.map((c) => c.name)).toEqual(['Bass', 'Drums']);
    saved = saveChainPreset(saved, 'Drums', [squash, room]);
    expect(saved.find((c) => c.name === 'Drums')?.effects).toEqual([squash, room]);
    expect(() => saveChainPreset(saved, ' ', [squash])).toThrow('Name the chain to save it.');
    expect(() => saveChainPreset(saved, 'Telephone', [squash])).toThrow(/built-in chain/);
    expect(() => saveChainPreset(saved, 'Empty', [])).toThrow('There are no effects here to save.');
    expect(() => saveChainPreset(saved, 'x'.repeat(61), [squash])).toThrow(/at most 60 characters/);
    expect(deleteChainPreset(saved, 'Bass').map((c) => c.name)).toEqual(['Drums']);
    const swept = { ...squash, automation: { thresholdDb: [{ at: 0, gain: 0.5 }] } };
    expect(saveChainPreset([], 'Swept', [swept])[0].effects).toEqual([squash]); // lanes stay on the timeline
  });

  it('loads a chain after the effects already there as new effects, one undo step; on a bus, wet only', () => {
    const track = newTrack(0);
    const base = addTrackEffect({ ...emptyProject(48000), tracks: [track] }, track.id, newTrackEffect('eq')).project;
    const preset = { name: 'Mine', effects: [squash, { ...room, on: true }] };
    const { label, project } = loadChainPreset(base, track.id, preset, false);
    expect(label).toBe('Load chain Mine');
    const effects = project.tracks[0].effects ?? [];
    expect(effects.map((e) => e.kind)).toEqual(['eq', 'compressor', 'reverb']);
    expect(effects[1]).toEqual({ ...squash, id: effects[1].id });
    expect(effects[1].id).not.toBe('c');
    const withBus = createBus(base, track.id).project;
    const busId = withBus.buses![0].id;
    const onBus = loadChainPreset(withBus, busId, preset, true).project;
    const busEffects = onBus.buses?.find((b) => b.id === busId)?.effects ?? [];
    expect(busEffects.at(-1)).toMatchObject({ kind: 'reverb', wetOnly: true });
  });

  it('keeps built-in chains that run, and tells a stored chain that cannot', () => {
    for (const chain of BUILT_IN_CHAINS) expect(chainPresetProblem(chain)).toBeNull();
    expect(chainPresetProblem({ name: 'A', effects: [squash] })).toBeNull();
    expect(chainPresetProblem({ name: '', effects: [squash] })).toBe('a chain without a name');
    expect(chainPresetProblem({ name: 'A', effects: [] })).toBe('“A” has no effects');
    expect(chainPresetProblem({ name: 'A', effects: [{ ...squash, ratio: 99 }] })).toMatch(/“A”: .*ratio must be/);
    expect(chainPresetProblem({ name: 'A', effects: [{ kind: 'eq' }] })).toBe('“A”: not an effect');
    expect(chainPresetProblem('A')).toBe('a chain without a name');
  });
});
