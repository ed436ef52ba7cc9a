import { useEffect, useRef } from 'react';
import { formatTime } from '../format';
import { type BeatGrid, beatLength, beatsIn } from '../../project/tempo';
import { useProjectGrid, useServices, useStudio } from '../studio-context';
import { followPointer } from './follow-pointer';
import { grabbedEdge, movedEdge } from './loop-edges';
import { barMarks } from './ruler-bars';
import { HEADER_WIDTH } from './geometry';

/** A tick spacing (seconds) that puts labels roughly every 100 px. */
function tickStep(pxPerSec: number): number {
  const steps = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
  ];
  return steps.find((s) => s * pxPerSec >= 100) ?? 3600;
}

/** The time ruler, drawn for the visible span only, with the loop region along its top (its edges dragged there
 * reshape it). Clicking it moves the playhead; dragging along it moves the playhead and scrubs (the project is heard
 * where it passes). */
export function Ruler({ onSeek, onScrub }: { onSeek: (lanePx: number) => void; onScrub: (lanePx: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pxPerSec = useStudio((s) => s.view.pxPerSec);
  const scrollLeft = useStudio((s) => s.view.scrollLeft);
  const width = useStudio((s) => Math.max(1, s.view.viewportWidth - HEADER_WIDTH));
  const rate = useStudio((s) => s.project.sampleRate);
  const grid = useProjectGrid();
  // In bars where the clock reads bars and beats (and there is a grid), as Audacity's Beats and Measures ruler.
  const inBars = useStudio((s) => s.clockFormat === 'beats') && grid !== null;
  const { store } = useServices();
  const loopRegion = useStudio((s) => s.loopRegion);
  const looping = useStudio((s) => s.loop);

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
    const labels = inBars
      ? barMarks(grid, rate, { pxPerSec, scrollLeft, width }).map((m) => ({ x: m.x, text: String(m.bar) }))
      : timeMarks(pxPerSec, scrollLeft, width);
    for (const { x, text } of labels) {
      const at = Math.round(x) + 0.5;
      ctx.beginPath();
      ctx.moveTo(at, 12);
      ctx.lineTo(at, 24);
      ctx.stroke();
      ctx.fillText(text, at + 3, 11);
    }
    if (grid) drawBeats(ctx, grid, rate, pxPerSec, scrollLeft, width);
    if (loopRegion) {
      // The loop region along the top, as Audacity's looping region: bright while looping, dim while not.
      const x = (at: number) => (at / rate) * pxPerSec - scrollLeft;
      ctx.fillStyle = looping ? '#3fb950' : '#4a5262';
      ctx.fillRect(x(loopRegion.start), 0, x(loopRegion.end) - x(loopRegion.start), 3);
    }
  }, [pxPerSec, scrollLeft, width, grid, rate, inBars, loopRegion, looping]);

  return (
    <canvas
      ref={canvas}
      className="ruler"
      data-testid="ruler"
      data-beat-grid={grid ? `${grid.bpm} ${grid.beatsPerBar}/${grid.beatUnit} @${grid.downbeat}` : undefined}
      data-format={inBars ? 'bars' : 'time'}
      data-loop={loopRegion ? `${loopRegion.start}-${loopRegion.end}${looping ? '' : ' off'}` : undefined}
      style={{ width, height: 24 }}
      onPointerDown={(e) => {
        const left = e.currentTarget.getBoundingClientRect().left;
        const lanePx = (clientX: number) => Math.max(0, clientX - left) + scrollLeft;
        const pxPerSample = pxPerSec / rate;
        const edge = grabbedEdge(loopRegion, { x: lanePx(e.clientX), y: e.nativeEvent.offsetY }, pxPerSample);
        if (edge && loopRegion) {
          followPointer((ev) =>
            store.getState().set({ loopRegion: movedEdge(loopRegion, edge, lanePx(ev.clientX) / pxPerSample) }),
          );
          return;
        }
        onSeek(e.nativeEvent.offsetX + scrollLeft);
        followPointer((ev) => onScrub(lanePx(ev.clientX)));
      }}
      onPointerMove={(e) => {
        const x = e.nativeEvent.offsetX + scrollLeft;
        const over = grabbedEdge(loopRegion, { x, y: e.nativeEvent.offsetY }, pxPerSec / rate);
        e.currentTarget.style.cursor = over ? 'ew-resize' : '';
      }}
    />
  );
}

/** Time labels every tick step (roughly 100 px apart) in view: each one's x (px from the ruler's left) and text. */
function timeMarks(pxPerSec: number, scrollLeft: number, width: number): { x: number; text: string }[] {
  const step = tickStep(pxPerSec);
  const marks: { x: number; text: string }[] = [];
  for (let t = Math.floor(scrollLeft / pxPerSec / step) * step; t * pxPerSec - scrollLeft < width; t += step)
    marks.push({ x: t * pxPerSec - scrollLeft, text: formatTime(t).replace(/\.?0+$/, '') });
  return marks;
}

/** Beats as short marks along the ruler's foot, each bar's first taller; none when they would crowd together. */
function drawBeats(
  ctx: CanvasRenderingContext2D,
  grid: BeatGrid,
  rate: number,
  pxPerSec: number,
  scrollLeft: number,
  width: number,
) {
  if ((beatLength(grid, rate) / rate) * pxPerSec < 4) return;
  ctx.strokeStyle = '#e0a040';
  const sampleAt = (px: number) => ((scrollLeft + px) / pxPerSec) * rate;
  for (const beat of beatsIn(grid, rate, sampleAt(0), sampleAt(width + 1))) {
    const x = Math.round((beat.at / rate) * pxPerSec - scrollLeft) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, beat.downbeat ? 16 : 20);
    ctx.lineTo(x, 24);
    ctx.stroke();
  }
}
