/** The studio's state in one zustand store. Every project change goes through `commit` or a transaction, so undo sees it. */
import { VOICE_RANGES } from '../dsp/pitch-correct';
import { DEESS_DEFAULTS } from '../dsp/deess';
import { createStore } from 'zustand/vanilla';
import type { FadeCurve } from '../dsp/fades';
import type { DistortionCurve } from '../dsp/distortion';
import type { ChainPreset } from '../project/chain-presets';
import type { EffectPreset } from '../project/effect-presets';
import type { AutomatableParam } from '../dsp/effect-automation';
import type { MacroStep } from '../project/macro';
import type { AutomationMode } from '../project/automation-write';
import type { GainPoint } from '../project/envelope';
import type { CopiedTimeline } from '../project/timeline-clipboard';
import type { ClockFormat } from '../ui/format';
import { ATTENUATE_DEFAULT_DB } from '../dsp/attenuate';
import { SIMILAR_THRESHOLD } from '../dsp/find-similar';
import type { FrequencyBand } from '../dsp/band';
import type { Mains } from '../dsp/find-hum';
import { type EqBand, presetBands } from '../dsp/equalizer';
import type { LimitPeaks } from '../dsp/limiter';
import type { PitchFormants } from '../dsp/psola';
import type { NoiseProfile } from '../dsp/noise-reduction';
import { DEFAULT_SIGNAL, type SignalSettings } from '../dsp/signals';
import type { ExportFormat } from '../export/file-formats';
import type { Clip, Project, SampleRange } from '../project/types';
import { type MusicFields, NO_MUSIC_FIELDS } from '../music/music-prompt';
import type { BackendChoice, PackInfo } from '../protocol/engine-protocol';
import { emptyProject, newId } from '../project/types';
import { emptyHistory, type History, record, redo, travel, undo } from './history';
import { defaultLayout, type Layout } from './layout';
import { type ClickSettings, defaultClickSettings } from './click-settings';
import type { KeyBindings } from '../actions/key-bindings';
import type { ContrastSide } from '../dsp/contrast';
import { SENSITIVITY } from '../dsp/declick';

export interface Selection {
  start: number;
  end: number;
  trackIds: string[];
  /** A box drawn on the spectrogram also bounds frequency; Attenuate to surroundings and Gain work inside it. */
  band?: FrequencyBand;
}

export interface ViewState {
  pxPerSec: number;
  scrollLeft: number;
  viewportWidth: number;
  /** The timeline's height the track rows could fill without scrolling: its visible height less the ruler and the
   * lanes under tracks (automation, labels, the video), px. */
  rowsRoom?: number;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** A way out the user can take from the notice, such as retrying a job on WASM. */
  action?: { label: string; run(): void };
}

