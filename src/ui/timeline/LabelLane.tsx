import { removeSoundLabel } from '../../app/project-commands';
import { describeBand } from '../../dsp/band';
import type { SoundLabel, Track } from '../../project/types';
import { useServices } from '../studio-context';
import { HEADER_WIDTH, type Scale, sampleToPx, stackLabels } from './geometry';

export const LABEL_ROW_HEIGHT = 22;

/** The sounds Analyze found on a track, as labelled regions under it. Clicking one selects its time on the track and
 * puts its words in the edit's description, so "remove this" is one more click. */
export function LabelLane({ track, scale, width }: { track: Track; scale: Scale; width: number }) {
  const { store } = useServices();
  const stacked = stackLabels(track.labels ?? []);
  const rows = Math.max(1, ...stacked.map((s) => s.row + 1));
  const select = (label: SoundLabel) => {
    const s = store.getState();
    s.selectRange({ start: label.start, end: label.end, trackIds: [track.id] });
    s.seek(label.start);
    if (label.description) s.updateGenerate({ mode: 'edit', description: label.description });
  };
  return (
    <div
      className="label-row"
      data-testid="label-row"
      data-track-id={track.id}
      style={{ height: rows * LABEL_ROW_HEIGHT + 4 }}
    >
      <div className="label-header" style={{ width: HEADER_WIDTH }}>
        Sounds: {stacked.length}
      </div>
      <div className="label-lane" style={{ width }}>
        {stacked.map(({ label, row }) => (
          <div
            key={label.id}
            className={label.similar ? 'sound-label similar' : 'sound-label'}
            style={{
              left: sampleToPx(label.start, scale),
              width: Math.max(4, sampleToPx(label.end - label.start, scale)),
              top: 2 + row * LABEL_ROW_HEIGHT,
              height: LABEL_ROW_HEIGHT - 2,
              opacity: 0.45 + 0.55 * label.confidence,
            }}
          >
            <button
              type="button"
              className="sound-label-name"
              data-testid="sound-label"
              data-start={label.start}
              data-end={label.end}
              title={labelTitle(label, scale.sampleRate)}
              onClick={() => select(label)}
            >
              {label.name}
            </button>
            <button
              type="button"
              className="sound-label-remove"
              aria-label={`Remove the label ${label.name}`}
              onClick={() => removeSoundLabel(store, label.id, label.name)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

function labelTitle(label: SoundLabel, sampleRate: number): string {
  const words = label.description ? ` (${label.description})` : '';
  const band = label.band ? `, ${describeBand(label.band)}` : '';
  const how = label.similar ? 'similarity' : 'confidence';
  return `${label.name}${words}, ${((label.end - label.start) / sampleRate).toFixed(2)} s, ${how} ${Math.round(label.confidence * 100)} %${band}`;
}
