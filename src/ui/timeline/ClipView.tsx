import { type PointerEvent as ReactPointerEvent, useMemo, useState } from 'react';
import {
  clipEnvelopeLine,
  renameClip,
  selectClipExtent,
  startClipMove,
  startClipSlip,
  startClipTrim,
} from '../../app/project-commands';
import { stretchClip } from '../../app/clip-stretch';
import { stretchedLength } from '../../project/clip-stretch';
import { assetToTimeline, clipLevelDb } from '../../project/envelope';
import { snapEdge, snapMove, snapTargets } from '../../project/snap';
import { type Clip, clipEnd } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { ClipNotes } from './ClipNotes';
import { ClipWaveform } from './ClipWaveform';
import { clipColorStyle, clipColors } from './track-colors';
import { EnvelopeOverlay } from './EnvelopeOverlay';
import { FadeHandles } from './FadeHandles';
import { followPointer } from './follow-pointer';
import { pxToSample, SNAP_PX, sampleToPx, visibleLanePx } from './geometry';

const LABEL_HEIGHT = 18;
const NO_POINTS: never[] = [];
/** The edges' trim zones start under the fade handles. */
const EDGE_TOP = LABEL_HEIGHT + 12;
const EDGES = ['start', 'end'] as const;

/** A clip on its lane: a label bar to drag it (in time and across tracks), edges to drag to trim it, and the waveform
 * of its visible part. */
