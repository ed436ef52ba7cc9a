import { describe, expect, it } from 'vitest';
import { beatGuided, beatPicture } from './beat-guide';

/** The frames in which some pixel is white in all three planes (the disc is never white but when it flashes). */
const flashing = (frames: ReturnType<typeof beatPicture>) => {
  const plane = frames.size * frames.size;
  const found: number[] = [];
  for (let f = 0; f * 3 * plane < frames.pixels.length; f++) {
    const at = (c: number, i: number) => frames.pixels[(3 * f + c) * plane + i];
    if (Array.from({ length: plane }, (_, i) => i).some((i) => at(0, i) > 0.99 && at(1, i) > 0.99 && at(2, i) > 0.99))
      found.push(f);
  }
  return found;
};

describe('the beat guide', () => {
  it('flashes the disc on every beat and only there: at 120 BPM, 25 fps, frames 0, 13, 25 and 38 and the one after each', () => {
    const frames = beatPicture(120, 2, 32, 25);
    expect(frames).toMatchObject({ size: 32, fps: 25 });
    expect(frames.pixels.length).toBe(50 * 3 * 32 * 32);
    expect(flashing(frames)).toEqual([0, 1, 13, 14, 25, 26, 38, 39]);
    for (const v of frames.pixels) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('puts a beat where it is told, and the beats before it too', () => {
    // 120 BPM, a beat at 1.3 s: beats at 0.3, 0.8, 1.3 and 1.8 s, frames 8 (7.5 rounded), 20, 33 (32.5) and 45.
    expect(flashing(beatPicture(120, 2, 32, 25, 1.3))).toEqual([8, 9, 20, 21, 33, 34, 45, 46]);
  });

  it('drives the pack’s video-to-music task in its frame size and rate, and nothing for a pack without one', () => {
    const tasks = [
      { id: 't2m', label: 'Music from text', family: 'generate', template: '{desc}', conditions: ['text'] },
      {
        id: 'v2m',
        label: 'Music for the video',
        family: 'generate',
        template: '{desc}',
        conditions: ['text', 'video'],
      },
    ];
    const guided = beatGuided({ tasks, video: { size: 16, fps: 10 } }, 90, 3);
    expect(guided?.taskId).toBe('v2m');
    expect(guided?.video).toMatchObject({ size: 16, fps: 10 });
    expect(guided?.video.pixels.length).toBe(30 * 3 * 16 * 16);
    expect(beatGuided({ tasks: tasks.slice(0, 1), video: { size: 16, fps: 10 } }, 90, 3)).toBeNull();
  });
});
