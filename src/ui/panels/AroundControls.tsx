import { runAction } from '../../actions/registry';
import { EXTEND_SECONDS } from '../../app/extend';
import { AROUND_CONTEXT_SECONDS } from '../../protocol/engine-protocol';
import { useServices, useStudio } from '../studio-context';

/** Grow a clip (the selected one, else the track's last) or patch the selection with new material from this prompt,
 * drawn by the model to fit the audio around it. */
export function AroundControls() {
  const services = useServices();
  const seconds = useStudio((s) => s.generate.extendSeconds);
  const asTake = useStudio((s) => s.generate.editResult === 'take');
  const hasSelection = useStudio((s) => s.selection !== null && s.selection.end > s.selection.start);
  const run = (name: string) => void runAction(name, services);
  return (
    <fieldset className="around" data-testid="around-controls">
      <legend
        title={`The model hears up to ${AROUND_CONTEXT_SECONDS} s around the new part and continues its tempo, key and sound`}
      >
        Continue or patch a clip with this prompt
      </legend>
      <label>
        Extend by (s)
        <input
          type="number"
          data-testid="extend-seconds"
          min={EXTEND_SECONDS.min}
          max={EXTEND_SECONDS.max}
          step={1}
          value={seconds}
          onChange={(e) => services.store.getState().updateGenerate({ extendSeconds: Number(e.target.value) })}
        />
      </label>
      <button type="button" data-testid="extend-backward" onClick={() => run('extendBackward')}>
        ← Lead in
      </button>
      <button type="button" data-testid="extend-forward" onClick={() => run('extendForward')}>
        Extend →
      </button>
      <label title="Keep the regenerated part as a take under the track (A/B), or put it in place">
        As a take
        <input
          type="checkbox"
          data-testid="regenerate-as-take"
          checked={asTake}
          onChange={(e) =>
            services.store.getState().updateGenerate({ editResult: e.target.checked ? 'take' : 'replace' })
          }
        />
      </label>
      <button
        type="button"
        data-testid="regenerate-region"
        disabled={!hasSelection}
        title="New material for the selected part that fits what is before and after it, crossfaded in (as a take when edits land as takes)"
        onClick={() => run('regenerateRegion')}
      >
        Regenerate the selection
      </button>
    </fieldset>
  );
}
