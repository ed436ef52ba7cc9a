/** Model-pack commands for the UI: load (bundled, URL, files), list and delete cached packs; results go to the store. */
import { Comlink, engine, protocolMismatch } from '../client/engine-client';
import type { PackInfo, Result } from '../protocol/engine-protocol';
import type { StudioStore } from '../store/studio-store';

/** The pack the app ships: the default model we trained (training/train-default-pack.sh), int8, under 50 MB. */
export const BUNDLED_PACK = '/models/omni-small/';

export const formatMegabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function settle(store: StudioStore, label: string, load: () => Promise<Result<PackInfo>>): Promise<void> {
  const set = (patch: Partial<ReturnType<StudioStore['getState']>['models']>) =>
    store.getState().set({ models: { ...store.getState().models, ...patch } });
  set({ loading: `Loading ${label}…` });
  try {
    const mismatch = await protocolMismatch();
    if (mismatch) {
      store.getState().notify('error', `The model pack did not load: ${mismatch}`);
      return;
    }
    const result = await load();
    if (result.ok) {
      set({ pack: result.value });
      store
        .getState()
        .notify(
          'info',
          `${result.value.name} runs on ${result.value.backend === 'webgpu' ? 'WebGPU' : 'WASM'} (${result.value.dtype}): ${result.value.backendReason}.`,
        );
    } else {
      const kept = store.getState().models.pack;
      store
        .getState()
        .notify(
          'error',
          `The model pack did not load: ${result.error.message} ${kept ? `${kept.name} stays loaded.` : 'The studio keeps working without a model.'}`,
        );
    }
  } finally {
    set({ loading: null });
    await refreshCached(store);
  }
}

export function loadFromUrl(store: StudioStore, base: string): Promise<void> {
  const backend = store.getState().models.backend;
  const onBytes = Comlink.proxy((file: string, loaded: number) => {
    store
      .getState()
      .set({ models: { ...store.getState().models, loading: `Downloading ${file}: ${formatMegabytes(loaded)}` } });
  });
  return settle(store, base, () => engine().loadPack(base, { backend }, onBytes));
}

/** Opens the pack in use again on another backend (after the GPU was lost: WASM), from where it came. */
export function reopenOn(store: StudioStore, backend: 'wasm' | 'webgpu'): Promise<void> {
  store.getState().set({ models: { ...store.getState().models, backend } });
  return settle(store, `the pack on ${backend === 'wasm' ? 'WASM' : 'WebGPU'}`, () => engine().reopen(backend));
}

export function loadFromFiles(store: StudioStore, files: File[]): Promise<void> {
  const backend = store.getState().models.backend;
  return settle(store, files.length === 1 ? files[0].name : `${files.length} files`, () =>
    engine().loadPackFromFiles(files, { backend }),
  );
}

export async function refreshCached(store: StudioStore): Promise<void> {
  const cached = await engine().listCachedPacks();
  store.getState().set({ models: { ...store.getState().models, cached } });
}

export async function deleteCached(store: StudioStore, base: string): Promise<void> {
  await engine().deleteCachedPack(base);
  await refreshCached(store);
}
