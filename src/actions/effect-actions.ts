/** Fades, gain, normalisation, reverse, channel operations, pitch, tempo, speed, filters, the equalizer, noise
 * reduction, compression, limiting, gating, truncating silence, ducking, reverb, de-clipping, de-clicking, de-humming
 * and attenuation to the surroundings over the selection, processed in the analysis worker. */
import { declipSelection } from '../app/declip';
import { centerSelection } from '../app/center';
import { declickSelection } from '../app/declick';
import { matchEqSelection, takeEqReference } from '../app/eq-match';
import { reduceLearnedNoise } from '../app/learned-noise';
import { compressSelection, deessSelection, gateSelection, levelSelection, limitSelection } from '../app/dynamics';
import { dehumSelection } from '../app/dehum';
import { debreathSelection } from '../app/debreath';
import { addDouble } from '../app/double';
import { alignToGuide, matchPitchToGuide } from '../app/align';
import { correctionOf, correctPitchSelection } from '../app/pitch-correct';
import { autoDuck } from '../app/duck';
import { echoSelection, reverbSelection } from '../app/reverb';
import { truncateSilence } from '../app/truncate';
import { matchProject, runEffect, surroundingsOfTracks, targetTrackAudio } from '../app/effects';
import type { Services } from '../app/services';
import { CHANNEL_OPERATIONS } from '../dsp/channels';
import { eqChanges } from '../dsp/equalizer';
import { noiseProfile } from '../dsp/noise-reduction';
import type { EffectSpec } from '../project/effects';
import type { EditParams, StudioState } from '../store/studio-store';
import type { Action } from './types';
import { hasRange, selectedRange, targetTrackIds } from './targets';

/** An effect whose spec comes from the settings alone. `previewable`: false where the first seconds alone would sound
 * otherwise than they will (a fade or a reversal over the whole selection, a gain measured over all of it). */
function effect(
  name: string,
  label: string,
  shortcut: string | null,
  specOf: (p: EditParams, s: StudioState) => EffectSpec | null,
  previewable = true,
): Action {
  return {
    name,
    label,
    group: 'effect',
    shortcuts: shortcut ? [shortcut] : [],
    enabled: (s) => hasRange(s) && s.busy === null && specOf(s.params, s) !== null,
    perform: async (services: Services) => {
      const state = services.store.getState();
      const spec = specOf(state.params, state);
      if (spec) await runEffect(services, spec);
    },
    preview: previewable ? (s) => specOf(s.params, s) : undefined,
  };
}

/** An effect whose command (in src/app/) decides and says for itself what it does with the selection. */
function command(
  name: string,
  label: string,
  shortcut: string | null,
  perform: (services: Services) => Promise<void>,
  preview?: (p: EditParams, s: StudioState) => EffectSpec | null,
): Action {
  return {
    name,
    label,
    group: 'effect',
    shortcuts: shortcut ? [shortcut] : [],
    enabled: (s) => hasRange(s) && s.busy === null,
    // Called with the services alone: the registry's second argument (a target) is not these commands' runner.
    perform: (services: Services) => perform(services),
    preview: preview && ((s) => preview(s.params, s)),
  };
}

