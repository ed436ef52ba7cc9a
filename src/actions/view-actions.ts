/** Transport and view: play, stop, loop, zoom, help. */
import { projectGrid } from '../project/tempo';
import { projectLength } from '../project/types';
import { shownTracks } from '../project/generated-ops';
import type { Services } from '../app/services';
import { fitToBars } from '../app/clip-stretch';
import { splitAtBars, quantize } from '../app/grid-edits';
import { downbeatAtPlayhead, tapTempo, tempoFromSelection, toggleClick } from '../app/tempo';
import type { Action } from './types';
import { hasAudio, hasRange, selectedRange } from './targets';

export const MIN_PX_PER_SEC = 0.05;
export const MAX_PX_PER_SEC = 20000;
/** Browsers stop laying out elements somewhere above 16 million pixels: zoom in no further than that. */
export const MAX_CONTENT_PX = 15_000_000;
/** The track headers' width, left of the lanes: the timeline's width less this is what shows audio. */
export const HEADER_WIDTH = 236;
/** How short a track can be made (its name row alone, as Audacity's collapsed track) and how tall. */
export const TRACK_HEIGHT_RANGE = { min: 40, max: 480 };

/** The lanes' visible width in pixels, less a margin at the right. */
const laneWidth = (viewportWidth: number) => Math.max(100, viewportWidth - HEADER_WIDTH - 20);

export function zoomTo({ store }: Services, pxPerSec: number, anchorPx?: number) {
  const { view, playhead, project } = store.getState();
  const maxPx = Math.min(MAX_PX_PER_SEC, MAX_CONTENT_PX / (projectLength(project) / project.sampleRate + 30));
  const clamped = Math.min(maxPx, Math.max(MIN_PX_PER_SEC, pxPerSec));
  // Keep the time under the anchor (the mouse, or the playhead) where it was on screen.
  const anchor = anchorPx ?? (playhead / project.sampleRate) * view.pxPerSec - view.scrollLeft;
  const anchorTime = (view.scrollLeft + anchor) / view.pxPerSec;
  const scrollLeft = Math.max(0, anchorTime * clamped - anchor);
  store.getState().set({ view: { ...view, pxPerSec: clamped, scrollLeft } });
}

/** The height each of `count` tracks gets to fill `room` px together (within the tracks' range: where they cannot
 * all fit, the shortest, and the timeline scrolls). */
export function fittedTrackHeight(room: number, count: number): number {
  return Math.min(TRACK_HEIGHT_RANGE.max, Math.max(TRACK_HEIGHT_RANGE.min, Math.floor(room / Math.max(1, count))));
}

