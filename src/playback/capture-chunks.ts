/** The blocks the capture worklet posts (workers/capture.worklet.ts), joined into one recording. */

/** Channels of the whole recording; a block with fewer channels than the most (the input changed from mono to
 * stereo meanwhile) repeats its first channel in the others. */
export function joinChunks(chunks: readonly Float32Array[][]): Float32Array[] {
  const channels = Math.max(0, ...chunks.map((c) => c.length));
  const length = chunks.reduce((n, c) => n + (c[0]?.length ?? 0), 0);
  const out = Array.from({ length: channels }, () => new Float32Array(length));
  let at = 0;
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    out.forEach((channel, c) => channel.set(chunk[Math.min(c, chunk.length - 1)], at));
    at += chunk[0].length;
  }
  return out;
}
