/** The ruler in bars, as Audacity's Beats and Measures ruler and a DAW's: which bar lines are numbered on screen. */
import { type BeatGrid, barLength, barsAndBeats } from '../../project/tempo';

/** Bar numbers are this many pixels apart at least: every bar, else every 2nd, 4th, 8th... */
const MIN_LABEL_PX = 48;

/** The numbered bar lines in view: each one's x (px from the ruler's left) and number (1 on the grid's downbeat). */
export function barMarks(
  grid: BeatGrid,
  rate: number,
  { pxPerSec, scrollLeft, width }: { pxPerSec: number; scrollLeft: number; width: number },
): { x: number; bar: number }[] {
  const barPx = (barLength(grid, rate) / rate) * pxPerSec;
  if (!(barPx > 0)) return [];
  let every = 1;
  while (every * barPx < MIN_LABEL_PX) every *= 2;
  const barAt = (px: number) => barsAndBeats(grid, rate, ((scrollLeft + px) / pxPerSec) * rate).bar;
  const marks: { x: number; bar: number }[] = [];
  // Bars are numbered from 1 at the downbeat; the labelled ones are those whose number less one is a multiple of `every`.
  const first = Math.ceil((barAt(0) - 1) / every) * every + 1;
  for (let bar = first; ; bar += every) {
    const x = ((grid.downbeat + (bar - 1) * barLength(grid, rate)) / rate) * pxPerSec - scrollLeft;
    if (x > width) break;
    if (x >= 0) marks.push({ x, bar });
  }
  return marks;
}