export const viewActions: Action[] = [
  {
    name: 'playPause',
    label: 'Play / pause',
    group: 'transport',
    shortcuts: ['Space'],
    // An empty project plays too where the metronome has a tempo to click.
    enabled: (s) => hasAudio(s) || (s.click.on && projectGrid(s.project) !== null),
    perform: ({ player }) => player.toggle(),
  },
  {
    name: 'stop',
    label: 'Stop',
    group: 'transport',
    shortcuts: ['Escape'],
    perform: ({ player, store }) => {
      player.stop();
      store.getState().set({ panel: 'none' });
    },
  },
  ...(
    [
      ['seekBack', 'Move the playhead 1 s back', 'ArrowLeft', -1],
      ['seekForward', 'Move the playhead 1 s on', 'ArrowRight', 1],
      ['seekBackFar', 'Move the playhead 10 s back', 'Shift+ArrowLeft', -10],
      ['seekForwardFar', 'Move the playhead 10 s on', 'Shift+ArrowRight', 10],
    ] as const
  ).map(
    ([name, label, shortcut, seconds]): Action => ({
      name,
      label,
      group: 'transport',
      shortcuts: [shortcut],
      perform: ({ store }) => {
        const { playhead, project, seek } = store.getState();
        seek(Math.min(projectLength(project), playhead + seconds * project.sampleRate));
      },
    }),
  ),
  {
    name: 'loop',
    label: 'Loop: play the selection round and round; it stays the loop while other things are selected',
    group: 'transport',
    shortcuts: ['L'],
    perform: ({ store }) => {
      const state = store.getState();
      // Turned on, the loop region becomes the selection (where there is one); turned off, it is kept, shown dim.
      const region = state.loop ? state.loopRegion : (selectedRange(state) ?? state.loopRegion);
      state.set({ loop: !state.loop, loopRegion: region });
    },
  },
  {
    name: 'metronome',
    label: 'Metronome: click on the beats while playing and recording',
    group: 'transport',
    shortcuts: ['K'],
    perform: toggleClick,
  },
  {
    name: 'monoMonitor',
    label: 'Mono: hear the mix summed to mono, to check what cancels (heard only: meters and exports stay stereo)',
    group: 'transport',
    perform: ({ store }) => store.getState().set({ monoMonitor: !store.getState().monoMonitor }),
  },
  {
    name: 'quantize',
    label: 'Quantize: the selected clips start on the nearest beat of the project’s tempo',
    group: 'edit',
    shortcuts: ['Q'],
    perform: quantize,
  },
  {
    name: 'fitToBars',
    label: 'Fit to bars: the selected clip stretched, at its pitch, to the nearest whole bars of the project’s tempo',
    group: 'edit',
    perform: (services) => fitToBars(services),
  },
  {
    name: 'splitAtBars',
    label: 'Split at bars: the clips in the selection split where each bar begins',
    group: 'edit',
    enabled: hasRange,
    perform: splitAtBars,
  },
  {
    name: 'tempoFromSelection',
    label: 'Tempo from selection: the selection becomes one bar, bar 1 at its start',
    group: 'transport',
    enabled: hasRange,
    perform: tempoFromSelection,
  },
  {
    name: 'downbeatAtPlayhead',
    label: 'Bar 1 at the playhead: the beat grid moved so a bar begins there',
    group: 'transport',
    perform: downbeatAtPlayhead,
  },
  {
    name: 'tapTempo',
    label: 'Tap tempo: tap along, and the project takes the tempo of the taps',
    group: 'transport',
    perform: (services) => tapTempo(services),
  },
  {
    name: 'toStart',
    label: 'Go to start',
    group: 'transport',
    shortcuts: ['Home'],
    perform: ({ store }) => store.getState().set({ playhead: 0 }),
  },
  {
    name: 'toEnd',
    label: 'Go to end',
    group: 'transport',
    shortcuts: ['End'],
    perform: ({ store }) => store.getState().set({ playhead: projectLength(store.getState().project) }),
  },
  {
    name: 'zoomIn',
    label: 'Zoom in',
    group: 'view',
    shortcuts: ['=', '+'],
    perform: (s) => zoomTo(s, s.store.getState().view.pxPerSec * 2),
  },
  {
    name: 'zoomOut',
    label: 'Zoom out',
    group: 'view',
    shortcuts: ['-'],
    perform: (s) => zoomTo(s, s.store.getState().view.pxPerSec / 2),
  },
  {
    name: 'zoomFit',
    label: 'Fit project',
    group: 'view',
    shortcuts: ['F'],
    enabled: hasAudio,
    perform: ({ store }) => {
      const { view, project } = store.getState();
      const seconds = projectLength(project) / project.sampleRate;
      store.getState().set({
        view: { ...view, pxPerSec: Math.max(MIN_PX_PER_SEC, laneWidth(view.viewportWidth) / seconds), scrollLeft: 0 },
      });
    },
  },
  {
    name: 'fitTracks',
    label: 'Fit tracks to the window’s height (as tall as they can be without scrolling)',
    group: 'view',
    shortcuts: ['Mod+Shift+F'],
    enabled: (s) => s.project.tracks.length > 0,
    perform: ({ store }) => {
      const { project, view, foldedTakes } = store.getState();
      const shown = shownTracks(project.tracks, foldedTakes);
      const each = fittedTrackHeight(view.rowsRoom ?? 0, shown.length);
      store.getState().set({
        trackHeights: { ...store.getState().trackHeights, ...Object.fromEntries(shown.map((t) => [t.id, each])) },
      });
    },
  },
  {
    name: 'zoomSelection',
    label: 'Zoom to selection',
    group: 'view',
    shortcuts: ['Z'],
    enabled: (s) => s.selection !== null && s.selection.end > s.selection.start,
    perform: ({ store }) => {
      const { view, selection, project } = store.getState();
      if (!selection || selection.end <= selection.start) return;
      const seconds = (selection.end - selection.start) / project.sampleRate;
      const pxPerSec = Math.min(
        MAX_PX_PER_SEC,
        Math.max(MIN_PX_PER_SEC, (laneWidth(view.viewportWidth) - 20) / seconds),
      );
      const scrollLeft = Math.max(0, (selection.start / project.sampleRate) * pxPerSec - 10);
      store.getState().set({ view: { ...view, pxPerSec, scrollLeft } });
    },
  },
  {
    name: 'followPlayback',
    label: 'Follow playback: the timeline turns the page to keep the playhead in view',
    group: 'view',
    perform: ({ store }) => store.getState().set({ followPlayback: !store.getState().followPlayback }),
  },
  {
    name: 'showClipping',
    label: 'Show clipping: clips mark in red where their audio reaches full scale',
    group: 'view',
    perform: ({ store }) => store.getState().set({ showClipping: !store.getState().showClipping }),
  },
  {
    name: 'help',
    label: 'Keyboard shortcuts',
    group: 'view',
    shortcuts: ['?'],
    perform: ({ store }) => store.getState().set({ panel: store.getState().panel === 'help' ? 'none' : 'help' }),
  },
];
