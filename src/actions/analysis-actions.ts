/** Understanding: analyse a selection for sound events, and export the labels found. */
import { analyzeSelection } from '../app/analyze';
import { attenuateSimilar, findSimilarSounds } from '../app/find-similar';
import type { Services } from '../app/services';
import { download } from '../export/export-audio';
import { audacityLabels, jsonLabels } from '../project/label-ops';
import type { StudioState } from '../store/studio-store';
import { hasAudio, hasRange } from './targets';
import { hasInstrumentTracks, saveSongMidi } from '../app/save-midi';
import type { Action } from './types';

const hasLabels = (s: StudioState) => s.project.tracks.some((t) => (t.labels?.length ?? 0) > 0);

function exportLabels(services: Services, format: 'audacity' | 'json') {
  const { project } = services.store.getState();
  const text = format === 'audacity' ? audacityLabels(project) : jsonLabels(project);
  const bytes = new TextEncoder().encode(text).buffer as ArrayBuffer;
  const fileName = format === 'audacity' ? 'labels.txt' : 'labels.json';
  const mimeType = format === 'audacity' ? 'text/plain' : 'application/json';
  download({ bytes, fileName, mimeType });
}

export const analysisActions: Action[] = [
  {
    name: 'analyze',
    label: 'Analyze: find the sounds in the selection',
    group: 'edit',
    shortcuts: ['Shift+A'],
    enabled: hasAudio,
    perform: analyzeSelection,
  },
  {
    name: 'findSimilar',
    label: 'Find similar: more sounds like the selected one',
    group: 'edit',
    shortcuts: ['Shift+F'],
    enabled: (s) => hasRange(s) && s.busy === null,
    perform: (services) => findSimilarSounds(services),
  },
  {
    name: 'attenuateSimilar',
    label: 'Attenuate similar: every sound Find similar labelled, to its surroundings',
    group: 'effect',
    shortcuts: ['Shift+Y'],
    enabled: (s) => s.busy === null && s.project.tracks.some((t) => t.labels?.some((l) => l.similar)),
    perform: (services) => attenuateSimilar(services),
  },
  {
    name: 'statistics',
    label: 'Loudness and statistics of the selection or the mix…',
    group: 'view',
    shortcuts: ['Mod+Shift+K'],
    enabled: (s) => s.busy === null,
    perform: ({ store }) => store.getState().openPanel('statistics'),
  },
  {
    name: 'spectrum',
    label: 'Frequency analysis: the average spectrum of the selection or the mix…',
    group: 'view',
    shortcuts: [],
    enabled: (s) => s.busy === null,
    perform: ({ store }) => store.getState().openPanel('spectrum'),
  },
  {
    name: 'pitchEditor',
    label: 'Pitch editor: the notes of a sung or played line on one track, each to move on its own…',
    group: 'effect',
    shortcuts: ['Alt+P'],
    enabled: (s) => s.busy === null,
    perform: ({ store }) => store.getState().openPanel('pitchEditor'),
  },
  {
    name: 'ask',
    label: 'Ask about the sound (from the analysis)…',
    group: 'edit',
    shortcuts: ['Shift+Q'],
    perform: ({ store }) => store.getState().set({ panel: 'ask' }),
  },
  {
    name: 'exportLabels',
    label: 'Export labels (Audacity .txt)',
    group: 'file',
    enabled: hasLabels,
    perform: (s) => exportLabels(s, 'audacity'),
  },
  {
    name: 'saveMidi',
    label: "Save MIDI: the instrument tracks' notes as a MIDI file, a track each on its own channel and program",
    group: 'file',
    enabled: (s) => hasInstrumentTracks(s.project),
    perform: saveSongMidi,
  },
  {
    name: 'exportLabelsJson',
    label: 'Export labels (JSON)',
    group: 'file',
    enabled: hasLabels,
    perform: (s) => exportLabels(s, 'json'),
  },
];
