import type { ReactNode } from 'react';
import { EFFECT_SHELVES } from '../../store/layout';
import { useServices, useStudio } from '../studio-context';
import { EffectFilter } from './EffectFilter';

/** The effect bar's shelves (All, Volume, Dynamics...), one shown at a time, and the switch that closes the bar so
 * the timeline has the window's height. */
export function EffectShelves() {
  const { store } = useServices();
  const layout = useStudio((s) => s.layout);
  const searching = useStudio((s) => s.effectFilter.trim() !== '');
  return (
    <div className="effect-shelves" role="group" aria-label="Effect shelves">
      <button
        type="button"
        data-testid="effects-toggle"
        aria-expanded={layout.effectsOpen}
        title={layout.effectsOpen ? 'Close the effect bar' : 'Open the effect bar'}
        onClick={() => store.getState().setLayout({ effectsOpen: !layout.effectsOpen })}
      >
        {layout.effectsOpen ? '▾' : '▸'} Effects
      </button>
      {EFFECT_SHELVES.map((shelf) => (
        <button
          type="button"
          key={shelf.id}
          className="shelf"
          data-testid={`effect-shelf-${shelf.id}`}
          aria-pressed={!searching && layout.effectShelf === shelf.id}
          onClick={() => {
            store.getState().set({ effectFilter: '' });
            store.getState().setLayout({ effectShelf: shelf.id, effectsOpen: true });
          }}
        >
          {shelf.label}
        </button>
      ))}
      <EffectFilter />
    </div>
  );
}

/** The effects of the chosen shelf, scrolled within a few rows' height so the timeline keeps its room. */
export function EffectRack({ children }: { children: ReactNode }) {
  const open = useStudio((s) => s.layout.effectsOpen);
  return (
    <div className="effect-rack" data-testid="effect-rack" hidden={!open}>
      {children}
    </div>
  );
}