/** Settings of the parameterised commands, shown in the edit bar. */
export interface EditParams {
  fadeCurve: FadeCurve;
  gainDb: number;
  peakDb: number;
  lufs: number;
  /** Change pitch: semitones, the length kept. */
  pitchSemitones: number;
  /** Change pitch: the formants moved with it (any sound: the phase vocoder) or kept (one voice: TD-PSOLA). */
  pitchFormants: PitchFormants;
  /** Shift formants: semitones, the pitch kept. */
  formantSemitones: number;
  /** Correct pitch: the key ("A minor"), 'chromatic' (every semitone) or 'project' (the key Analyze heard on a track);
   * the retune speed's time constant; how much of the way to the note; how much slower on held notes (Humanize, %);
   * how near its note the voice must be to be corrected (Flex-Tune, cents; 0: everywhere). */
  correctKey: string;
  retuneMs: number;
  correctStrength: number;
  humanize: number;
  correctWithin: number;
  /** Correct pitch: the lowest note it listens for, Hz (a voice's range, as the insert's Voice: VOICE_RANGES). */
  correctVoice: number;
  /** Ride vocal: how far over the rest of the mix the voice sits (LU), and the most the ride moves it (dB). */
  rideAboveLu: number;
  rideRangeDb: number;
  /** Match pitch to guide: how far a take is moved onto the guide's pitch, %. */
  matchStrength: number;
  /** Change tempo: percent faster (negative: slower), the pitch kept. */
  tempoPercent: number;
  /** Change speed: percent faster, the pitch with it. */
  speedPercent: number;
  /** Reduce noise: how far the noise goes down, and how far over the noise a sound must be to be kept. */
  noiseReductionDb: number;
  noiseSensitivityDb: number;
  /** Attenuate to surroundings: the level, over the bed heard around the selection, that louder sound comes down to. */
  attenuateLevelDb: number;
  /** Find similar: how alike (a correlation, src/dsp/find-similar.ts) a stretch must be to the marked sound. */
  similarity: number;
  /** The cut-offs of the high-pass (rumble) and low-pass (hiss) filters. */
  highpassHz: number;
  lowpassHz: number;
  /** De-hum: the mains to take out, or 'auto' to find it (and leave a selection without hum alone). */
  humMains: Mains;
  /** De-breath: how far the breaths between phrases go down, dB. */
  breathReductionDb: number;
  /** De-click: how faint a click it takes out (src/dsp/declick.ts SENSITIVITY). */
  clickSensitivity: number;
  /** Limit: the ceiling no sample goes over, and how fast the gain comes back after a peak. */
  limitCeilingDb: number;
  limitReleaseMs: number;
  /** What the ceiling holds: the samples (as Audacity's Limiter) or the true peaks between them too (dBTP). */
  limitPeaks: LimitPeaks;
  /** Compress: the level (dBFS RMS) over which sound is turned down, and by how much (ratio:1). */
  compressThresholdDb: number;
  compressRatio: number;
  /** Truncate silence: quieter than this (dBFS) is silence, and a pause longer than pauseSeconds is shortened to it. */
  silenceThresholdDb: number;
  pauseSeconds: number;
  /** Reverb: the tail's decay time (RT60) and its level under the dry sound. */
  reverbDecaySeconds: number;
  reverbWetDb: number;
  /** Paulstretch: how many times longer, and its frame (s). */
  stretchFactor: number;
  stretchWindowSeconds: number;
  /** Tremolo, phaser and chorus: each LFO's rate (Hz) and depth; the phaser's feedback, the chorus's swing (ms) and
   * mix (src/dsp/modulation.ts). */
  tremoloRateHz: number;
  tremoloDepth: number;
  phaserRateHz: number;
  phaserDepth: number;
  phaserFeedback: number;
  chorusRateHz: number;
  chorusDepthMs: number;
  chorusMix: number;
  /** Distortion: its curve, how far the sound is driven into it (dB) and the level it comes out at (dBFS). */
  distortionCurve: DistortionCurve;
  distortionDriveDb: number;
  distortionOutputDb: number;
  /** Echo: the delay between repeats, s, and each repeat's level against the last (0 to 0.95). */
  echoDelaySeconds: number;
  echoDecay: number;
  /** Noise gate: under this level (dBFS peak) the recording is turned down by gateReductionDb. */
  gateThresholdDb: number;
  gateReductionDb: number;
  /** Level speech: the momentary loudness phrases are brought to, and the most it raises or lowers. */
  levelTargetLufs: number;
  levelMaxGainDb: number;
  /** De-ess: sibilance over deessHz brought down to deessThresholdDb (RMS over 5 ms), by at most deessReductionDb. */
  /** Repeat: how many more times the selection plays after itself. */
  repeatTimes: number;
  deessHz: number;
  deessThresholdDb: number;
  deessReductionDb: number;
  /** Vocal reduction and isolation: the band where the centre is taken out or kept, Hz. */
  centerLowHz: number;
  centerHighHz: number;
  /** Auto duck: how far the selected tracks go down, and the level (dBFS RMS) over which the others are heard. */
  duckAmountDb: number;
  duckThresholdDb: number;
  /** Equalize: the parametric equalizer's bands (src/dsp/equalizer.ts). */
  eqBands: EqBand[];
}

/** The clip single-clip commands act on (Select clip, Extend, Reset envelope): the last one selected. */
export const focusedClipId = (s: Pick<StudioState, 'selectedClipIds'>): string | null =>
  s.selectedClipIds.at(-1) ?? null;

