/** Macros (src/project/macro.ts): recording the effects the user applies, running them again on the selection (each
 * its own undo step, as Audacity's), and on a batch of files, each written as the Export settings say, in one zip. */
import { zipSync } from 'fflate';
import { runInWorker } from '../client/effect-runner';
import { download, encodeFile } from '../export/export-audio';
import { decodeFile } from '../import/decode-file';
import { stripExtension } from '../import/import-files';
import { runMacro } from '../project/macro';
import type { EffectRunner } from '../project/process-ops';
import { runEffect } from './effects';
import type { Services } from './services';

export function toggleMacroRecording({ store }: Services): void {
  const { macro } = store.getState();
  store.getState().set({ macro: { ...macro, recording: !macro.recording } });
}

export function removeMacroStep({ store }: Services, index: number): void {
  const { macro } = store.getState();
  store.getState().set({ macro: { ...macro, steps: macro.steps.filter((_, i) => i !== index) } });
}

/** Runs the macro's steps over the selection, one undo step each; stops at the first that does not apply. */
export async function applyMacro(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { steps } = services.store.getState().macro;
  if (steps.length === 0) return services.store.getState().notify('info', 'The macro is empty: record some effects.');
  const recording = services.store.getState().macro.recording;
  // Running the macro is not more of it.
  services.store.getState().set({ macro: { steps, recording: false } });
  try {
    for (const step of steps) if (!(await runEffect(services, step.spec, step.label, run))) return;
    const n = steps.length;
    services.store.getState().notify('info', `Applied the macro's ${n} step${n === 1 ? '' : 's'} to the selection.`);
  } finally {
    services.store.getState().set({ macro: { ...services.store.getState().macro, recording } });
  }
}

/** Runs the macro over each file (at its own rate) and downloads the results, encoded as the Export settings say, in
 * one zip; a file that cannot be read is named and left out. */
export async function applyMacroToFiles(
  services: Services,
  files: readonly File[],
  run: EffectRunner = runInWorker,
): Promise<void> {
  const { store } = services;
  const { macro, exportSettings } = store.getState();
  if (macro.steps.length === 0) return store.getState().notify('info', 'The macro is empty: record some effects.');
  const out: Record<string, Uint8Array> = {};
  const failed: string[] = [];
  try {
    for (const [i, file] of files.entries()) {
      store.getState().set({ busy: `Macro: ${file.name} (${i + 1} of ${files.length})…` });
      try {
        // A WAV file keeps its own rate; anything else is decoded at the project's.
        const decoded = await decodeFile(file, store.getState().project.sampleRate, true);
        const channels = await runMacro(macro.steps, decoded.channels, decoded.sampleRate, run);
        const encoded = await encodeFile(channels, decoded.sampleRate, exportSettings, stripExtension(file.name));
        out[encoded.fileName] = new Uint8Array(encoded.bytes);
      } catch (e) {
        failed.push(`${file.name} (${e instanceof Error ? e.message : String(e)})`);
      }
    }
  } finally {
    store.getState().set({ busy: null });
  }
  const names = Object.keys(out);
  if (names.length) {
    const zip = zipSync(out, { level: 0 });
    download({ bytes: zip.buffer as ArrayBuffer, fileName: 'omni-studio-macro.zip', mimeType: 'application/zip' });
    store.getState().notify('info', `Ran the macro on ${names.length} file(s): ${names.join(', ')}.`);
  }
  if (failed.length) store.getState().notify('error', `The macro could not run on ${failed.join(', ')}.`);
}
