import { describe, expect, it } from 'vitest';
import { boxToSelection, selectionToBox, type SpectrogramView } from './spectrogram-box';

const view: SpectrogramView = {
  clip: { id: 'c', assetId: 'a', name: 'clip', start: 44100, offset: 0, length: 441000 },
  width: 1000,
  height: 160,
  sampleRate: 44100,
};

describe('a box on the spectrogram', () => {
  it('is a selection of the clip’s time and a band, and shows where it was drawn', () => {
    const box = { left: 100, right: 300, top: 20, bottom: 80 };
    const selection = boxToSelection(box, view, 't1')!;
    expect(selection.start).toBe(44100 + 44100);
    expect(selection.end).toBe(44100 + 3 * 44100);
    expect(selection.trackIds).toEqual(['t1']);
    expect(selection.band!.lowHz).toBeLessThan(selection.band!.highHz);
    const back = selectionToBox(selection, view)!;
    expect(back.left).toBeCloseTo(100);
    expect(back.right).toBeCloseTo(300);
    expect(back.top).toBeCloseTo(20, 0);
    expect(back.bottom).toBeCloseTo(80, 0);
  });

  it('is a click, not a box, when it is a few pixels', () => {
    expect(boxToSelection({ left: 10, right: 11, top: 10, bottom: 60 }, view, 't1')).toBeNull();
  });

  it('shows nothing for a selection with no band or outside the clip', () => {
    expect(selectionToBox({ start: 0, end: 100, trackIds: ['t1'] }, view)).toBeNull();
    const before = { start: 0, end: 1000, trackIds: ['t1'], band: { lowHz: 100, highHz: 200 } };
    expect(selectionToBox(before, view)).toBeNull();
  });
});