/** The selection on the tracks a project still has (undo may take tracks away); none when it has none of them. */
export function selectionIn(selection: Selection | null, project: Project): Selection | null {
  if (!selection) return null;
  const trackIds = selection.trackIds.filter((id) => project.tracks.some((t) => t.id === id));
  return trackIds.length ? { ...selection, trackIds } : null;
}

export type ExportScope = 'mix' | 'track' | 'selection' | 'stems' | 'groupStems' | 'busStems' | 'labels';

export interface ExportSettings {
  scope: ExportScope;
  format: ExportFormat;
  /** 0 means the project rate. */
  sampleRate: number;
  kbps: number;
  /** A single file (the mix, a track, the selection) brought to `normalizeLufs`, its true peaks held under -1 dBTP
   * (src/export/deliver.ts). */
  normalize: boolean;
  normalizeLufs: number;
  /** The labels written by hand as the file's chapters (FLAC, MP3, Opus), each as Export each label would cut it. */
  chapters: boolean;
  /** Triangular dither on 16- and 24-bit WAV and FLAC files (src/dsp/dither.ts), as Audacity and Audition apply by default. */
  dither: boolean;
  /** The mix or a track goes on past its end while its effects ring out (src/export/ring-out.ts). */
  ringOut: boolean;
}

/** Clips copied by Copy/Cut: one list per track, positioned relative to the copied range. */
export interface Clipboard {
  length: number;
  tracks: Clip[][];
  /** A copied range's lanes and labels, track by track (none for copied clips). */
  timelines?: CopiedTimeline[];
}

/** The model pack the engine holds, what is being loaded, and what the offline cache keeps. */
export interface ModelsState {
  pack: PackInfo | null;
  loading: string | null;
  backend: BackendChoice;
  cached: { base: string; name: string; bytes: number }[];
}

/** What the Generate panel holds between jobs. */
export interface GenerateSettings {
  mode: 'generate' | 'edit';
  /** A generation task of the pack (t2a, t2m). */
  generateTask: string;
  prompt: string;
  seconds: number;
  /** 0: the pack's default. */
  steps: number;
  guidance: number;
  seed: number;
  /** An edit task of the pack (add, remove, extract, style). */
  editTask: string;
  /** What to add, remove or extract; or free text for the whole instruction. */
  description: string;
  styleFrom: string;
  styleTo: string;
  /** For add and remove: keep the original recording wherever the model changed nothing. */
  keepUntouched: boolean;
  /** For add with the untouched sound kept: the added sound's loudest second this many dB over the background there
   * (0: as loud as what is already there, as the paper's mixtures place their events). */
  addLevelDb: number;
  /** For remove and extract with a pack that separates: regenerate through the diffusion model instead of separating
   * the recording (off by default: separation keeps the recording's own sound). */
  regenerate: boolean;
  /** For style transfer: keep the original's notes and timing and take only the model's timbre (off by default: it
   * suits a new instrument or voice, not one sound replaced by another). */
  keepPerformance: boolean;
  /** Replace the selection, or keep the result as a take on a new track beside it. */
  editResult: 'replace' | 'take';
  /** Where a generated clip goes: a track's id, or null for a new track. */
  trackId: string | null;
  /** For music from text: tempo, key, mode and meter written into the prompt (src/music/music-prompt.ts). */
  music: MusicFields;
  /** For music with a tempo or key asked: stretch and shift each take to them (as a DAW warps a loop), saying what
   * was heard; off: the model's take as it came. */
  conform: boolean;
  /** How many takes of one prompt to generate at once (seeds seed, seed + 1, ...): the first lands, the others
   * under it as takes to compare. */
  variations: number;
  /** Extend: how many seconds of new material to add to a clip. */
  extendSeconds: number;
}

/** A model job as the UI shows it: queued or running, its progress, and the latest preview's peaks. */
export interface JobView {
  id: string;
  kind: 'generate' | 'edit' | 'analyze';
  label: string;
  status: 'queued' | 'running';
  step: number;
  steps: number;
  queuedAt: number;
  runningSince: number | null;
  /** Where the result will land, in project samples (trackId null: a new track). */
  target: { trackId: string | null; start: number; length: number };
  /** Envelope of the latest preview ([max, min] per bucket over the target, as PeaksWaveform draws it), and the step
   * it came from. */
  preview: { peaks: Float32Array; step: number } | null;
}

