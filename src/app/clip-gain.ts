/** Clip gain, as Pro Tools' clip gain and Reaper's item volume: whole clips made louder or quieter in steps, their
 * volume envelopes scaled (src/project/envelope.ts `scaledEnvelope`), in one undo step; and Match clip loudness, as
 * Reaper's "normalize items to loudness" and Audition's Match Loudness: each clip brought to one loudness by its gain. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { dbToGain, gainToDb } from '../dsp/gain';
import { clipLevelDb, ENVELOPE_MAX_GAIN, envelopeGains, scaledEnvelope, setClipEnvelope } from '../project/envelope';
import { integratedLoudness } from '../dsp/loudness';
import { clipFadeGains } from '../project/clip-fades';
import type { AssetStore } from '../project/asset-store';
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

/** A clip's integrated loudness as it plays (its envelope and fades applied), LUFS; -Infinity where it is silent or
 * shorter than a loudness block (400 ms). */
export function clipLoudness(clip: Clip, assets: AssetStore): number {
  const asset = assets.get(clip.assetId);
  const envelope = clip.envelope?.length ? envelopeGains(clip.envelope, clip.offset, clip.length) : null;
  const fades = clipFadeGains(clip, 0, clip.length);
  const heard = asset.channels.map((ch) => {
    const part = ch.slice(clip.offset, clip.offset + clip.length);
    for (let i = 0; i < part.length; i++) part[i] *= (envelope?.[i] ?? 1) * (fades?.[i] ?? 1);
    return part;
  });
  return integratedLoudness(heard, asset.sampleRate);
}

/** The clips for gain each brought to `lufs` (integrated, as they play) by clip gain, in one undo step; says how far
 * each moved, and which could not be measured (silent, or under 400 ms) or reached (+12 dB is the most). */
export function matchClipLoudness({ store, assets }: Services, lufs: number): void {
  const state = store.getState();
  const clips = clipsForGain(state).flatMap((id) => findClip(state.project, id)?.clip ?? []);
  if (clips.length === 0) {
    state.notify('info', 'Match clip loudness: select clips (click their name bars) or a range that reaches them.');
    return;
  }
  const moves = clips.map((clip) => ({ clip, db: lufs - clipLoudness(clip, assets) }));
  const measured = moves.filter((m) => Number.isFinite(m.db));
  if (measured.length === 0) {
    state.notify('info', 'Match clip loudness: the clips are silent or shorter than 0.4 s; nothing was changed.');
    return;
  }
  const project = measured.reduce(
    (p, { clip, db }) => setClipEnvelope(p, clip.id, scaledEnvelope(clip, dbToGain(db))),
    state.project,
  );
  state.commit(`Match clip loudness (${lufs} LUFS)`, project);
  // What each clip moved by, as its gain now says (a clip held at +12 dB moved less than asked).
  const said = measured.slice(0, 4).map(({ clip, db }) => {
    const after = findClip(project, clip.id)!.clip;
    const moved = gainToDb(scaledGainOf(after) / scaledGainOf(clip));
    const short = moved < db - 0.05 ? ' (held at +12 dB)' : '';
    return `"${clip.name}" ${moved >= 0 ? '+' : ''}${moved.toFixed(1)} dB${short}`;
  });
  const more = measured.length > 4 ? `, and ${measured.length - 4} more` : '';
  const skipped = moves.length - measured.length;
  const unmeasured = skipped
    ? `; ${skipped} silent or under 0.4 s left as ${skipped === 1 ? 'it was' : 'they were'}`
    : '';
  store
    .getState()
    .notify(
      'info',
      `Matched ${measured.length} clip${measured.length === 1 ? '' : 's'} to ${lufs} LUFS: ${said.join(', ')}${more}${unmeasured}.`,
    );
}

/** The gain of a clip's envelope at its first point (the level a clip gain moves; 1 without one). */
const scaledGainOf = (clip: Clip) => clip.envelope?.[0]?.gain ?? 1;
