import { type ReactNode, useMemo } from 'react';
import { useServices, useStudio } from '../studio-context';
import { effectMatches, effectText } from './effect-match';

/** One effect's settings and buttons, hidden while the effect filter finds other effects (and laid out as if the
 * group were not there: display: contents). */
export function EffectGroup({ actions, children }: { actions: string[]; children: ReactNode }) {
  const text = useMemo(() => effectText(actions), [actions]);
  const shown = effectMatches(
    useStudio((s) => s.effectFilter),
    text,
  );
  return (
    <span className="effect-group" hidden={!shown}>
      {children}
    </span>
  );
}

/** The box that narrows the effect bar to the effects whose names or descriptions hold the words typed. */
export function EffectFilter() {
  const { store } = useServices();
  const filter = useStudio((s) => s.effectFilter);
  return (
    <input
      type="search"
      className="effect-filter"
      data-testid="effect-filter"
      aria-label="Find an effect"
      placeholder="Find an effect…"
      value={filter}
      onChange={(e) => store.getState().set({ effectFilter: e.target.value })}
    />
  );
}
