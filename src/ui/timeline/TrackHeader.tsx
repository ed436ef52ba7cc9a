import { switchTake, takeLetter } from '../../project/generated-ops';
import { deleteTrack, setTrack, type TrackEdit, toggleMute, toggleSolo } from '../../project/track-ops';
import type { Track } from '../../project/types';
import { useServices, useStudio } from '../studio-context';

/** Name, mute, solo, gain and pan of a track. Slider drags are one undo step each. */
export function TrackHeader({ track }: { track: Track }) {
  const { store } = useServices();
  const letter = useStudio((s) => (track.takeOf ? takeLetter(s.project, track.id) : ''));

  /** A slider drag previews its changes and lands as one step; every other change is committed at once. */
  const apply = ({ label, project }: TrackEdit) => {
    const state = store.getState();
    if (state.transactionBase) state.preview(project);
    else state.commit(label, project);
  };
  const change = (label: string, patch: Partial<Track>) =>
    apply(setTrack(store.getState().project, track.id, label, patch));
  const slider = (label: string) => ({
    onPointerDown: () => store.getState().beginTransaction(),
    onPointerUp: () => store.getState().endTransaction(label),
  });

  return (
    <div className="track-header" data-testid="track-header">
      <div className="track-title">
        <input
          aria-label="Track name"
          value={track.name}
          onChange={(e) => change('Rename track', { name: e.target.value })}
        />
        <button
          type="button"
          data-testid="track-mute"
          title="Mute"
          aria-pressed={track.mute}
          onClick={() => apply(toggleMute(store.getState().project, track.id))}
        >
          M
        </button>
        <button
          type="button"
          data-testid="track-solo"
          title="Solo"
          aria-pressed={track.solo}
          onClick={() => apply(toggleSolo(store.getState().project, track.id))}
        >
          S
        </button>
        {track.takeOf && (
          <button
            type="button"
            data-testid="track-ab"
            title={`A/B: play this take (${letter}) instead of the original (A), or the original again`}
            aria-pressed={!track.mute}
            onClick={() => {
              const { project, playing } = switchTake(store.getState().project, track.id);
              store.getState().commit(playing === 'A' ? 'Play the original (A)' : `Play take ${playing}`, project);
            }}
          >
            {letter}
          </button>
        )}
        <button
          type="button"
          title="Delete track"
          aria-label={`Delete ${track.name}`}
          onClick={() => apply(deleteTrack(store.getState().project, track.id))}
        >
          ×
        </button>
      </div>
      <label className="track-slider">
        Gain {track.gainDb.toFixed(1)} dB
        <input
          type="range"
          data-testid="track-gain"
          min={-36}
          max={12}
          step={0.5}
          value={track.gainDb}
          {...slider('Track gain')}
          onChange={(e) => change('Track gain', { gainDb: Number(e.target.value) })}
        />
      </label>
      <label className="track-slider">
        Pan{' '}
        {track.pan === 0 ? 'C' : track.pan < 0 ? `L${Math.round(-track.pan * 100)}` : `R${Math.round(track.pan * 100)}`}
        <input
          type="range"
          data-testid="track-pan"
          min={-1}
          max={1}
          step={0.01}
          value={track.pan}
          {...slider('Track pan')}
          onChange={(e) => change('Track pan', { pan: Number(e.target.value) })}
        />
      </label>
    </div>
  );
}
