/** On a take, the parts comped onto its track (as a DAW's take folder marks the chosen sections), drawn as bands over
 * its lane; nothing on a track that is no take or has none comped. */
import { compedRanges } from '../../project/generated-ops';
import type { Track } from '../../project/types';
import { useStudio } from '../studio-context';
import { type Scale, sampleToPx } from './geometry';

export function CompRanges({ take, scale }: { take: Track; scale: Scale }) {
  // As text, so that the same ranges in a changed project do not draw again (a selector must return what compares
  // equal when nothing changed).
  const ranges = useStudio((s) =>
    take.takeOf
      ? compedRanges(s.project, take.id)
          .map((r) => `${r.start}-${r.end}`)
          .join(' ')
      : '',
  );
  const source = useStudio((s) => s.project.tracks.find((t) => t.id === take.takeOf)?.name);
  if (!ranges) return null;
  return ranges.split(' ').map((range) => {
    const [start, end] = range.split('-').map(Number);
    return (
      <div
        key={range}
        className="comp-range"
        data-testid="comp-range"
        title={`Comped onto "${source}"`}
        style={{ left: sampleToPx(start, scale), width: Math.max(1, sampleToPx(end - start, scale)) }}
      />
    );
  });
}