/** Which effect setting's lane: its host (a track, an effect bus, the master), the effect there, the setting. */
export interface EffectLaneKey {
  hostId: string;
  effectId: string;
  param: AutomatableParam;
}

/** What a project is called in the library until the user names it. */
export const UNTITLED = 'Untitled project';

export interface StudioState {
  project: Project;
  history: History;
  /** The project as it was when a drag began; set only during a transaction. */
  transactionBase: Project | null;
  selection: Selection | null;
  /** The clips selected (Ctrl/Shift+click adds or takes one away), the last the one single-clip commands act on. */
  selectedClipIds: readonly string[];
  playhead: number;
  playing: boolean;
  loop: boolean;
  /** The looping region, as Audacity's: set from the selection when Loop goes on, then kept while other things are
   * selected (null: the selection loops). */
  loopRegion: SampleRange | null;
  /** Play-at-speed, as Audacity's: playback 0.25 to 3 times as fast, pitch with it (a tape's varispeed); the project
   * is untouched. */
  playbackSpeed: number;
  /** What the effect bar's filter box holds: only effects whose names or descriptions have its words show. */
  effectFilter: string;
  /** The effect bar's shelf, whether it and the spectrogram are open (src/store/layout.ts). */
  layout: Layout;
  /** Keyboard shortcuts the user set over the registry's (src/actions/key-bindings.ts). */
  keyBindings: KeyBindings;
  /** The microphone recorded from (its device id; '' for the browser's default input). */
  inputDevice: string;
  /** The metronome: on or off, its count-in and level (src/store/click-settings.ts). */
  click: ClickSettings;
  /** Mono: the mix summed to mono on its way to the speakers, to check it for what cancels (never in an export). */
  monoMonitor: boolean;
  /** The meter reads the input without recording (Monitor), so a level can be set before a take. */
  monitoring: boolean;
  /** The input is heard on the speakers while it is open (software playthrough, for headphones). Remembered. */
  hearInput: boolean;
  recording: boolean;
  /** An effect's preview is sounding (src/app/preview.ts): the project is as it was. */
  previewing: boolean;
  view: ViewState;
  /** What a press on a clip does: select and drag it, or edit its volume envelope (Audacity's Envelope tool). */
  tool: 'select' | 'envelope';
  /** Heights the user dragged tracks to, px, by track id (the others are the default height). */
  trackHeights: Record<string, number>;
  /** Tracks whose volume automation lane is shown (a lane with points always is). */
  volumeLanes: string[];
  /** Tracks whose waveform is drawn in decibels (Audacity's Waveform (dB)), so a quiet recording fills the track. */
  dbWaveTracks: string[];
  /** Tracks whose pan automation lane is shown (a lane with points always is). */
  panLanes: string[];
  /** How each track's lanes play (src/project/automation-write.ts): Read unless set; a setting of the session, so a
   * project never opens writing over its lanes. */
  automationModes: Record<string, AutomationMode>;
  /** The track recordings land on as its takes (armed, as a DAW's record-arm with take folders); none: a recording
   * makes a new track. A setting of the session. */
  armedTrack: string | null;
  /** Tracks whose takes are folded away under them (as a DAW's closed take folder): a view of the session. */
  foldedTakes: string[];
  /** Swipe comping, as Logic's Quick Swipe Comping: a range drawn on a take is comped onto its track when let go. */
  swipeComp: boolean;
  /** The controls writing automation now, by track id and lane ("id volume"): the value each shows, and what its
   * pass has written so far (timeline samples, the lane's units), which its lane draws. */
  riding: Record<string, { value: number; values: readonly GainPoint[] }>;
  /** Effect settings whose automation lane is shown (under their track; the master's and buses' after the tracks; a
   * lane with points always is). */
  effectLanes: EffectLaneKey[];
  /** Whether a moved clip takes its stretch of its track's volume and pan lanes and its labels along (as Pro Tools'
   * automation follows edit); on unless turned off, and remembered. */
  automationFollowsClips: boolean;
  /** The master and effect buses whose fader automation lane is shown after the tracks (a lane with points always
   * is). */
  busVolumeLanes: string[];
  /** Sends whose level automation lane is shown under their track, or after the tracks for an effect bus's send
   * (`trackId` the bus's id); a lane with points always is. */
  sendLanes: { trackId: string; busId: string }[];
  /** The macro being built (src/project/macro.ts), and whether applied effects are recorded into it. */
  macro: { steps: MacroStep[]; recording: boolean };
  /** The last effect applied that can run on other audio as it is (Repeat last effect). */
  lastEffect: MacroStep | null;
  /** The effect chains the user saved by name (src/project/chain-presets.ts), kept in the browser. */
  chainPresets: ChainPreset[];
  /** The effect presets the user saved by name (src/project/effect-presets.ts), kept in the browser. */
  effectPresets: EffectPreset[];
  /** How the clock reads the playhead (a click on it turns to the next). */
  clockFormat: ClockFormat;
  /** A dragged clip's edges snap to other clips', labels', the playhead and beats (src/project/snap.ts). */
  snap: boolean;
  /** The timeline turns the page to keep the playhead in view while playing or recording. */
  followPlayback: boolean;
  /** Clips mark where their audio reaches full scale (Audacity's Show Clipping); kept in the browser. */
  showClipping: boolean;
  /** The two stretches Contrast compares (src/dsp/contrast.ts), kept while other stretches are selected. */
  contrast: { foreground?: ContrastSide; background?: ContrastSide };
  clipboard: Clipboard | null;
  params: EditParams;
  /** The noise Reduce noise takes down, from a selection of noise alone (kept for the session, as in Audacity). */
  noiseProfile: NoiseProfile | null;
  /** The mean spectrum Match EQ gives a selection the tonal balance of (Take EQ reference), and how long it was, s. */
  eqReference: { spectrum: NoiseProfile; seconds: number } | null;
  exportSettings: ExportSettings;
  /** The open project's id and name in the browser's library of projects (src/persist/project-library.ts). */
  projectId: string;
  projectName: string;
  /** Another tab has the browser's open project: it was open there first (`already`: this tab loaded nothing), or
   * was taken over there (`taken`: this tab saves no more); null: this tab owns it (src/persist/tab-lock.ts). */
  openElsewhere: 'already' | 'taken' | null;
  panel:
    | 'none'
    | 'projects'
    | 'help'
    | 'export'
    | 'models'
    | 'generate'
    | 'ask'
    | 'equalizer'
    | 'statistics'
    | 'spectrum'
    | 'signal'
    | 'macro'
    | 'history'
    | 'labels'
    | 'trackEffects'
    | 'mixer'
    | 'pitchEditor'
    | 'pianoRoll';
  /** The note clip the piano roll edits (src/ui/panels/PianoRollPanel.tsx). */
  notesClip: string | null;
  /** What the realtime effects' meters read while playing, by effect id (a compressor's gain reduction, dB). */
  effectReadings: Record<string, number>;
  /** Whose realtime effects the Track effects panel shows: a track's id or the master's (src/project/track-effects.ts). */
  effectsHost: string | null;
  models: ModelsState;
  generate: GenerateSettings;
  /** The Generate signal panel's settings, kept for the session as Audacity keeps its generators'. */
  signal: SignalSettings;
  jobs: JobView[];
  busy: string | null;
  notices: Notice[];
}

