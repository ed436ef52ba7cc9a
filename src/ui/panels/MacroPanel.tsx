import { useRef } from 'react';
import { applyMacro, applyMacroToFiles, removeMacroStep, toggleMacroRecording } from '../../app/macro';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

/** Macros, as Audacity's: record the effects applied (their settings with them), then run them again on a selection or
 * on a batch of files, written as the Export settings say. */
export function MacroPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const macro = useStudio((s) => s.macro);
  const format = useStudio((s) => s.exportSettings.format);
  const files = useRef<HTMLInputElement>(null);
  return (
    <Panel title="Macro" testId="macro-panel" onClose={onClose}>
      <p className="muted">
        Record, close this panel and apply effects: each joins the macro with its settings (effects that measure the
        selection they run on, such as Auto duck or Reduce noise, are left out); the Macro button shows ● meanwhile.
      </p>
      <ol data-testid="macro-steps">
        {macro.steps.map((step, i) => (
          <li key={step.id}>
            {step.label}{' '}
            <button type="button" aria-label={`Take out ${step.label}`} onClick={() => removeMacroStep(services, i)}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="actions-row">
        <button
          type="button"
          data-testid="macro-record"
          aria-pressed={macro.recording}
          onClick={() => toggleMacroRecording(services)}
        >
          {macro.recording ? '■ Stop recording' : '● Record effects'}
        </button>
        <button
          type="button"
          data-testid="macro-clear"
          disabled={macro.steps.length === 0}
          onClick={() => services.store.getState().set({ macro: { ...macro, steps: [] } })}
        >
          Clear
        </button>
        <button
          type="button"
          data-testid="macro-apply"
          disabled={macro.steps.length === 0}
          onClick={() => void applyMacro(services)}
        >
          Apply to the selection
        </button>
        <button
          type="button"
          className="primary"
          data-testid="macro-files"
          disabled={macro.steps.length === 0}
          title={`Each file through the macro, written as ${format} (Export settings), all in one zip`}
          onClick={() => files.current?.click()}
        >
          Apply to files…
        </button>
        <input
          ref={files}
          type="file"
          multiple
          hidden
          data-testid="macro-file-input"
          accept="audio/*,.wav,.mp3,.ogg,.opus,.flac,.m4a,.aac"
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            e.target.value = '';
            if (picked.length) void applyMacroToFiles(services, picked);
          }}
        />
      </div>
    </Panel>
  );
}
