import { useState } from 'react';
import { commitEffectEdit, deleteSavedEffectPreset, saveEffectPresetAs } from '../../app/track-effects';
import type { TrackEffect } from '../../dsp/effect-chain';
import {
  applyEffectPreset,
  type EffectPreset,
  PRESET_NAME_MAX,
  presetMatching,
  presetsFor,
} from '../../project/effect-presets';
import { missingImpulses } from '../../project/impulses';
import type { EffectHost } from '../../project/track-effects';
import { useServices, useStudio } from '../studio-context';

/** What the menu's own entries are (preset names are never these: they are not empty and have no leading colon). */
const SAVE = ':save';
const DELETE = ':delete:';

/** An effect's presets, as a plug-in's preset menu: the one its settings match shown, built-in and saved ones to
 * choose (one undo step), these settings saved under a name, a saved one deleted. */
export function EffectPresets({ host, effect, slot }: { host: EffectHost; effect: TrackEffect; slot: number }) {
  const { store, assets } = useServices();
  const saved = useStudio((s) => s.effectPresets);
  const [naming, setNaming] = useState<string | null>(null);
  const { builtIn, saved: own } = presetsFor(effect.kind, saved);
  const choose = (preset: EffectPreset) => {
    if (!commitEffectEdit(store, (p) => applyEffectPreset(p, host, effect.id, preset))) return;
    for (const name of missingImpulses([{ ...effect, ...preset.settings } as TrackEffect], assets))
      store
        .getState()
        .notify('info', `The preset plays the impulse "${name}", which this project lacks: load it again.`);
  };
  const matching = presetMatching(effect, saved);
  const pick = (value: string) => {
    // Saving settings that a saved preset has offers its name (to keep it again); a built-in's name is not offered.
    if (value === SAVE) setNaming(own.some((p) => p.name === matching) ? matching : '');
    else if (value.startsWith(DELETE)) {
      const doomed = own.find((p) => p.name === value.slice(DELETE.length));
      if (doomed) deleteSavedEffectPreset(store, doomed);
    } else {
      const preset = [...builtIn, ...own].find((p) => p.name === value);
      if (preset) choose(preset);
    }
  };
  const option = (p: EffectPreset) => (
    <option key={p.name} value={p.name}>
      {p.name}
    </option>
  );
  return (
    <div className="fx-effect-presets">
      <label title="Settings kept by name: built-in starting points and your own, for every project">
        Preset
        <select data-testid={`fx-preset-${slot}`} value={matching ?? ''} onChange={(e) => pick(e.target.value)}>
          <option value="">{builtIn.length + own.length > 0 ? 'Choose…' : 'None yet'}</option>
          {builtIn.length > 0 && <optgroup label="Built in">{builtIn.map(option)}</optgroup>}
          {own.length > 0 && <optgroup label="Saved">{own.map(option)}</optgroup>}
          <optgroup label="Your presets">
            <option value={SAVE}>Save these settings as…</option>
            {own.map((p) => (
              <option key={p.name} value={`${DELETE}${p.name}`}>
                Delete “{p.name}”
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {naming !== null && (
        <form
          className="fx-preset-save"
          onSubmit={(e) => {
            e.preventDefault();
            if (saveEffectPresetAs(store, host, effect.id, naming)) setNaming(null);
          }}
        >
          <input
            data-testid={`fx-preset-name-${slot}`}
            aria-label="Preset name"
            value={naming}
            maxLength={PRESET_NAME_MAX}
            placeholder="Name"
            // biome-ignore lint/a11y/noAutofocus: the name is what the user asked to type
            autoFocus
            onChange={(e) => setNaming(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setNaming(null))}
          />
          <button type="submit" data-testid={`fx-preset-save-${slot}`}>
            Save
          </button>
          <button type="button" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
