import { describe, expect, it } from 'vitest';
import { fadeInGain } from '../dsp/fades';
import { AssetStore } from './asset-store';
import { clipAt } from './clip.fixture';
import { clipFadeGainAt, crossfadeOverlaps, fadeCurves, setClipFade } from './clip-fades';
import { dbToGain } from '../dsp/gain';
import { mixdown } from './mixdown';
import { keepRange, splitClip } from './timeline-ops';
import { type Clip, newTrack, type Project } from './types';

const clip = (fades: Partial<Clip>): Clip => ({ ...clipAt('c', 'a', 100, 1000), ...fades });
const IN = { length: 100, curve: 'linear' } as const;
const OUT = { length: 200, curve: 'equal-power' } as const;

describe('clip fades', () => {
  it('rise from silence over the fade-in and fall to silence at the last sample', () => {
    const c = clip({ fadeIn: IN, fadeOut: OUT });
    expect([0, 50, 99, 100, 500].map((i) => clipFadeGainAt(c, i))).toEqual([0, 0.5, 0.99, 1, 1]);
    expect(clipFadeGainAt(c, 999)).toBe(0);
    expect(clipFadeGainAt(c, 899)).toBeCloseTo(fadeInGain('equal-power', 100 / 200), 12);
    expect(clipFadeGainAt(clip({}), 0)).toBe(1);
  });

  it('stay on the edges they belong to when a clip is split or trimmed', () => {
    const [left, right] = splitClip(clip({ fadeIn: IN, fadeOut: OUT }), 600);
    expect([left.fadeIn, left.fadeOut, right.fadeIn, right.fadeOut]).toEqual([IN, undefined, undefined, OUT]);
    const track = { ...newTrack(0), clips: [clip({ fadeIn: IN, fadeOut: OUT })] };
    const [trimmed] = keepRange(track, { start: 300, end: 1100 }).clips;
    expect(trimmed.fadeOut).toEqual(OUT); // the end was kept: its fade with it
    expect(trimmed.fadeIn).toBeUndefined();
  });

  it('are heard in the mixdown on top of the volume envelope', () => {
    const assets = new AssetStore();
    const asset = assets.add([new Float32Array(1000).fill(0.5)], 1000);
    const faded = { ...clipAt('c', asset.id, 0, 1000), fadeIn: IN, envelope: [{ at: 0, gain: dbToGain(-6) }] };
    const project: Project = { sampleRate: 1000, tracks: [{ ...newTrack(0), clips: [faded] }] };
    const [out] = mixdown(project, assets, { range: { start: 0, end: 1000 } });
    expect(out[50]).toBeCloseTo(0.5 * 0.5 * dbToGain(-6), 6);
    expect(out[500]).toBeCloseTo(0.5 * dbToGain(-6), 6);
    const none = setClipFade(project, 'c', 'fadeIn', undefined);
    expect(mixdown(none, assets, { range: { start: 0, end: 1000 } })[0][50]).toBeCloseTo(0.5 * dbToGain(-6), 6);
  });

  it('play as Web Audio curves over the part that sounds, one where the two fades meet', () => {
    const c = clip({ fadeIn: IN, fadeOut: OUT });
    const curves = fadeCurves(c, 150, 1100, 3);
    expect(curves.map(({ at, length }) => ({ at, length }))).toEqual([
      { at: 150, length: 50 },
      { at: 900, length: 200 },
    ]);
    expect(Array.from(curves[0].values)).toEqual([0.5, 0.75, 1]);
    const short = clip({ length: 250, fadeIn: IN, fadeOut: OUT });
    expect(fadeCurves(short, 100, 350).map(({ at, length }) => ({ at, length }))).toEqual([{ at: 100, length: 250 }]);
    expect(fadeCurves(clip({ fadeIn: IN }), 300, 500)).toEqual([]);
  });

  it('crossfade a clip with the clips it overlaps on its track, equal power, keeping longer fades', () => {
    const project: Project = {
      sampleRate: 1000,
      tracks: [
        {
          ...newTrack(0),
          clips: [
            clipAt('a', 'x', 0, 1000),
            { ...clipAt('b', 'x', 900, 1000), fadeOut: OUT },
            clipAt('c', 'x', 1800, 500),
          ],
        },
      ],
    };
    const [a, b, c] = crossfadeOverlaps(project, 'b').tracks[0].clips;
    expect(a.fadeOut).toEqual({ length: 100, curve: 'equal-power' });
    expect(b.fadeIn).toEqual({ length: 100, curve: 'equal-power' });
    expect(b.fadeOut).toEqual(OUT); // 200 samples already, over the 100 it overlaps c
    expect(c.fadeIn).toEqual({ length: 100, curve: 'equal-power' });
    // Equal power through the overlap: the two gains' squares sum to one (within a sample's step).
    const gainsSquared = clipFadeGainAt(a, 950) ** 2 + clipFadeGainAt(b, 50) ** 2;
    expect(gainsSquared).toBeCloseTo(1, 1);
    expect(crossfadeOverlaps(project, 'c').tracks[0].clips[0].fadeOut).toBeUndefined(); // a does not touch c
  });
});
