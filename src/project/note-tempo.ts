/**
 * Instrument tracks follow the project's tempo, as a DAW's MIDI does (audio clips keep their time): a note clip's
 * start, trims and notes keep their beats, counted from the grid's downbeat, only faster or slower. Pure: the caller
 * plays the moved notes again.
 */
import type { NoteClip } from './types';

/** The clip at a tempo `ratio` times as slow in seconds a beat (the old tempo over the new), scaled around timeline
 * sample `downbeat`; whatever would fall before the timeline's start is trimmed away. */
export function clipAtTempo(clip: NoteClip, ratio: number, downbeat: number): NoteClip {
  const scaled = (samples: number) => Math.round(samples * ratio);
  let start = Math.round(downbeat + (clip.start - downbeat) * ratio);
  let offset = scaled(clip.offset);
  let length = Math.max(1, scaled(clip.length));
  if (start < 0) [offset, length, start] = [offset - start, Math.max(1, length + start), 0];
  const notes = clip.part.notes.map((n) => ({
    ...n,
    startSeconds: n.startSeconds * ratio,
    endSeconds: n.endSeconds * ratio,
  }));
  return { ...clip, start, offset, length, part: { ...clip.part, notes } };
}