export interface StudioActions {
  /** Replaces the project as one undoable step named `label`. */
  commit(label: string, project: Project): void;
  beginTransaction(): void;
  /** Shows an intermediate project during a drag, without recording it. */
  preview(project: Project): void;
  endTransaction(label: string): void;
  undo(): string | undefined;
  redo(): string | undefined;
  /** Undoes (negative) or redoes (positive) `steps` at once; the label of the last step taken. */
  travel(steps: number): string | undefined;
  /** Drops every step undo could go back to (the edits that redo would bring back stay). */
  forgetPast(): void;
  restore(project: Project, history: History): void;
  /** For the command layer (src/actions, src/app); components call the named actions below instead. */
  set(patch: Partial<StudioState>): void;
  setLayout(patch: Partial<Layout>): void;
  /** Selects a range on tracks (null: nothing), leaving the playhead where it is. */
  selectRange(selection: Selection | null): void;
  seek(sample: number): void;
  selectClip(id: string | null): void;
  /** Adds a clip to the clips selected, or takes it away (Ctrl/Cmd or Shift+click, as in a DAW). */
  toggleClipSelected(id: string): void;
  openPanel(panel: StudioState['panel']): void;
  updateView(patch: Partial<ViewState>): void;
  updateParams(patch: Partial<EditParams>): void;
  updateExportSettings(patch: Partial<ExportSettings>): void;
  updateGenerate(patch: Partial<GenerateSettings>): void;
  updateSignal(patch: Partial<SignalSettings>): void;
  chooseBackend(backend: BackendChoice): void;
  notify(kind: Notice['kind'], text: string, action?: Notice['action']): void;
  dismiss(id: number): void;
}

