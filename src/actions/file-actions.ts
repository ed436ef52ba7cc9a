/** Import, record and export. */
import { download, exportAudio } from '../export/export-audio';
import { exportEachLabel } from '../export/export-labelled';
import { exportStems } from '../export/export-stems';
import { saveProject } from '../app/project-file';
import { openProject } from '../app/projects';
import { punchIn, toggleHearing, toggleMonitoring, toggleRecording } from '../app/record';
import type { Services } from '../app/services';
import type { Action } from './types';
import { hasAudio } from './targets';

export async function exportNow(services: Services): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  state.set({ busy: 'Exporting…' });
  try {
    const settings = state.exportSettings;
    const exporter =
      settings.scope === 'stems' || settings.scope === 'groupStems' || settings.scope === 'busStems'
        ? exportStems
        : settings.scope === 'labels'
          ? exportEachLabel
          : exportAudio;
    const file = await exporter(state, assets, settings);
    download(file);
    file.notes.forEach((n) => state.notify('info', n));
    state.notify('info', `Exported ${file.fileName} (${file.channelCount} ch, ${file.sampleRate} Hz).`);
    state.set({ panel: 'none' });
  } catch (e) {
    state.notify('error', `Export failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    store.getState().set({ busy: null });
  }
}

export const fileActions: Action[] = [
  {
    name: 'projects',
    label: 'Projects: the projects kept in this browser; open one, start a new one, rename or delete…',
    group: 'file',
    shortcuts: ['Mod+Alt+O'],
    perform: ({ store }) => store.getState().openPanel('projects'),
  },
  {
    name: 'newProject',
    label: 'New project: start an empty project, the open one kept among the projects',
    group: 'file',
    shortcuts: ['Mod+Alt+N'],
    perform: (services) => openProject(services, null),
  },
  {
    name: 'import',
    label: 'Import audio, video, an Audacity label file, or open a project file (.omni)…',
    group: 'file',
    shortcuts: ['Mod+O'],
    perform: (s) => s.openFilePicker(),
  },
  {
    name: 'saveProject',
    label: 'Save the project as one file (.omni: its audio, tracks, labels and video), to open here or elsewhere',
    group: 'file',
    shortcuts: ['Mod+S'],
    enabled: (s) => s.project.tracks.length > 0 && s.busy === null,
    perform: saveProject,
  },
  {
    name: 'macro',
    label: 'Macro: record effects, then run them on a selection or a batch of files…',
    group: 'file',
    perform: ({ store }) => store.getState().openPanel('macro'),
  },
  {
    name: 'record',
    label: 'Record',
    group: 'file',
    shortcuts: ['R'],
    perform: toggleRecording,
  },
  {
    name: 'monitor',
    label: 'Monitor the input: the meter reads the microphone without recording',
    group: 'file',
    enabled: (s) => !s.recording,
    perform: toggleMonitoring,
  },
  {
    name: 'hearInput',
    label: 'Hear the input on the speakers while recording or monitoring (for headphones)',
    group: 'file',
    perform: toggleHearing,
  },
  {
    name: 'punchIn',
    label: 'Punch in: record the selection on a track again, after a pre-roll',
    group: 'file',
    shortcuts: ['Alt+R'],
    enabled: (s) => s.recording || (s.selection !== null && s.busy === null),
    perform: punchIn,
  },
  {
    name: 'models',
    label: 'Model packs…',
    group: 'file',
    shortcuts: ['Mod+M'],
    perform: ({ store }) => store.getState().set({ panel: 'models' }),
  },
  {
    name: 'generate',
    label: 'Generate or edit with the model…',
    group: 'file',
    shortcuts: ['Mod+G'],
    perform: ({ store }) => store.getState().set({ panel: 'generate' }),
  },
  {
    name: 'export',
    label: 'Export…',
    group: 'file',
    shortcuts: ['Mod+E'],
    enabled: hasAudio,
    perform: ({ store }) => store.getState().set({ panel: 'export' }),
  },
];
