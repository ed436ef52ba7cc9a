import * as Comlink from 'comlink';
import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { describeBand, formatHz } from '../../dsp/band';
import { frequencyRow, gatherFrames } from '../../dsp/spectrogram';
import { analysis } from '../../client/analysis-client';
import { type Clip, findClip, type Project } from '../../project/types';
import { focusedClipId, type Selection } from '../../store/studio-store';
import { formatTime } from '../format';
import { useServices, useStudio } from '../studio-context';
import { BandFields } from './BandFields';
import { type Box, boxToSelection, selectionToBox, type SpectrogramView } from './spectrogram-box';

const HEIGHT = 160;
const FFT_SIZE = 1024;
/** Frequencies marked on the picture's log axis, so a box can be drawn at a known band. */
const TICKS_HZ = [100, 300, 1000, 3000, 10000];

/** The clip under the selection's start on its first track (an effect on a range leaves the range its own clip). */
function clipAtSelection(project: Project, selection: Selection | null): Clip | undefined {
  if (!selection) return undefined;
  const track = project.tracks.find((t) => selection.trackIds.includes(t.id));
  return track?.clips.find((c) => c.start <= selection.start && selection.start < c.start + c.length);
}

/** The spectrogram of the selected clip (else the clip under the selection, else the first clip), computed in the analysis worker. Dragging a box on it
 * selects that time and frequency band, as spectral editors do (Attenuate to surroundings and Gain work inside it). */
export function SpectrogramPanel() {
  const { assets, store } = useServices();
  const canvas = useRef<HTMLCanvasElement>(null);
  const clip = useStudio(
    (s) =>
      (focusedClipId(s) ? findClip(s.project, focusedClipId(s)!)?.clip : undefined) ??
      clipAtSelection(s.project, s.selection) ??
      s.project.tracks.find((t) => t.clips.length)?.clips[0],
  );
  const trackId = useStudio((s) => s.project.tracks.find((t) => clip && t.clips.includes(clip))?.id);
  const width = useStudio((s) => Math.max(100, s.view.viewportWidth - 20));
  const selection = useStudio((s) => s.selection);
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const [state, setState] = useState<'idle' | 'working' | 'ready' | 'failed'>('idle');
  const [draft, setDraft] = useState<{ x: number; y: number; box: Box } | null>(null);
  const open = useStudio((s) => s.layout.spectrogramOpen);

  useEffect(() => {
    if (!open || !clip || !assets.has(clip.assetId)) return;
    let cancelled = false;
    setState('working');
    const asset = assets.get(clip.assetId);
    const channel = asset.channels[0];
    const columns = Math.max(1, Math.min(width, Math.floor(clip.length / 64)));
    const frames = gatherFrames(channel, FFT_SIZE, columns, clip.offset, clip.offset + clip.length);
    analysis()
      .spectrogram(Comlink.transfer(frames, [frames.buffer]), FFT_SIZE, HEIGHT, asset.sampleRate)
      .then((answer) => {
        if (cancelled || !canvas.current) return;
        if (!answer.ok) return setState('failed');
        const { width: w, height, pixels } = answer.value;
        canvas.current.width = w;
        canvas.current.height = height;
        canvas.current.getContext('2d')!.putImageData(new ImageData(pixels, w, height), 0, 0);
        setState('ready');
      });
    return () => {
      cancelled = true;
    };
  }, [open, clip, width, assets]);

  if (!clip || !trackId) return null;
  const toggle = (
    <button
      type="button"
      className="spectrogram-toggle"
      data-testid="spectrogram-toggle"
      aria-expanded={open}
      title={open ? 'Close the spectrogram' : 'Open the spectrogram'}
      onClick={() => store.getState().setLayout({ spectrogramOpen: !open })}
    >
      {open ? '▾' : '▸'}
    </button>
  );
  if (!open)
    return (
      <section className="spectrogram" aria-label="Spectrogram">
        <h2>
          {toggle} Spectrogram: {clip.name}
        </h2>
      </section>
    );
  const view: SpectrogramView = { clip, width, height: HEIGHT, sampleRate };
  const point = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const spanning = (a: { x: number; y: number }, b: { x: number; y: number }): Box => ({
    left: Math.min(a.x, b.x),
    right: Math.max(a.x, b.x),
    top: Math.min(a.y, b.y),
    bottom: Math.max(a.y, b.y),
  });
  const boxed = selectionToBox(selection, view);
  const shown = draft?.box ?? boxed;
  const band = boxed ? selection?.band : undefined;
  return (
    <section className="spectrogram" aria-label="Spectrogram">
      <h2>
        {toggle} Spectrogram: {clip.name} {state === 'working' && <small>(computing…)</small>}
        {state === 'failed' && <small>(could not be computed)</small>}
        {state === 'ready' && !band && <small> (drag a box to select a time and frequency range)</small>}
      </h2>
      <div
        className="spectrogram-area"
        data-testid="spectrogram-area"
        style={{ width, height: HEIGHT }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = point(e);
          setDraft({ ...p, box: spanning(p, p) });
        }}
        onPointerMove={(e) => draft && setDraft({ ...draft, box: spanning(draft, point(e)) })}
        onPointerUp={() => {
          const chosen = draft && boxToSelection(draft.box, view, trackId);
          setDraft(null);
          if (chosen) store.getState().selectRange(chosen);
        }}
      >
        <canvas ref={canvas} data-testid="spectrogram" data-state={state} style={{ width, height: HEIGHT }} />
        {TICKS_HZ.filter((hz) => hz < sampleRate / 2).map((hz) => (
          <span key={hz} className="spectrogram-tick" style={{ top: frequencyRow(hz, HEIGHT, sampleRate) }}>
            {formatHz(hz)}
          </span>
        ))}
        {shown && (
          <div
            className="spectrogram-box"
            data-testid="spectrogram-box"
            style={{
              left: shown.left,
              top: shown.top,
              width: shown.right - shown.left,
              height: shown.bottom - shown.top,
            }}
          />
        )}
      </div>
      <BandFields selection={selection} nyquist={sampleRate / 2} />
      {band && selection && (
        <p className="spectrogram-band" data-testid="spectrogram-band">
          Selected {formatTime(selection.start / sampleRate)}–{formatTime(selection.end / sampleRate)},{' '}
          {describeBand(band)}. Attenuate to surroundings (Shift+U) and Gain (Shift+G) work inside this band; other
          edits take every frequency.
        </p>
      )}
    </section>
  );
}
