/** The timeline following what plays, as Audacity and DAWs turn the page: when the playhead leaves the lanes on
 * screen, the view jumps so that it is a little in from the left edge again. */

/** How far in from the left edge the playhead lands after a page turn, as a share of the lanes' width. */
const LEAD = 0.05;

/** The scroll position that brings the playhead (lane pixels) back into the `width` pixels of lanes on screen, or
 * null where it is on screen already. */
export function pageTurn(playheadPx: number, scrollLeft: number, width: number): number | null {
  if (width <= 0 || (playheadPx >= scrollLeft && playheadPx < scrollLeft + width)) return null;
  return Math.max(0, Math.round(playheadPx - LEAD * width));
}
