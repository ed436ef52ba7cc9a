import {
  type DragEvent as ReactDragEvent,
  Fragment,
  type PointerEvent as ReactPointerEvent,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react';
import { runAction } from '../../actions/registry';
import { importFiles } from '../../import/import-files';
import { zoomTo } from '../../actions/view-actions';
import { gridTargets, snapEdge } from '../../project/snap';
import { projectGrid } from '../../project/tempo';
import { shownTracks } from '../../project/generated-ops';
import { withLinkedTracks } from '../../project/track-groups';
import { projectLength } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { ClipView } from './ClipView';
import { CompRanges } from './CompRanges';
import { followPointer } from './follow-pointer';
import { pageTurn } from './follow-playback';
import { JobPreview } from './JobPreview';
import { LabelLane } from './LabelLane';
import { AutomationLane } from './AutomationLane';
import { EffectLane, effectLanesOf, type LaneHost } from './EffectLane';
import { BusSendLane, busSendLanesOf, SendLane, sendLanesOf } from './SendLane';
import { BusVolumeLane, busVolumeLanesOf } from './BusVolumeLane';
import { MASTER } from '../../project/track-effects';
import { HEADER_WIDTH, MAX_CONTENT_PX, pxToSample, SNAP_PX, sampleToPx, TRACK_HEIGHT, trackHeight } from './geometry';
import { Ruler } from './Ruler';
import { TrackHeader } from './TrackHeader';
import { VideoLane } from './VideoLane';

/** Tracks, clips, the selection and the playhead in one scrolling view; Ctrl+wheel zooms around the mouse. */
export function Timeline() {
  const services = useServices();
  const { store } = services;
  const scroller = useRef<HTMLDivElement>(null);
  const allTracks = useStudio((s) => s.project.tracks);
  const folded = useStudio((s) => s.foldedTakes);
  const tracks = useMemo(() => shownTracks(allTracks, folded), [allTracks, folded]);
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const length = useStudio((s) => projectLength(s.project));
  const view = useStudio((s) => s.view);
  const selection = useStudio((s) => s.selection);
  const volumeLanes = useStudio((s) => s.volumeLanes);
  const panLanes = useStudio((s) => s.panLanes);
  const effectLanes = useStudio((s) => s.effectLanes);
  const busVolumeLanes = useStudio((s) => s.busVolumeLanes);
  const sendLanes = useStudio((s) => s.sendLanes);
  const project = useStudio((s) => s.project);
  const master = useStudio((s) => s.project.master);
  const buses = useStudio((s) => s.project.buses);
  // The master's and the effect buses' lanes come after the tracks.
  const busHosts: LaneHost[] = [{ id: MASTER, name: 'Master', effects: master?.effects }, ...(buses ?? [])];
  const heights = useStudio((s) => s.trackHeights);
  const playhead = useStudio((s) => s.playhead);
  const jobs = useStudio((s) => s.jobs);
  const video = useStudio((s) => s.project.video);
  const scale = { sampleRate, pxPerSec: view.pxPerSec };
  const laneWidth = Math.min(
    MAX_CONTENT_PX,
    Math.max(sampleToPx(length, scale) + 30 * view.pxPerSec, view.viewportWidth),
  );

  // Lanes coming and going change the room the track rows have (Fit tracks reads it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: each of these adds or takes away a lane under the ruler
  useLayoutEffect(() => {
    store.getState().updateView({ rowsRoom: rowsRoom(scroller.current!) });
  }, [store, tracks, volumeLanes, panLanes, effectLanes, sendLanes, busVolumeLanes, master, buses, video, jobs.length]);

  // The store owns the scroll position (zoom moves it); the element follows, and reports user scrolling back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new lane width re-applies the scroll position
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && Math.abs(el.scrollLeft - view.scrollLeft) > 1) el.scrollLeft = view.scrollLeft;
  }, [view.scrollLeft, laneWidth]);

  // While playing or recording, the view turns the page when the playhead leaves it (unless Follow is off).
  const following = useStudio((s) => s.followPlayback && (s.playing || s.recording));
  const { pxPerSec } = view;
  useEffect(() => {
    if (!following) return;
    const { scrollLeft, viewportWidth } = store.getState().view;
    const turn = pageTurn(sampleToPx(playhead, { sampleRate, pxPerSec }), scrollLeft, viewportWidth - HEADER_WIDTH);
    if (turn !== null) store.getState().updateView({ scrollLeft: turn });
  }, [following, playhead, sampleRate, pxPerSec, store]);

  useEffect(() => {
    const el = scroller.current!;
    const measure = () => store.getState().updateView({ viewportWidth: el.clientWidth, rowsRoom: rowsRoom(el) });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (store.getState().view.scrollLeft !== el.scrollLeft)
          store.getState().updateView({ scrollLeft: el.scrollLeft });
      });
    };
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const anchor = e.clientX - el.getBoundingClientRect().left - HEADER_WIDTH;
      zoomTo(services, store.getState().view.pxPerSec * Math.exp(-e.deltaY * 0.002), anchor);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, [services, store]);

  const lanePx = (clientX: number) =>
    clientX - scroller.current!.getBoundingClientRect().left - HEADER_WIDTH + scroller.current!.scrollLeft;

  /** Files dropped on the timeline are imported as new tracks starting at the time under the pointer (on a beat near
   * it, with snapping on and a tempo), as a DAW places a dropped file where it lands. */
  const dropFiles = (e: ReactDragEvent) => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    const state = store.getState();
    const at = pxToSample(Math.max(0, lanePx(e.clientX)), scale);
    const grid = state.snap ? projectGrid(state.project) : null;
    const onGrid = grid ? snapEdge(at, gridTargets(state.project, grid), pxToSample(SNAP_PX, scale)) : at;
    void importFiles(services, [...e.dataTransfer.files], onGrid);
  };

  /** Drag on a lane to select a range on one or several tracks; a click places the playhead. */
  const startSelect = (e: ReactPointerEvent, trackId: string, clipId: string | null) => {
    if (e.button !== 0) return;
    const anchor = pxToSample(lanePx(e.clientX), scale);
    const ids = tracks.map((t) => t.id);
    const from = ids.indexOf(trackId);
    const state = store.getState();
    state.seek(anchor);
    state.selectClip(clipId);
    // A range drawn on a grouped track is drawn on its group's tracks too, as a DAW's edit group.
    const linked = (trackIds: string[]) => withLinkedTracks(store.getState().project, trackIds);
    state.selectRange({ start: anchor, end: anchor, trackIds: linked([trackId]) });
    // With snapping on and a tempo, a dragged range's edges land on beats near them (Alt: anywhere).
    const grid = state.snap ? projectGrid(state.project) : null;
    const beats = grid ? gridTargets(state.project, grid) : [];
    const tolerance = pxToSample(SNAP_PX, scale);
    // Swiping comps: a range drawn on a take lands on its track when let go (src/app/comp.ts).
    const swiped = () => {
      const { swipeComp, selection, project } = store.getState();
      const take = project.tracks.find((t) => t.id === trackId)?.takeOf;
      if (swipeComp && take && selection && selection.end > selection.start)
        void runAction('compTake', services, { trackId });
    };
    followPointer((ev) => {
      const row = document.elementFromPoint(ev.clientX, ev.clientY)?.closest<HTMLElement>('[data-track-id]');
      const to = row ? ids.indexOf(row.dataset.trackId!) : from;
      const current = pxToSample(lanePx(ev.clientX), scale);
      const trackIds = ids.slice(Math.min(from, to), Math.max(from, to) + 1);
      const edge = (at: number) => (ev.altKey || beats.length === 0 ? at : snapEdge(at, beats, tolerance));
      store.getState().selectRange({
        start: edge(Math.min(anchor, current)),
        end: edge(Math.max(anchor, current)),
        trackIds: linked(trackIds),
      });
    }, swiped);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: files dropped on the timeline land where they are dropped; Import is the keyboard path
    <div className="timeline" ref={scroller} data-testid="timeline" onDrop={(e) => dropFiles(e)}>
      <div className="timeline-content" style={{ width: HEADER_WIDTH + laneWidth }}>
        <div className="ruler-row">
          <div className="corner" style={{ width: HEADER_WIDTH }} />
          <div className="ruler-holder" style={{ left: HEADER_WIDTH }}>
            <Ruler
              onSeek={(px) => store.getState().seek(pxToSample(px, scale))}
              onScrub={(px) => {
                store.getState().seek(pxToSample(px, scale));
                void services.player.scrub(pxToSample(px, scale));
              }}
            />
          </div>
        </div>
        {video && <VideoLane video={video} scale={scale} />}
        {tracks.length === 0 && <div className="empty-hint">Drop audio files here, or use Import, or record.</div>}
        {tracks.map((track) => (
          <Fragment key={track.id}>
            <div
              className="track-row"
              data-track-id={track.id}
              data-testid="track"
              style={{ height: trackHeight(heights, track.id) }}
            >
              <TrackHeader track={track} />
              <div
                className="lane"
                data-testid="lane"
                style={{ width: laneWidth }}
                onPointerDown={(e) =>
                  startSelect(
                    e,
                    track.id,
                    (e.target as HTMLElement).closest<HTMLElement>('[data-clip-id]')?.dataset.clipId ?? null,
                  )
                }
              >
                {track.clips.map((clip) => (
                  <ClipView key={clip.id} clip={clip} trackId={track.id} height={trackHeight(heights, track.id)} />
                ))}
                {track.takeOf && <CompRanges take={track} scale={scale} />}
                {jobs
                  .filter((j) => j.target.trackId === track.id)
                  .map((j) => (
                    <JobPreview key={j.id} job={j} scale={scale} />
                  ))}
                {selection && selection.trackIds.includes(track.id) && selection.end > selection.start && (
                  <div
                    className="selection"
                    data-testid="selection"
                    style={{
                      left: sampleToPx(selection.start, scale),
                      width: Math.max(1, sampleToPx(selection.end - selection.start, scale)),
                    }}
                  />
                )}
              </div>
            </div>
            {(volumeLanes.includes(track.id) || (track.volume?.length ?? 0) > 0) && (
              <AutomationLane track={track} kind="volume" scale={scale} width={laneWidth} />
            )}
            {(panLanes.includes(track.id) || (track.panPoints?.length ?? 0) > 0) && (
              <AutomationLane track={track} kind="pan" scale={scale} width={laneWidth} />
            )}
            {effectLanesOf(track, effectLanes).map(({ effect, param }) => (
              <EffectLane
                key={`${effect.id}-${param}`}
                host={track}
                effect={effect}
                param={param}
                scale={scale}
                width={laneWidth}
              />
            ))}
            {sendLanesOf(project, track, sendLanes).map((send) => (
              <SendLane
                key={`send-${send.busId}`}
                track={track}
                send={send}
                busName={buses?.find((b) => b.id === send.busId)?.name ?? ''}
                scale={scale}
                width={laneWidth}
              />
            ))}
            {(track.labels?.length ?? 0) > 0 && <LabelLane track={track} scale={scale} width={laneWidth} />}
          </Fragment>
        ))}
        {jobs
          .filter((j) => j.target.trackId === null)
          .map((j) => (
            <div className="track-row pending" key={j.id} style={{ height: TRACK_HEIGHT }}>
              <div className="track-header pending" style={{ width: HEADER_WIDTH }}>
                New track
              </div>
              <div className="lane" style={{ width: laneWidth }}>
                <JobPreview job={j} scale={scale} />
              </div>
            </div>
          ))}
        {busVolumeLanesOf(busHosts, busVolumeLanes, project).map((host) => (
          <BusVolumeLane key={`${host.id}-volume`} host={host} scale={scale} width={laneWidth} />
        ))}
        {(buses ?? []).flatMap((bus) =>
          busSendLanesOf(project, bus, sendLanes).map((send) => (
            <BusSendLane
              key={`${bus.id}-send-${send.busId}`}
              bus={bus}
              send={send}
              busName={buses?.find((b) => b.id === send.busId)?.name ?? ''}
              scale={scale}
              width={laneWidth}
            />
          )),
        )}
        {busHosts.flatMap((host) =>
          effectLanesOf(host, effectLanes).map(({ effect, param }) => (
            <EffectLane
              key={`${effect.id}-${param}`}
              host={host}
              named
              effect={effect}
              param={param}
              scale={scale}
              width={laneWidth}
            />
          )),
        )}
        <div className="playhead" data-testid="playhead" style={{ left: HEADER_WIDTH + sampleToPx(playhead, scale) }} />
      </div>
    </div>
  );
}

/** The height the track rows could fill in the timeline `el` without scrolling: its visible height less what else is
 * laid out in it (the ruler, automation and label lanes, the video lane, tracks being made). */
function rowsRoom(el: HTMLElement): number {
  let others = 0;
  for (const child of el.firstElementChild?.children ?? []) {
    if (!(child instanceof HTMLElement) || child.dataset.trackId) continue;
    const { position } = getComputedStyle(child);
    if (position !== 'absolute' && position !== 'fixed') others += child.offsetHeight;
  }
  return Math.max(0, el.clientHeight - others);
}
