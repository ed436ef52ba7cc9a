import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createServices } from './app/services';
import { restoreProject, startAutosave } from './persist/autosave';
import { claimProject } from './persist/tab-lock';
import { rememberPresets } from './persist/presets-storage';
import { rememberMacro } from './persist/macro-storage';
import { rememberPreferences } from './persist/preferences';
import { recoverUnfinishedTake } from './app/record';
import { registerServiceWorker } from './pwa/register';
import { trackPeaks } from './timeline/peaks-store';
import { App } from './ui/App';
import { ServicesContext } from './ui/studio-context';
import { runAction } from './actions/registry';
import { importFiles } from './import/import-files';
import { Comlink, engineForTests } from './client/engine-client';
import { analysis } from './client/analysis-client';
import { mixdown } from './project/mixdown';
import './ui/styles.css';

const services = createServices();
const { store, assets } = services;

/** The open project brought back and kept saved, an unfinished take recovered: for the tab that owns it. */
async function openProject() {
  try {
    await restoreProject(store, assets);
  } catch (e) {
    store
      .getState()
      .notify('error', `Your saved project could not be restored: ${e instanceof Error ? e.message : String(e)}`);
  }
  services.autosave = startAutosave(store, assets);
  recoverUnfinishedTake(services).catch((e) =>
    store.getState().notify('error', `An unfinished recording could not be recovered: ${String(e)}`),
  );
}

/** Another tab took the project over: this one saves no more, and says so. */
function projectLost() {
  services.autosave.stop();
  store.getState().set({ openElsewhere: 'taken' });
}

async function boot() {
  if (await claimProject(projectLost)) await openProject();
  else store.getState().set({ openElsewhere: 'already' });
  trackPeaks(assets);
  rememberMacro(store);
  rememberPresets(store);
  rememberPreferences(store);
  window.addEventListener('pagehide', () => void services.autosave.flush());
  registerServiceWorker(store);
  // The test API (as in tldraw's e2e fixtures): tests drive the app through its own actions.
  Object.assign(window, {
    omniStudio: {
      services,
      runAction: (name: string) => runAction(name, services),
      importFiles: (files: File[]) => importFiles(services, files),
      flush: () => services.autosave.flush(),
      // Every track mixed over [start, end) samples, mute and solo aside: what tests compare before and after an edit.
      mixAll: (start: number, end: number) => {
        const project = store.getState().project;
        return mixdown(project, assets, { range: { start, end }, trackIds: project.tracks.map((t) => t.id) });
      },
      // The engine itself with its test hooks, for engine-level tests (and simulating a lost GPU).
      engine: engineForTests,
      // The analysis worker, for benchmarks of the studio's post-processing (bench/edit-bench.ts).
      analysis,
      proxy: Comlink.proxy,
    },
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </StrictMode>,
  );
  document.documentElement.dataset.ready = 'true';
}

void boot();
