import {
  BPM_RANGE,
  KEY_NAMES,
  type KeyName,
  type Meter,
  type Mode,
  type MusicFields as Fields,
  projectMusic,
} from '../../music/music-prompt';
import { useServices, useStudio } from '../studio-context';

/** Tempo, key, mode and meter for music from text, and "Match the project" (its tempo, and what Analyze heard). */
export function MusicFields({ value, onChange }: { value: Fields; onChange: (fields: Fields) => void }) {
  const { store } = useServices();
  const tracks = useStudio((s) => s.project.tracks);
  const tempo = useStudio((s) => s.project.tempo);
  const heard = projectMusic(tracks, tempo);

  const matchProject = () => {
    if (!heard)
      return store
        .getState()
        .notify(
          'info',
          'The project has no tempo or key yet: set a tempo in the transport, or select a music track and run Analyze (Shift+A).',
        );
    onChange({
      ...value,
      bpm: heard.bpm ?? value.bpm,
      key: heard.key ?? value.key,
      mode: heard.key ? heard.mode : value.mode,
      meter: heard.meter ?? value.meter,
    });
  };

  return (
    <fieldset className="music-fields" data-testid="music-fields">
      <legend>Music</legend>
      <label>
        Tempo (BPM)
        <input
          type="number"
          data-testid="music-bpm"
          min={BPM_RANGE.min}
          max={BPM_RANGE.max}
          placeholder="any"
          value={value.bpm ?? ''}
          onChange={(e) => onChange({ ...value, bpm: clampBpm(e.target.value) })}
        />
      </label>
      <label>
        Key
        <span>
          <select
            data-testid="music-key"
            value={value.key ?? ''}
            onChange={(e) => onChange({ ...value, key: (e.target.value || null) as KeyName | null })}
          >
            <option value="">any</option>
            {KEY_NAMES.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <select
            data-testid="music-mode"
            aria-label="Mode"
            value={value.mode}
            onChange={(e) => onChange({ ...value, mode: e.target.value as Mode })}
          >
            <option value="major">major</option>
            <option value="minor">minor</option>
          </select>
        </span>
      </label>
      <label>
        Meter
        <select
          data-testid="music-meter"
          value={value.meter}
          onChange={(e) => onChange({ ...value, meter: e.target.value as Meter })}
        >
          <option value="4/4">4/4</option>
          <option value="3/4">3/4 (waltz)</option>
        </select>
      </label>
      <button
        type="button"
        data-testid="music-match"
        title={
          heard
            ? `The project's music: ${[heard.bpm && `${heard.bpm} BPM`, heard.key && `${heard.key} ${heard.mode}`].filter(Boolean).join(', ')}`
            : 'Analyze a music track first (Shift+A) to hear its tempo and key'
        }
        onClick={matchProject}
      >
        Match the project
      </button>
    </fieldset>
  );
}

/** A typed tempo within the range the model knows; empty: any tempo. */
function clampBpm(text: string): number | null {
  if (text.trim() === '') return null;
  const bpm = Math.round(Number(text));
  return Number.isFinite(bpm) ? Math.max(BPM_RANGE.min, Math.min(BPM_RANGE.max, bpm)) : null;
}
