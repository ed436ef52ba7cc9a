import { describe, expect, it } from 'vitest';
import { saveChainPreset } from '../project/chain-presets';
import { createStudioStore } from '../store/studio-store';
import { rememberChainPresets } from './chain-presets-storage';
import { memoryStorage } from './memory-storage';

const squash = { id: 'c', on: true, kind: 'compressor', thresholdDb: -20, ratio: 4, makeupDb: 3 } as const;

describe('the saved effect chains', () => {
  it('come back in a new page; one that cannot run is dropped and said, a corrupt store said', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberChainPresets(first, storage);
    first.getState().set({ chainPresets: saveChainPreset([], 'Drums', [squash]) });
    const second = createStudioStore();
    rememberChainPresets(second, storage);
    expect(second.getState().chainPresets).toEqual([{ name: 'Drums', effects: [squash] }]);

    const broken = { name: 'Loud', effects: [{ ...squash, ratio: 99 }] };
    storage.setItem(
      'omni-studio-chain-presets',
      JSON.stringify({ chains: [broken, { name: 'Drums', effects: [squash] }] }),
    );
    const third = createStudioStore();
    rememberChainPresets(third, storage);
    expect(third.getState().chainPresets.map((c) => c.name)).toEqual(['Drums']);
    expect(third.getState().notices.at(-1)?.text).toMatch(/left out, as they cannot run: “Loud”: .*ratio/);

    storage.setItem('omni-studio-chain-presets', '{not json');
    const fourth = createStudioStore();
    rememberChainPresets(fourth, storage);
    expect(fourth.getState().chainPresets).toEqual([]);
    expect(fourth.getState().notices.at(-1)?.text).toMatch(/could not be read; none are loaded/);
  });
});