export const effectActions: Action[] = [
  {
    name: 'repeatEffect',
    label: 'Repeat the last effect, with its settings, on the selection',
    group: 'effect',
    shortcuts: ['Mod+R'],
    enabled: (s) => hasRange(s) && s.busy === null && s.lastEffect !== null,
    perform: async (services: Services) => {
      const last = services.store.getState().lastEffect;
      if (last) await runEffect(services, last.spec, last.label);
    },
  },
  effect('fadeIn', 'Fade in', 'Shift+I', (p) => ({ kind: 'fade', direction: 'in', curve: p.fadeCurve }), false),
  effect('fadeOut', 'Fade out', 'Shift+O', (p) => ({ kind: 'fade', direction: 'out', curve: p.fadeCurve }), false),
  effect('gain', 'Gain', 'Shift+G', (p, s) => ({ kind: 'gain', db: p.gainDb, band: s.selection?.band })),
  effect('normalizePeak', 'Normalize peak', 'Shift+N', (p) => ({ kind: 'normalizePeak', db: p.peakDb }), false),
  effect(
    'normalizeLoudness',
    'Normalize loudness',
    'Shift+L',
    (p) => ({ kind: 'normalizeLoudness', lufs: p.lufs }),
    false,
  ),
  effect('reverse', 'Reverse', 'Shift+R', () => ({ kind: 'reverse' }), false),
  effect(
    'paulstretch',
    'Paulstretch: many times longer at the same pitch, smeared into a texture',
    null,
    (p) => ({ kind: 'paulstretch', factor: p.stretchFactor, windowSeconds: p.stretchWindowSeconds }),
    false, // it changes the length: the first seconds alone are not what it makes
  ),
  effect('tremolo', 'Tremolo: the level swings up and down', null, (p) => ({
    kind: 'tremolo',
    rateHz: p.tremoloRateHz,
    depth: p.tremoloDepth,
  })),
  effect('phaser', 'Phaser: notches sweep up and down the spectrum', null, (p) => ({
    kind: 'phaser',
    rateHz: p.phaserRateHz,
    depth: p.phaserDepth,
    feedback: p.phaserFeedback,
  })),
  effect('chorus', 'Chorus: a second voice, slightly off in time and pitch, under the sound', null, (p) => ({
    kind: 'chorus',
    rateHz: p.chorusRateHz,
    depthMs: p.chorusDepthMs,
    mix: p.chorusMix,
  })),
  effect('distortion', 'Distortion: drive the sound into a curve that holds it under full scale', null, (p) => ({
    kind: 'distortion',
    curve: p.distortionCurve,
    driveDb: p.distortionDriveDb,
    outputDb: p.distortionOutputDb,
  })),
  effect('silenceAudio', 'Silence: make the selection silent where it is, its length kept', null, () => ({
    kind: 'silence',
  })),
  effect('stereoToMono', CHANNEL_OPERATIONS.mono, null, () => ({ kind: 'channels', operation: 'mono' })),
  effect('swapChannels', CHANNEL_OPERATIONS.swap, null, () => ({ kind: 'channels', operation: 'swap' })),
  effect('invertPolarity', CHANNEL_OPERATIONS.invert, null, () => ({ kind: 'channels', operation: 'invert' })),
  effect('changePitch', 'Change pitch', 'Shift+H', (p) => ({
    kind: 'pitch',
    semitones: p.pitchSemitones,
    ...(p.pitchFormants === 'keep' && { formants: 'keep' }),
  })),
  command(
    'correctPitch',
    'Correct pitch: pull a sung or played line to the nearest notes of a key, as Auto-Tune',
    null,
    correctPitchSelection,
    (p, s) => {
      // The line's own key is heard when it runs: no preview before that.
      const correction = correctionOf(p, s.project.tracks);
      return correction && { kind: 'correctPitch', ...correction.scale };
    },
  ),
  effect('shiftFormants', "Shift formants: a voice's character (throat size) moved, its pitch kept", null, (p) => ({
    kind: 'formants',
    semitones: p.formantSemitones,
  })),
  effect('changeTempo', 'Change tempo', 'Shift+T', (p) => ({ kind: 'tempo', percent: p.tempoPercent })),
  effect('changeSpeed', 'Change speed', null, (p) => ({ kind: 'speed', percent: p.speedPercent })),
  effect('highpass', 'High-pass filter', null, (p) => ({ kind: 'filter', type: 'highpass', hz: p.highpassHz })),
  effect('lowpass', 'Low-pass filter', null, (p) => ({ kind: 'filter', type: 'lowpass', hz: p.lowpassHz })),
  {
    name: 'equalizer',
    label: 'Equalizer: shape the sound with shelves and bells…',
    group: 'effect',
    shortcuts: ['Mod+Shift+E'],
    enabled: () => true,
    perform: ({ store }) => store.getState().openPanel('equalizer'),
  },
  effect('equalize', 'Apply the equalizer to the selection', null, (p, s) =>
    eqChanges(p.eqBands, s.project.sampleRate) ? { kind: 'eq', bands: p.eqBands } : null,
  ),
  {
    name: 'noiseProfile',
    label: 'Take noise profile',
    group: 'effect',
    shortcuts: ['Shift+K'],
    enabled: (s) => hasRange(s) && s.busy === null,
    perform: (services: Services) => {
      const state = services.store.getState();
      const range = selectedRange(state)!;
      // Every target track's channels averaged.
      const profile = noiseProfile(targetTrackAudio(services, range).flat(), state.project.sampleRate);
      const seconds = ((range.end - range.start) / state.project.sampleRate).toFixed(2);
      services.store.getState().set({ noiseProfile: profile });
      services.store
        .getState()
        .notify('info', `Noise profile taken from ${seconds} s. Select what to clean and use Reduce noise.`);
    },
  },
  {
    name: 'eqReference',
    label: 'Take EQ reference: the tonal balance Match EQ gives another selection',
    group: 'effect',
    shortcuts: [],
    enabled: (s) => hasRange(s) && s.busy === null,
    perform: (services: Services) => takeEqReference(services),
  },
  {
    name: 'matchEq',
    label: "Match EQ: give the selection the EQ reference's tonal balance, its loudness kept",
    group: 'effect',
    shortcuts: [],
    enabled: (s) => hasRange(s) && s.busy === null && s.eqReference !== null,
    perform: (services: Services) => matchEqSelection(services),
  },
  command('matchProject', "Match the project's tempo and key", 'Shift+W', matchProject),
  effect('reduceNoise', 'Reduce noise', 'Shift+J', (p, s) =>
    s.noiseProfile
      ? {
          kind: 'denoise',
          profile: s.noiseProfile,
          reductionDb: p.noiseReductionDb,
          sensitivityDb: p.noiseSensitivityDb,
        }
      : null,
  ),
  command(
    'reduceNoiseAdaptive',
    'Reduce noise, adaptive: learn the noise floor from the selection itself, no profile needed',
    null,
    reduceLearnedNoise,
  ),
  command('declip', 'De-clip: draw the clipped tops of the waveform again', 'Shift+C', declipSelection, () => ({
    kind: 'declip',
  })),
  command(
    'compress',
    'Compress: turn down what rises over a threshold, so loud and quiet parts come closer',
    'Shift+Z',
    compressSelection,
    (p) => ({ kind: 'compress', thresholdDb: p.compressThresholdDb, ratio: p.compressRatio }),
  ),
  command(
    'reverb',
    'Reverb: the sound as heard in a room, its tail dying away in the decay time',
    null,
    reverbSelection,
    (p) => ({ kind: 'reverb', decaySeconds: p.reverbDecaySeconds, wetDb: p.reverbWetDb }),
  ),
  command(
    'echo',
    'Echo: the sound comes back after the delay, each repeat quieter by the decay',
    null,
    echoSelection,
    (p) => ({ kind: 'echo', delaySeconds: p.echoDelaySeconds, decay: p.echoDecay }),
  ),
  command('gate', 'Noise gate: turn down the quiet stretches between sounds', null, gateSelection, (p) => ({
    kind: 'gate',
    thresholdDb: p.gateThresholdDb,
    reductionDb: p.gateReductionDb,
  })),
  command(
    'levelSpeech',
    'Level speech: bring each phrase to one loudness, as a speech volume leveler (pauses held, syllables kept)',
    null,
    levelSelection,
    (p) => ({ kind: 'level', targetLufs: p.levelTargetLufs, maxGainDb: p.levelMaxGainDb }),
  ),
  command(
    'removeCenter',
    'Vocal reduction: take out what is panned to the centre (a voice) and keep the sides',
    null,
    (services) => centerSelection(services, 'remove'),
    (p) => ({ kind: 'center', operation: 'remove', lowHz: p.centerLowHz, highHz: p.centerHighHz }),
  ),
  command(
    'isolateCenter',
    'Vocal isolation: keep only what is panned to the centre (a voice)',
    null,
    (services) => centerSelection(services, 'isolate'),
    (p) => ({ kind: 'center', operation: 'isolate', lowHz: p.centerLowHz, highHz: p.centerHighHz }),
  ),
  command('deess', 'De-ess: turn the hiss of s and sh down where it spits', null, deessSelection, (p) => ({
    kind: 'deess',
    hz: p.deessHz,
    thresholdDb: p.deessThresholdDb,
    maxReductionDb: p.deessReductionDb,
  })),
  command(
    'limit',
    'Limit: hold the peaks under a ceiling, the gain moving smoothly',
    'Shift+V',
    limitSelection,
    (p) => ({
      kind: 'limit',
      ceilingDb: p.limitCeilingDb,
      releaseMs: p.limitReleaseMs,
      truePeak: p.limitPeaks === 'true',
    }),
  ),
  command(
    'declick',
    'De-click: draw clicks and crackle again from the sound around them',
    'Shift+D',
    declickSelection,
    (p) => ({ kind: 'declick', sensitivity: p.clickSensitivity }),
  ),
  command(
    'truncateSilence',
    'Truncate silence: shorten every pause longer than the longest wanted',
    'Mod+Shift+S',
    truncateSilence,
  ),
  command('autoDuck', 'Auto duck: turn the selected tracks down wherever the others sound', 'Mod+Shift+D', autoDuck),
  command('dehum', 'De-hum: take out mains hum (50 or 60 Hz) and its harmonics', 'Shift+X', dehumSelection),
  command('debreath', 'De-breath: turn the breaths between the phrases of a voice down', null, debreathSelection),
  command(
    'alignToGuide',
    'Align to guide: put the other selected tracks in time with the first (as VocAlign, for doubles and backing vocals)',
    null,
    async (services) => void (await alignToGuide(services)),
  ),
  command(
    'matchPitchToGuide',
    "Match pitch to guide: move the other selected tracks onto the first's pitch (as Revoice Pro), each in its octave",
    null,
    async (services) => void (await matchPitchToGuide(services)),
  ),
  command(
    'addDouble',
    'Add double: the selection slightly late and off in tune, drifting, on a new track (a vocal doubler)',
    null,
    async (services) => void (await addDouble(services)),
  ),
  {
    name: 'attenuateToSurroundings',
    label: 'Attenuate to surroundings',
    group: 'effect',
    shortcuts: ['Shift+U'],
    enabled: (s) => hasRange(s) && s.busy === null,
    perform: async (services: Services) => {
      const state = services.store.getState();
      const range = selectedRange(state)!;
      // The bed is heard in the same tracks either side of the selection, as the effect will read them.
      const tracks = state.project.tracks.filter((t) => targetTrackIds(state).includes(t.id));
      const profile = surroundingsOfTracks(tracks, services.assets, range, state.project.sampleRate);
      const { band } = state.selection ?? {};
      await runEffect(services, { kind: 'attenuate', profile, levelDb: state.params.attenuateLevelDb, band });
    },
  },
];
