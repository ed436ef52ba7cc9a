import { useState } from 'react';
import { deleteChain, saveChain } from '../../app/track-effects';
import { BUILT_IN_CHAINS, CHAIN_NAME_MAX, type ChainPreset } from '../../project/chain-presets';
import { useServices, useStudio } from '../studio-context';

/** Chains by name, as a DAW's FX-chain presets: load a built-in or saved one (added after the effects here), save
 * this chain under a name, delete a saved one. */
export function ChainPresets({ canSave, load }: { canSave: boolean; load: (preset: ChainPreset) => void }) {
  const { store } = useServices();
  const saved = useStudio((s) => s.chainPresets);
  const host = useStudio((s) => s.effectsHost);
  const [name, setName] = useState('');
  const [doomed, setDoomed] = useState('');
  const byName = (n: string) => [...BUILT_IN_CHAINS, ...saved].find((c) => c.name === n);
  return (
    <div className="fx-presets" role="group" aria-label="Effect chains">
      <label>
        Load a chain
        <select
          data-testid="fx-chain-load"
          value=""
          title="Its effects are added after the ones here"
          onChange={(e) => {
            const preset = byName(e.target.value);
            if (preset) load(preset);
          }}
        >
          <option value="">Choose…</option>
          <optgroup label="Built in">
            {BUILT_IN_CHAINS.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </optgroup>
          {saved.length > 0 && (
            <optgroup label="Saved">
              {saved.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {canSave && (
        <form
          className="fx-preset-save"
          onSubmit={(e) => {
            e.preventDefault();
            if (host && saveChain(store, host, name)) setName('');
          }}
        >
          <label>
            Save this chain as
            <input
              data-testid="fx-chain-name"
              value={name}
              maxLength={CHAIN_NAME_MAX}
              placeholder="Name"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="fx-chain-save">
            Save
          </button>
        </form>
      )}
      {saved.length > 0 && (
        <div className="fx-preset-delete">
          <label>
            Saved chain
            <select data-testid="fx-chain-doomed" value={doomed} onChange={(e) => setDoomed(e.target.value)}>
              <option value="">Choose…</option>
              {saved.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="fx-chain-delete"
            disabled={!doomed}
            onClick={() => {
              deleteChain(store, doomed);
              setDoomed('');
            }}
          >
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
