/** The Vorbis comment structure FLAC's VORBIS_COMMENT block and Opus's OpusTags packet share: the encoder's name,
 * then NAME=value comments, each a little-endian length before its UTF-8. */

export const ENCODER_NAME = 'Omni Studio';

export function vorbisCommentBody(comments: readonly string[], vendor = ENCODER_NAME): Uint8Array {
  const strings = [vendor, ...comments].map((s) => new TextEncoder().encode(s));
  const body = new Uint8Array(4 + strings.reduce((n, s) => n + 4 + s.length, 0));
  const view = new DataView(body.buffer);
  let at = 0;
  strings.forEach((s, i) => {
    view.setUint32(at, s.length, true);
    body.set(s, at + 4);
    at += 4 + s.length;
    if (i === 0) {
      view.setUint32(at, comments.length, true);
      at += 4;
    }
  });
  return body;
}