export type Studio = StudioState & StudioActions;

let noticeId = 0;

export const initialState = (): StudioState => ({
  project: emptyProject(),
  history: emptyHistory(),
  transactionBase: null,
  selection: null,
  selectedClipIds: [],
  playhead: 0,
  playing: false,
  loop: false,
  loopRegion: null,
  playbackSpeed: 1,
  effectFilter: '',
  layout: defaultLayout(),
  keyBindings: {},
  inputDevice: '',
  click: defaultClickSettings(),
  monoMonitor: false,
  monitoring: false,
  hearInput: false,
  recording: false,
  previewing: false,
  view: { pxPerSec: 50, scrollLeft: 0, viewportWidth: 1000 },
  tool: 'select',
  trackHeights: {},
  volumeLanes: [],
  dbWaveTracks: [],
  effectsHost: null,
  notesClip: null,
  effectReadings: {},
  panLanes: [],
  automationModes: {},
  armedTrack: null,
  foldedTakes: [],
  swipeComp: false,
  riding: {},
  effectLanes: [],
  sendLanes: [],
  busVolumeLanes: [],
  automationFollowsClips: true,
  clockFormat: 'time',
  macro: { steps: [], recording: false },
  lastEffect: null,
  chainPresets: [],
  effectPresets: [],
  snap: true,
  followPlayback: true,
  showClipping: true,
  contrast: {},
  clipboard: null,
  noiseProfile: null,
  eqReference: null,
  params: {
    fadeCurve: 'equal-power',
    gainDb: 3,
    peakDb: -1,
    lufs: -16,
    pitchSemitones: 2,
    pitchFormants: 'move',
    formantSemitones: 3,
    correctKey: 'project',
    retuneMs: 20,
    correctStrength: 100,
    humanize: 0,
    correctWithin: 0,
    correctVoice: VOICE_RANGES[0].lowestHz,
    rideAboveLu: 3,
    rideRangeDb: 6,
    matchStrength: 100,
    tempoPercent: 10,
    speedPercent: 10,
    noiseReductionDb: 12,
    noiseSensitivityDb: 6,
    attenuateLevelDb: ATTENUATE_DEFAULT_DB,
    similarity: SIMILAR_THRESHOLD,
    highpassHz: 80,
    lowpassHz: 8000,
    humMains: 'auto',
    breathReductionDb: 12,
    clickSensitivity: SENSITIVITY.default,
    limitCeilingDb: -1,
    limitReleaseMs: 100,
    limitPeaks: 'sample',
    compressThresholdDb: -20,
    compressRatio: 3,
    silenceThresholdDb: -40,
    pauseSeconds: 0.5,
    reverbDecaySeconds: 1.5,
    reverbWetDb: -12,
    echoDelaySeconds: 0.5,
    stretchFactor: 8,
    stretchWindowSeconds: 0.25,
    tremoloRateHz: 4,
    tremoloDepth: 0.5,
    phaserRateHz: 0.5,
    phaserDepth: 0.7,
    phaserFeedback: 0.3,
    chorusRateHz: 0.8,
    chorusDepthMs: 3,
    chorusMix: 0.5,
    distortionCurve: 'soft',
    distortionDriveDb: 18,
    distortionOutputDb: -6,
    echoDecay: 0.5,
    gateThresholdDb: -40,
    gateReductionDb: -20,
    levelTargetLufs: -20,
    levelMaxGainDb: 24,
    repeatTimes: 1,
    deessHz: DEESS_DEFAULTS.hz,
    deessThresholdDb: DEESS_DEFAULTS.thresholdDb,
    deessReductionDb: DEESS_DEFAULTS.maxReductionDb,
    centerLowHz: 80,
    centerHighHz: 20000,
    duckAmountDb: -12,
    duckThresholdDb: -30,
    eqBands: presetBands('Flat'),
  },
  exportSettings: {
    scope: 'mix',
    format: 'pcm16',
    sampleRate: 0,
    kbps: 192,
    dither: true,
    ringOut: true,
    chapters: false,
    normalize: false,
    normalizeLufs: -16,
  },
  projectId: newId(),
  projectName: UNTITLED,
  openElsewhere: null,
  panel: 'none',
  models: { pack: null, loading: null, backend: 'auto', cached: [] },
  generate: {
    mode: 'generate',
    generateTask: 't2a',
    prompt: '',
    seconds: 5,
    steps: 0,
    guidance: 3,
    seed: 1,
    editTask: 'remove',
    description: '',
    styleFrom: '',
    styleTo: '',
    keepUntouched: true,
    addLevelDb: 0,
    regenerate: false,
    keepPerformance: false,
    editResult: 'replace',
    trackId: null,
    music: NO_MUSIC_FIELDS,
    conform: true,
    variations: 1,
    extendSeconds: 10,
  },
  signal: DEFAULT_SIGNAL,
  jobs: [],
  busy: null,
  notices: [],
});

