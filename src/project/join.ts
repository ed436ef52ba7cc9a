/** Join, as Audacity's Edit > Clip boundaries > Join: the clips of a track inside a range become one clip, so a part
 * cut into pieces moves and fades as one. The new clip holds their audio as it is heard (fades and volume envelopes
 * applied, overlaps summed as they play, gaps silent), so nothing sounds different. */
import type { AssetStore } from './asset-store';
import { throughClipGain } from './mixdown';
import { type Clip, clipEnd, clipOverlap, type SampleRange, type Track } from './types';

export interface Joined {
  /** Where the joined clip lies: from the first clip's start to the last one's end, inside the range. */
  span: SampleRange;
  channels: Float32Array[];
  /** The first clip's name. */
  name: string;
}

/** The track's clips within `range` as one clip; null where fewer than two clips lie there. */
export function joinClips(track: Track, assets: AssetStore, range: SampleRange): Joined | null {
  const clips = track.clips.filter((c) => clipOverlap(c, range) !== null);
  if (clips.length < 2) return null;
  const span = {
    start: Math.max(range.start, Math.min(...clips.map((c) => c.start))),
    end: Math.min(range.end, Math.max(...clips.map(clipEnd))),
  };
  const width = Math.max(...clips.map((c) => assets.get(c.assetId).channels.length));
  const channels = Array.from({ length: width }, () => new Float32Array(span.end - span.start));
  for (const clip of clips) addHeard(channels, clip, assets, span);
  return { span, channels, name: [...clips].sort((a, b) => a.start - b.start)[0].name };
}

/** Adds what `clip` plays inside `span` (through its envelope and fades) into `out`, which starts at the span's start. */
function addHeard(out: Float32Array[], clip: Clip, assets: AssetStore, span: SampleRange): void {
  const { read, write, count } = clipOverlap(clip, span)!;
  const { channels, from } = throughClipGain(clip, assets.get(clip.assetId).channels, read, count);
  out.forEach((channel, c) => {
    const source = channels[Math.min(c, channels.length - 1)];
    for (let i = 0; i < count; i++) channel[write + i] += source[from + i];
  });
}
