import { describe, expect, it } from 'vitest';
import { saveChainPreset } from '../project/chain-presets';
import { saveEffectPreset } from '../project/effect-presets';
import { createStudioStore } from '../store/studio-store';
import { rememberPresets } from './presets-storage';
import { memoryStorage } from './memory-storage';

const squash = { id: 'c', on: true, kind: 'compressor', thresholdDb: -20, ratio: 4, makeupDb: 3 } as const;

describe('the saved effect chains', () => {
  it('come back in a new page; one that cannot run is dropped and said, a corrupt store said', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberPresets(first, storage);
    first.getState().set({ chainPresets: saveChainPreset([], 'Drums', [squash]) });
    const second = createStudioStore();
    rememberPresets(second, storage);
    expect(second.getState().chainPresets).toEqual([{ name: 'Drums', effects: [squash] }]);

    const broken = { name: 'Loud', effects: [{ ...squash, ratio: 99 }] };
    storage.setItem(
      'omni-studio-chain-presets',
      JSON.stringify({ chains: [broken, { name: 'Drums', effects: [squash] }] }),
    );
    const third = createStudioStore();
    rememberPresets(third, storage);
    expect(third.getState().chainPresets.map((c) => c.name)).toEqual(['Drums']);
    expect(third.getState().notices.at(-1)?.text).toMatch(/left out, as they cannot run: “Loud”: .*ratio/);

    storage.setItem('omni-studio-chain-presets', '{not json');
    const fourth = createStudioStore();
    rememberPresets(fourth, storage);
    expect(fourth.getState().chainPresets).toEqual([]);
    expect(fourth.getState().notices.at(-1)?.text).toMatch(/could not be read; none are loaded/);
  });

  it('the saved effect presets come back in a new page beside the chains; one that cannot run is dropped and said', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberPresets(first, storage);
    const presets = saveEffectPreset([], 'Squash', { ...squash, key: 'voice' });
    first.getState().set({ effectPresets: presets });
    const second = createStudioStore();
    rememberPresets(second, storage);
    expect(second.getState().effectPresets).toEqual([
      { name: 'Squash', settings: { kind: 'compressor', thresholdDb: -20, ratio: 4, makeupDb: 3 } },
    ]);
    expect(second.getState().chainPresets).toEqual([]);

    const broken = { name: 'Loud', settings: { kind: 'compressor', thresholdDb: -20, ratio: 99, makeupDb: 0 } };
    storage.setItem('omni-studio-effect-presets', JSON.stringify({ presets: [broken, ...presets] }));
    const third = createStudioStore();
    rememberPresets(third, storage);
    expect(third.getState().effectPresets.map((p) => p.name)).toEqual(['Squash']);
    expect(third.getState().notices.at(-1)?.text).toMatch(/Saved effect presets left out, as they cannot run: “Loud”/);
  });
});