export function ClipView({ clip, trackId, height }: { clip: Clip; trackId: string; height: number }) {
  const waveHeight = Math.max(4, height - LABEL_HEIGHT - 4);
  const [renaming, setRenaming] = useState(false);
  const [stretch, setStretch] = useState<{ left: number; width: number; factor: number } | null>(null);
  const services = useServices();
  const { store, assets } = services;
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const pxPerSec = useStudio((s) => s.view.pxPerSec);
  const scrollLeft = useStudio((s) => s.view.scrollLeft);
  const viewportWidth = useStudio((s) => s.view.viewportWidth);
  const selected = useStudio((s) => s.selectedClipIds.includes(clip.id));
  const inDb = useStudio((s) => s.dbWaveTracks.includes(trackId));
  const color = useStudio((s) => s.project.tracks.find((t) => t.id === trackId)?.color);
  const level = clipLevelDb(clip);
  const envelopeTool = useStudio((s) => s.tool === 'envelope');
  const envelopeLine = useMemo(() => clipEnvelopeLine(clip.id), [clip.id]);
  const scale = { sampleRate, pxPerSec };
  const left = sampleToPx(clip.start, scale);
  const width = Math.max(1, sampleToPx(clip.length, scale));
  const [visLeft, visRight] = visibleLanePx(scrollLeft, viewportWidth);
  const drawLeft = Math.max(left, visLeft);
  const drawRight = Math.min(left + width, visRight);
  // The drawn part, in samples from the clip's first.
  const from = pxToSample(drawLeft - left, scale);
  const to = Math.min(clip.length, pxToSample(drawRight - left, scale));

  const startDrag = (e: ReactPointerEvent) => {
    e.stopPropagation();
    e.preventDefault();
    if (e.altKey && (e.ctrlKey || e.metaKey)) return startSlip(e);
    if (e.ctrlKey || e.metaKey || e.shiftKey) return store.getState().toggleClipSelected(clip.id);
    const drag = startClipMove(store, clip.id);
    const originX = e.clientX;
    const { project, playhead, snap } = store.getState();
    const targets = snap ? snapTargets(project, playhead, drag.clipIds) : [];
    const tolerance = pxToSample(SNAP_PX, scale);
    followPointer((ev) => {
      const row = document.elementFromPoint(ev.clientX, ev.clientY)?.closest<HTMLElement>('[data-track-id]');
      const target = row?.dataset.trackId ?? trackId;
      const delta = pxToSample(Math.abs(ev.clientX - originX), scale) * Math.sign(ev.clientX - originX);
      const free = clip.start + delta;
      drag.moveTo(target, snap && !ev.altKey ? snapMove(free, clip.length, targets, tolerance) : free);
    }, drag.end);
  };

  /** Ctrl/Cmd+Alt on the name bar slips the audio inside the clip, as a DAW's slip edit (the clip stays put). */
  const startSlip = (e: ReactPointerEvent) => {
    const assetLength = assets.get(clip.assetId).channels[0]?.length ?? clip.length;
    const drag = startClipSlip(store, clip.id, assetLength);
    const originX = e.clientX;
    followPointer((ev) => {
      drag.moveTo(pxToSample(Math.abs(ev.clientX - originX), scale) * Math.sign(ev.clientX - originX));
    }, drag.end);
  };

  const startTrim = (e: ReactPointerEvent, edge: 'start' | 'end') => {
    e.stopPropagation();
    e.preventDefault();
    if (e.ctrlKey || e.metaKey) return startStretch(e, edge);
    const drag = startClipTrim(store, clip.id, edge, (id) => assets.get(id).channels[0]?.length ?? clip.length);
    const originX = e.clientX;
    const from = edge === 'start' ? clip.start : clipEnd(clip);
    const { project, playhead, snap } = store.getState();
    const targets = snap ? snapTargets(project, playhead, [clip.id]) : [];
    const tolerance = pxToSample(SNAP_PX, scale);
    followPointer((ev) => {
      const delta = pxToSample(Math.abs(ev.clientX - originX), scale) * Math.sign(ev.clientX - originX);
      drag.moveTo(snap && !ev.altKey ? snapEdge(from + delta, targets, tolerance) : from + delta);
    }, drag.end);
  };

  /** Ctrl/Cmd on an edge stretches the clip's audio to where the edge is let go (snapping as a trim does): a dashed
   * outline shows its new extent and how many times longer it becomes while dragging. */
  const startStretch = (e: ReactPointerEvent, edge: 'start' | 'end') => {
    const originX = e.clientX;
    const from = edge === 'start' ? clip.start : clipEnd(clip);
    const { project, playhead, snap } = store.getState();
    const targets = snap ? snapTargets(project, playhead, [clip.id]) : [];
    const tolerance = pxToSample(SNAP_PX, scale);
    let at = from;
    followPointer(
      (ev) => {
        const delta = pxToSample(Math.abs(ev.clientX - originX), scale) * Math.sign(ev.clientX - originX);
        at = snap && !ev.altKey ? snapEdge(from + delta, targets, tolerance) : from + delta;
        const length = stretchedLength(clip, edge, at);
        const px = sampleToPx(length, scale);
        setStretch({ left: edge === 'end' ? 0 : width - px, width: px, factor: length / clip.length });
      },
      () => {
        setStretch(null);
        void stretchClip(services, clip.id, edge, at);
      },
    );
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a double-click selects the clip's extent; Select clip (Ctrl/Cmd+Shift+A) is the keyboard path
    <div
      className={`clip${selected ? ' selected' : ''}`}
      data-testid="clip"
      data-clip-id={clip.id}
      data-color={color}
      style={{ left, width, ...clipColorStyle(color) }}
      onDoubleClick={() => selectClipExtent(store, clip.id)}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the name bar is for the mouse: dragged to move the clip (the arrow keys move a selected one), double-clicked to rename it */}
      <div
        className="clip-label"
        data-testid="clip-handle"
        style={{ height: LABEL_HEIGHT }}
        onPointerDown={startDrag}
        onDoubleClick={(e) => {
          e.stopPropagation(); // renames, rather than selecting the clip's extent
          setRenaming(true);
        }}
        title="Drag to move the clip, and the other clips selected with it (its edges snap to other edges, labels, the playhead and beats; hold Alt to move it freely); Ctrl or Shift+click to select several; Ctrl/Cmd+Alt+drag slips the audio inside it; double-click to rename it"
      >
        {renaming ? (
          <input
            className="clip-rename"
            data-testid="clip-rename"
            aria-label={`New name for the clip ${clip.name}`}
            defaultValue={clip.name}
            style={{ left: Math.max(0, drawLeft - left) }}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename this clip
            autoFocus
            onPointerDown={(e) => e.stopPropagation()} // typing, not dragging the clip
            onBlur={(e) => {
              setRenaming(false);
              renameClip(store, clip.id, e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              if (e.key === 'Escape') setRenaming(false);
            }}
          />
        ) : (
          <span style={{ left: Math.max(0, drawLeft - left) }}>
            {clip.name}
            {level !== null && Math.abs(level) >= 0.05 && (
              <em className="clip-gain" data-testid="clip-gain">
                {' '}
                {level > 0 ? '+' : ''}
                {level.toFixed(1)} dB
              </em>
            )}
          </span>
        )}
      </div>
      {drawRight > drawLeft && (
        <div style={{ position: 'absolute', left: drawLeft - left, top: LABEL_HEIGHT }}>
          <ClipWaveform
            clip={clip}
            from={from}
            to={to}
            widthPx={drawRight - drawLeft}
            height={waveHeight}
            inDb={inDb}
            color={clipColors(color).wave}
          />
        </div>
      )}
      {drawRight > drawLeft && clip.part && (
        <ClipNotes
          part={clip.part}
          rate={sampleRate}
          from={clip.offset + from}
          to={clip.offset + to}
          leftPx={drawLeft - left}
          widthPx={drawRight - drawLeft}
          top={LABEL_HEIGHT}
          height={waveHeight}
        />
      )}
      {drawRight > drawLeft && (
        <EnvelopeOverlay
          line={envelopeLine}
          points={clip.envelope ?? NO_POINTS}
          timeOf={(at) => assetToTimeline(clip, at)}
          editing={envelopeTool}
          title="Volume envelope: click to add a point and drag it; double-click a point to take it out"
          testId="clip-envelope"
          leftPx={drawLeft - left}
          widthPx={drawRight - drawLeft}
          from={clip.offset + from}
          to={clip.offset + to}
          top={LABEL_HEIGHT}
          height={waveHeight}
        />
      )}
      <FadeHandles clip={clip} widthPx={width} top={LABEL_HEIGHT} height={waveHeight} />
      {stretch && (
        <div
          className="clip-stretch"
          data-testid="clip-stretch"
          style={{ left: stretch.left, width: stretch.width, top: LABEL_HEIGHT }}
        >
          ×{stretch.factor.toFixed(2)}
        </div>
      )}
      {EDGES.map((edge) => (
        <div
          key={edge}
          className={`clip-edge ${edge}`}
          data-testid={`clip-edge-${edge}`}
          style={{ top: EDGE_TOP }}
          onPointerDown={(e) => startTrim(e, edge)}
          title={`Drag to trim the clip's ${edge} (its audio stays in place; it snaps as a moved clip does, Alt to move freely); Ctrl/Cmd+drag stretches its audio to fit, at its pitch`}
        />
      ))}
    </div>
  );
}