export function createStudioStore() {
  return createStore<Studio>()((set, get) => {
    /** Moves through the history (undo or redo), keeping the selection on the tracks that remain. */
    const go = (step: ReturnType<typeof undo>) => {
      if (step)
        set({
          project: step.project,
          history: step.history,
          selectedClipIds: [],
          selection: selectionIn(get().selection, step.project),
        });
      return step?.label;
    };
    return {
      ...initialState(),
      commit(label, project) {
        const { project: before, history } = get();
        if (project === before) return;
        set({ project, history: record(history, label, before) });
      },
      beginTransaction() {
        set({ transactionBase: get().project });
      },
      preview(project) {
        set({ project });
      },
      endTransaction(label) {
        const { transactionBase, project, history } = get();
        if (!transactionBase) return;
        const changed = transactionBase !== project;
        set({ transactionBase: null, history: changed ? record(history, label, transactionBase) : history });
      },
      undo() {
        return go(undo(get().history, get().project));
      },
      redo() {
        return go(redo(get().history, get().project));
      },
      travel(steps) {
        return go(travel(get().history, get().project, steps));
      },
      forgetPast() {
        set({ history: { ...get().history, past: [] } });
      },
      restore(project, history) {
        set({ project, history, transactionBase: null });
      },
      set(patch) {
        set(patch);
      },
      setLayout(patch) {
        set({ layout: { ...get().layout, ...patch } });
      },
      selectRange(selection) {
        set({ selection });
      },
      seek(sample) {
        set({ playhead: Math.max(0, Math.round(sample)) });
      },
      selectClip(id) {
        set({ selectedClipIds: id === null ? [] : [id] });
      },
      toggleClipSelected(id) {
        const ids = get().selectedClipIds;
        set({ selectedClipIds: ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id] });
      },
      openPanel(panel) {
        set({ panel });
      },
      updateView(patch) {
        set({ view: { ...get().view, ...patch } });
      },
      updateParams(patch) {
        set({ params: { ...get().params, ...patch } });
      },
      updateExportSettings(patch) {
        set({ exportSettings: { ...get().exportSettings, ...patch } });
      },
      updateGenerate(patch) {
        set({ generate: { ...get().generate, ...patch } });
      },
      updateSignal(patch) {
        set({ signal: { ...get().signal, ...patch } });
      },
      chooseBackend(backend) {
        set({ models: { ...get().models, backend } });
      },
      notify(kind, text, action) {
        set({ notices: [...get().notices, { id: ++noticeId, kind, text, action }].slice(-5) });
      },
      dismiss(id) {
        set({ notices: get().notices.filter((n) => n.id !== id) });
      },
    };
  });
}

export type StudioStore = ReturnType<typeof createStudioStore>;
