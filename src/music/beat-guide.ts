/**
 * The beat guide: a metronome for the model's eyes. The pack's diffusion model does not read a tempo from words (the
 * sketch benchmark: 10 % of takes at the asked tempo, the floor 6 %), but its video-to-music task lands its onsets on
 * a picture's flashes (training/omni_data/video_renders.py renders them). So music from text at a stated tempo runs
 * as video to music under frames in which a disc drifts over a plain background and flashes and jolts on every beat:
 * the same prompt, the beat from the picture. A pack without such a task makes music from text as before.
 */
import type { PackInfo, VideoFrames } from '../protocol/engine-protocol';

/** The task a beat guide drives: the pack's video-to-music, where it has one. */
export const GUIDE_TASK = 'v2m';

/** The pack's task a beat guide drives, if it has one. */
export function guideTask(tasks: PackInfo['tasks']): string | null {
  return tasks.some((t) => t.id === GUIDE_TASK && t.conditions?.includes('video')) ? GUIDE_TASK : null;
}

/** What a music-from-text job at `bpm` runs as, for `seconds`: the guide task under a beat picture in the pack's
 * frame size and rate, a beat at `firstBeat` seconds (and every beat before and after it); null where the pack has
 * no such task (the job then runs as asked). */
export function beatGuided(
  pack: Pick<PackInfo, 'tasks' | 'video'>,
  bpm: number,
  seconds: number,
  firstBeat = 0,
): { taskId: string; video: VideoFrames } | null {
  const taskId = guideTask(pack.tasks);
  if (!taskId || !(bpm > 0)) return null;
  return { taskId, video: beatPicture(bpm, seconds, pack.video.size, pack.video.fps, firstBeat) };
}

const DRAWN = 4; // drawn at 4x the frame size and box-averaged, as the studio reads a video

/** `seconds` of frames at `fps`, `size` x `size`, the disc flashing on each beat of `bpm`, one of them at `firstBeat`
 * seconds (0: the first frame). */
export function beatPicture(bpm: number, seconds: number, size: number, fps: number, firstBeat = 0): VideoFrames {
  const count = Math.ceil(seconds * fps);
  const each = 3 * size * size;
  const pixels = new Float32Array(count * each);
  const period = 60 / bpm;
  const phase = ((firstBeat % period) + period) % period;
  const beatFrames = new Set<number>();
  for (let t = phase; t < seconds; t += period) beatFrames.add(Math.round(t * fps));
  let since = 99;
  for (let f = 0; f < count; f++) {
    since = beatFrames.has(f) ? 0 : since + 1;
    const flash = since <= 1 ? 1 : 0;
    const jolt = since < 6 ? 8 * Math.exp(-since / 2) : 0;
    drawFrame(pixels.subarray(f * each, (f + 1) * each), size, { x: 64 + (2 * f) / fps, y: 64 - jolt, flash });
  }
  return { pixels, size, fps };
}

const BACK = [0.25, 0.3, 0.35];
const DISC = [0.85, 0.55, 0.3];
const RADIUS = 16; // in 128 x 128 render pixels

/** One frame's RGB planes: the disc at (x, y) of a 128-pixel render, white while it flashes. */
function drawFrame(out: Float32Array, size: number, disc: { x: number; y: number; flash: number }) {
  const scale = 128 / (size * DRAWN);
  const plane = size * size;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let inside = 0;
      for (let sy = 0; sy < DRAWN; sy++)
        for (let sx = 0; sx < DRAWN; sx++) {
          const x = (px * DRAWN + sx + 0.5) * scale;
          const y = (py * DRAWN + sy + 0.5) * scale;
          if ((x - disc.x) ** 2 + (y - disc.y) ** 2 <= RADIUS ** 2) inside++;
        }
      const share = inside / (DRAWN * DRAWN);
      for (let c = 0; c < 3; c++) {
        const colour = disc.flash ? 1 : DISC[c];
        out[c * plane + py * size + px] = BACK[c] * (1 - share) + colour * share;
      }
    }
}
