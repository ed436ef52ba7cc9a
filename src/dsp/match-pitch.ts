/**
 * A take's pitch matched to a guide's, as Synchro Arts' Revoice Pro transfers a lead's pitch to a double: where both
 * have a pitch at the same moment, the take is moved by TD-PSOLA (src/dsp/psola.ts: its formants kept) to the guide's
 * pitch, in the same octave it was sung in (a double an octave under the lead stays under it), drawn towards it by
 * `strength` %, the correction smoothed over 10 ms so the tracker's frame-to-frame jitter is not heard; where either
 * has none (breath, consonants, a note one of them holds longer) the take is left as it was. Run after Align to guide,
 * so the two sing the same note at the same time.
 */
import { toMono } from './channels';
import { midiOf } from './notes';
import { between, type PitchTrack, pitchAt, trackPitch } from './pitch-track';
import { shiftPitchAlong } from './psola';

/** The guide's pitch, frame by frame, on the timeline: `offset` is the timeline sample of frame 0's centre. */
export interface GuidePitch {
  hop: number;
  offset: number;
  hz: number[];
}

export const MATCH_STRENGTH = { min: 0, max: 100 } as const;
/** The correction follows the guide with this time constant, ms. */
const SMOOTHING_MS = 10;

/** The guide's pitch track placed on the timeline from sample `start`. */
export const guidePitch = (track: PitchTrack, start: number): GuidePitch => ({
  hop: track.hop,
  offset: start + track.offset,
  hz: [...track.hz],
});

/** `channels` (from timeline sample `start`) moved onto the guide's pitch by `strength` %. */
export function matchPitch(
  channels: Float32Array[],
  rate: number,
  guide: GuidePitch,
  strength: number,
  start: number,
): Float32Array[] {
  const track = trackPitch(toMono(channels), rate);
  const guideHz = Float32Array.from(guide.hz);
  const cents = new Float32Array(track.hz.length);
  const follow = 1 - Math.exp(-((1000 * track.hop) / rate) / SMOOTHING_MS);
  let current = 0;
  for (let f = 0; f < cents.length; f++) {
    const position = track.offset + f * track.hop;
    const sung = track.hz[f];
    const wanted = between(guideHz, (start + position - guide.offset) / guide.hop, (a, b) => a > 0 && b > 0);
    let target = 0;
    if (sung > 0 && wanted > 0) {
      const off = 100 * (midiOf(wanted) - midiOf(sung));
      target = ((off - 1200 * Math.round(off / 1200)) * strength) / 100; // the same octave as sung
    }
    current += follow * (target - current);
    cents[f] = sung > 0 && wanted > 0 ? current : 0;
    if (!(sung > 0 && wanted > 0)) current = 0;
  }
  if (cents.every((c) => Math.abs(c) < 0.5)) return channels.map((ch) => ch.slice());
  const ratioAt = (position: number) => {
    const c = between(cents, (position - track.offset) / track.hop);
    return Math.abs(c) < 0.5 || pitchAt(track, position) === 0 ? 1 : 2 ** (c / 1200);
  };
  return shiftPitchAlong(channels, rate, track, ratioAt);
}
