import { type ReactNode, useMemo } from 'react';
import { type EffectCategory, effectShown } from '../../store/layout';
import { useServices, useStudio } from '../studio-context';
import { effectMatches, effectText } from './effect-match';

/** One effect's settings and buttons, on its shelf of the effect bar: hidden while another shelf is chosen or the
 * effect filter finds other effects (and laid out as if the group were not there: display: contents). */
export function EffectGroup({
  category,
  actions,
  children,
}: {
  category: EffectCategory;
  actions: string[];
  children: ReactNode;
}) {
  const text = useMemo(() => effectText(actions), [actions]);
  const query = useStudio((s) => s.effectFilter);
  const layout = useStudio((s) => s.layout);
  const shown = effectShown(layout, query, effectMatches(query, text), category);
  return (
    <span className="effect-group" data-category={category} hidden={!shown}>
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
      onChange={(e) => {
        // What is searched for is shown, even where the effect bar was closed.
        store.getState().set({ effectFilter: e.target.value });
        store.getState().setLayout({ effectsOpen: true });
      }}
    />
  );
}
