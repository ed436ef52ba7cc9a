import { useEffect, useState } from 'react';
import {
  BUNDLED_PACK,
  deleteCached,
  formatMegabytes as mb,
  loadFromFiles,
  loadFromUrl,
  refreshCached,
} from '../../app/models';
import type { BackendChoice } from '../../protocol/engine-protocol';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

/** Which pack runs, on which backend and why; load one from the app, a URL, a zip or a folder; the offline cache. */
export function ModelsPanel({ onClose }: { onClose: () => void }) {
  const { store } = useServices();
  const models = useStudio((s) => s.models);
  const [url, setUrl] = useState('');
  useEffect(() => void refreshCached(store), [store]);
  const busy = models.loading !== null;
  return (
    <Panel title="Model packs" testId="models-panel" onClose={onClose}>
      <p data-testid="models-current">
        {models.pack
          ? `${models.pack.name} ${models.pack.version} (${mb(models.pack.bytes)}) runs on ${models.pack.backend === 'webgpu' ? 'WebGPU' : 'WASM'}, ${models.pack.dtype} weights: ${models.pack.backendReason}.`
          : 'No model pack is loaded.'}
      </p>
      {models.loading && <p data-testid="models-loading">{models.loading}</p>}
      <label>
        Backend
        <select
          data-testid="models-backend"
          value={models.backend}
          onChange={(e) => store.getState().chooseBackend(e.target.value as BackendChoice)}
        >
          <option value="auto">Automatic</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM (CPU)</option>
        </select>
      </label>
      <button
        type="button"
        data-testid="models-load-bundled"
        disabled={busy}
        onClick={() => void loadFromUrl(store, BUNDLED_PACK)}
      >
        Load the bundled pack
      </button>
      <label>
        URL
        <input
          type="url"
          data-testid="models-url"
          placeholder="https://…/pack/"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="button" disabled={busy || !url} onClick={() => void loadFromUrl(store, url)}>
          Load
        </button>
      </label>
      <label>
        A zip
        <input
          type="file"
          accept=".zip"
          data-testid="models-zip"
          disabled={busy}
          onChange={(e) => e.target.files?.length && void loadFromFiles(store, [...e.target.files])}
        />
      </label>
      <label>
        A folder
        <input
          type="file"
          data-testid="models-folder"
          disabled={busy}
          {...{ webkitdirectory: '' }}
          onChange={(e) => e.target.files?.length && void loadFromFiles(store, [...e.target.files])}
        />
      </label>
      <h3>Kept for offline use</h3>
      {models.cached.length === 0 && <p>None yet: a pack loaded from the app or a URL is kept here.</p>}
      <ul data-testid="models-cached">
        {models.cached.map((p) => (
          <li key={p.base}>
            {p.name} ({mb(p.bytes)}){' '}
            <button type="button" aria-label={`Delete ${p.name}`} onClick={() => void deleteCached(store, p.base)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
