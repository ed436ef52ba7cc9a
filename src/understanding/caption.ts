/** A caption of a clip in one sentence, from its detected sounds: what lasts through most of it first ("Bird song
 * throughout"), then each other sound with the time it starts ("an explosion at 3.1 s", "footsteps at 1.0 s and 4.2 s"). */
import type { SoundEvent } from './sound-events';

/** A sound that covers at least this share of the clip is its background. */
const THROUGHOUT = 0.8;
const MAX_TIMES = 3;

const seconds = (t: number) => `${t.toFixed(1)} s`;

function times(starts: number[]): string {
  const shown = starts.slice(0, MAX_TIMES).map(seconds);
  const more = starts.length > MAX_TIMES ? ` and ${starts.length - MAX_TIMES} more times` : '';
  if (shown.length === 1) return `at ${shown[0]}${more}`;
  return `at ${shown.slice(0, -1).join(', ')}${more ? `, ${shown.at(-1)}` : ` and ${shown.at(-1)}`}${more}`;
}

export function caption(events: readonly SoundEvent[], clipSeconds: number, name: (label: string) => string): string {
  if (events.length === 0) return 'Nothing recognisable.';
  const byLabel = new Map<string, SoundEvent[]>();
  for (const e of events) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
  const background: string[] = [];
  const foreground: { first: number; text: string }[] = [];
  for (const [label, list] of byLabel) {
    const covered = list.reduce((sum, e) => sum + (e.end - e.start), 0);
    if (covered >= THROUGHOUT * clipSeconds) background.push(name(label));
    else foreground.push({ first: list[0].start, text: `${name(label)} ${times(list.map((e) => e.start))}` });
  }
  foreground.sort((a, b) => a.first - b.first);
  const parts = [
    ...(background.length ? [`${background.join(' and ')} throughout`] : []),
    ...foreground.map((f) => f.text),
  ];
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
