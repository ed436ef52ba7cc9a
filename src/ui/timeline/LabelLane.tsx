import { useState } from 'react';
import { removeSoundLabel, renameSoundLabel } from '../../app/project-commands';
import { describeBand } from '../../dsp/band';
import type { SoundLabel, Track } from '../../project/types';
import { useServices } from '../studio-context';
import { HEADER_WIDTH, type Scale, sampleToPx, stackLabels } from './geometry';

export const LABEL_ROW_HEIGHT = 22;

/** The sounds Analyze found on a track and the labels the user wrote, as labelled regions under it. Clicking one
 * selects its time on the track and puts its words in the edit's description, so "remove this" is one more click;
 * double-clicking one renames it. */
export function LabelLane({ track, scale, width }: { track: Track; scale: Scale; width: number }) {
  const { store } = useServices();
  const [renaming, setRenaming] = useState<string | null>(null);
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
        Labels: {stacked.length}
      </div>
      <div className="label-lane" style={{ width }}>
        {stacked.map(({ label, row }) => (
          <div
            key={label.id}
            className={`sound-label${label.similar ? ' similar' : ''}${label.written ? ' written' : ''}`}
            style={{
              left: sampleToPx(label.start, scale),
              // A written point is as wide as its name's start, so it can be read and renamed.
              width: Math.max(label.written ? 64 : 4, sampleToPx(label.end - label.start, scale)),
              top: 2 + row * LABEL_ROW_HEIGHT,
              height: LABEL_ROW_HEIGHT - 2,
              opacity: 0.45 + 0.55 * label.confidence,
            }}
          >
            {renaming === label.id ? (
              <input
                className="sound-label-rename"
                data-testid="label-rename"
                aria-label={`New name for the label ${label.name}`}
                defaultValue={label.name}
                // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename this label
                autoFocus
                onBlur={(e) => {
                  setRenaming(null);
                  renameSoundLabel(store, label.id, label.name, e.target.value);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') e.currentTarget.blur();
                  if (e.key === 'Escape') setRenaming(null);
                }}
              />
            ) : (
              <button
                type="button"
                className="sound-label-name"
                data-testid="sound-label"
                data-start={label.start}
                data-end={label.end}
                title={labelTitle(label, scale.sampleRate)}
                onClick={() => select(label)}
                onDoubleClick={() => setRenaming(label.id)}
              >
                {label.name}
              </button>
            )}
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
  const at = `${(label.start / sampleRate).toFixed(2)} s`;
  if (label.written) {
    const where =
      label.end > label.start ? `${at}, ${((label.end - label.start) / sampleRate).toFixed(2)} s long` : `at ${at}`;
    return `${label.name}, ${where} (double-click to rename)`;
  }
  const words = label.description ? ` (${label.description})` : '';
  const band = label.band ? `, ${describeBand(label.band)}` : '';
  const how = label.similar ? 'similarity' : 'confidence';
  return `${label.name}${words}, ${((label.end - label.start) / sampleRate).toFixed(2)} s, ${how} ${Math.round(label.confidence * 100)} %${band}`;
}
