/** Clip gain, as Pro Tools' clip gain and Reaper's item volume: whole clips made louder or quieter in steps, their
 * volume envelopes scaled (src/project/envelope.ts `scaledEnvelope`), in one undo step. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { dbToGain } from '../dsp/gain';
import { clipLevelDb, ENVELOPE_MAX_GAIN, scaledEnvelope, setClipEnvelope } from '../project/envelope';
import { type Clip, clipEnd, findClip } from '../project/types';
import type { StudioState } from '../store/studio-store';
import type { Services } from './services';

/** The selected clips, else the clips the selection reaches on its tracks. */
export function clipsForGain(state: StudioState): string[] {
  if (state.selectedClipIds.length) return [...state.selectedClipIds];
  const range = selectedRange(state);
  if (!range) return [];
  const trackIds = targetTrackIds(state);
  const reaches = (c: Clip) => c.start < range.end && clipEnd(c) > range.start;
  return state.project.tracks
    .filter((t) => trackIds.includes(t.id))
    .flatMap((t) => t.clips.filter(reaches).map((c) => c.id));
}

/** The clips for gain made `db` louder (quieter where negative); says where there are none, and where a clip is
 * already as loud as a clip is made (+12 dB). */
export function nudgeClipGain({ store }: Services, db: number): void {
  const state = store.getState();
  const ids = clipsForGain(state);
  if (ids.length === 0) {
    state.notify('info', 'Clip gain: select clips (click their name bars) or a range that reaches them.');
    return;
  }
  const clips = ids.flatMap((id) => findClip(state.project, id)?.clip ?? []);
  const factor = dbToGain(db);
  if (db > 0 && clips.every((c) => (c.envelope ?? [{ gain: 1 }]).every((p) => p.gain >= ENVELOPE_MAX_GAIN - 1e-9))) {
    state.notify('info', 'Clip gain: +12 dB is the most a clip is raised.');
    return;
  }
  const project = clips.reduce((p, c) => setClipEnvelope(p, c.id, scaledEnvelope(c, factor)), state.project);
  const level = clips.length === 1 ? clipLevelDb(findClip(project, clips[0].id)!.clip) : null;
  const said = level === null ? `${db > 0 ? '+' : ''}${db} dB` : `${level > 0 ? '+' : ''}${level.toFixed(1)} dB`;
  state.commit(`Clip gain ${said}`, project);
}
