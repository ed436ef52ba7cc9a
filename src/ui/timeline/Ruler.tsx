import { useEffect, useRef } from 'react';
import { formatTime } from '../format';
import type { Track } from '../../project/types';
import { useStudio } from '../studio-context';
import { HEADER_WIDTH } from './geometry';

/** A tick spacing (seconds) that puts labels roughly every 100 px. */
function tickStep(pxPerSec: number): number {
  const steps = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
  ];
  return steps.find((s) => s * pxPerSec >= 100) ?? 3600;
}

/** The time ruler, drawn for the visible span only. Clicking it moves the playhead. */
export function Ruler({ onSeek }: { onSeek: (lanePx: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pxPerSec = useStudio((s) => s.view.pxPerSec);
  const scrollLeft = useStudio((s) => s.view.scrollLeft);
  const width = useStudio((s) => Math.max(1, s.view.viewportWidth - HEADER_WIDTH));
  // Two numbers from the store, not an object: a new object on every read would re-render without end.
  const beat = useStudio((s) => beatGrid(s.project.tracks, s.project.sampleRate)?.beat ?? 0);
  const firstBeat = useStudio((s) => beatGrid(s.project.tracks, s.project.sampleRate)?.first ?? 0);
  const grid = beat > 0 ? { beat, first: firstBeat } : null;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.current!.width = width * dpr;
    canvas.current!.height = 24 * dpr;
    ctx.scale(dpr, dpr);
    ctx.clearRect(0, 0, width, 24);
    ctx.fillStyle = '#9aa4b2';
    ctx.strokeStyle = '#4a5262';
    ctx.font = '11px system-ui, sans-serif';
    const step = tickStep(pxPerSec);
    const first = Math.floor(scrollLeft / pxPerSec / step) * step;
    for (let t = first; t * pxPerSec - scrollLeft < width; t += step) {
      const x = Math.round(t * pxPerSec - scrollLeft) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, 12);
      ctx.lineTo(x, 24);
      ctx.stroke();
      ctx.fillText(formatTime(t).replace(/\.?0+$/, ''), x + 3, 11);
    }
    if (beat > 0) drawBeats(ctx, { beat, first: firstBeat }, pxPerSec, scrollLeft, width);
  }, [pxPerSec, scrollLeft, width, beat, firstBeat]);

  return (
    <canvas
      ref={canvas}
      className="ruler"
      data-testid="ruler"
      data-beat-grid={grid ? `${grid.beat.toFixed(4)}@${grid.first.toFixed(4)}` : undefined}
      style={{ width, height: 24 }}
      onPointerDown={(e) => onSeek(e.nativeEvent.offsetX + scrollLeft)}
    />
  );
}

/** The beat grid (seconds per beat, the first beat's time) of the first track Analyze heard a tempo on. */
function beatGrid(tracks: readonly Track[], rate: number): { beat: number; first: number } | null {
  const music = tracks.find((t) => t.tempoBpm !== undefined && t.beatStart !== undefined);
  if (!music) return null;
  const beat = 60 / music.tempoBpm!;
  return { beat, first: (music.beatStart! / rate) % beat };
}

/** Beats as short marks along the ruler's foot, every fourth (a bar) taller; none when they would crowd together. */
function drawBeats(
  ctx: CanvasRenderingContext2D,
  grid: { beat: number; first: number },
  pxPerSec: number,
  scrollLeft: number,
  width: number,
) {
  if (grid.beat * pxPerSec < 4) return;
  ctx.strokeStyle = '#e0a040';
  const firstIndex = Math.ceil((scrollLeft / pxPerSec - grid.first) / grid.beat);
  for (let k = firstIndex; ; k++) {
    const x = Math.round((grid.first + k * grid.beat) * pxPerSec - scrollLeft) + 0.5;
    if (x > width) break;
    ctx.beginPath();
    ctx.moveTo(x, k % 4 === 0 ? 16 : 20);
    ctx.lineTo(x, 24);
    ctx.stroke();
  }
}
