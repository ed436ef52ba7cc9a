/** How a track's colour draws its clips (src/project/types.ts TRACK_COLORS): the clip's body, edge, label bar and
 * waveform in the colour's hue, as dark as the studio's own blue-grey so waveforms read the same on any. */
import type { CSSProperties } from 'react';
import type { TrackColor } from '../../project/types';

const HUES: Record<TrackColor, number> = {
  blue: 215,
  teal: 180,
  green: 130,
  yellow: 50,
  orange: 28,
  red: 0,
  pink: 325,
  purple: 270,
};

/** The studio's own colours, where a track has none. */
const PLAIN = { body: '#203246', edge: '#35597e', label: '#2c4a6b', wave: '#7cc4ff' };

/** The colours of a track's clips (one this studio does not know, from a newer one's file, draws plain and is kept). */
export function clipColors(color: TrackColor | undefined) {
  if (!color || !(color in HUES)) return PLAIN;
  const hue = HUES[color];
  return {
    body: `hsl(${hue} 35% 18%)`,
    edge: `hsl(${hue} 40% 36%)`,
    label: `hsl(${hue} 40% 28%)`,
    wave: `hsl(${hue} 95% 72%)`,
  };
}

/** A clip's colours as the CSS variables its stylesheet reads. */
export function clipColorStyle(color: TrackColor | undefined): CSSProperties {
  const { body, edge, label } = clipColors(color);
  return { '--clip-body': body, '--clip-edge': edge, '--clip-label': label } as CSSProperties;
}
