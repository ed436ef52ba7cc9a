/**
 * Audio the model returns, made project audio in one step (the analysis worker runs it, off the main thread): brought
 * to the project's rate and the asked length; a generated take conformed to the asked tempo and key and levelled;
 * an edit applied to the original recording (the separator's mask, or the model's change kept only where it changed
 * something, or its timbre on the original performance) and crossfaded into it at the edges when it replaces it.
 */
import { applyGain, peakNormalizeGain } from '../dsp/gain';
import { resample } from '../dsp/resample';
import {
  applySeparation,
  type PreservingEdit,
  preserveEdit,
  type SeparatingEdit,
  transferTimbre,
} from '../dsp/spectral-edit';
import { conformMusic, type KeySource, matchKey } from '../music/conform';
import type { MusicFields } from '../music/music-prompt';
import { blendEdges } from './generated-ops';

/** Generated clips peak at -1 dBFS, as other generation tools deliver them; a near-silent take is not blown up. */
const GENERATED_PEAK_DB = -1;
const MAX_GENERATED_GAIN = 100;

interface Rates {
  modelRate: number;
  projectRate: number;
}

/** A generated take: `length` project samples, conformed first when tempo or key fields are given. */
export interface GeneratedAudio extends Rates {
  kind: 'generated';
  audio: Float32Array;
  length: number;
  conform: MusicFields | null;
}

/** Remove or extract from the separator's mask [frames x bins], on every channel of the original. */
export interface SeparatedAudio extends Rates {
  kind: 'separated';
  task: SeparatingEdit;
  original: Float32Array[];
  mask: Float32Array;
  bins: number;
  /** Edge crossfade in project samples (0: the result lands as a take, not in place). */
  edgeFade: number;
}

/** An edit by the diffusion model: as it came (raw), kept to where it changed the original (untouched), or its
 * timbre on the original performance; `recon` is the model's own round trip of the source, which the last two need. */
export interface EditedAudio extends Rates {
  kind: 'edited';
  task: string;
  keep: 'raw' | 'untouched' | 'performance';
  original: Float32Array[];
  audio: Float32Array;
  recon: Float32Array | null;
  /** Why there is no `recon` where one was needed (the engine's message). */
  reconProblem?: string;
  addLevelDb?: number;
  /** A new part of music kept as it came (Extend, Regenerate a region): moved into this key first. */
  matchKey?: KeySource;
  edgeFade: number;
}

export type ModelAudio = GeneratedAudio | SeparatedAudio | EditedAudio;

export interface ProjectAudio {
  channels: Float32Array[];
  /** What was done that the user should know ("heard 94 BPM, stretched to 111"). */
  notes: string[];
  /** What could not be done, the result landing without it ("the original could not be kept (...)"). */
  problems: string[];
  /** A generated take's key where it was conformed to one ("A minor"): its track keeps it, as Analyze's would. */
  musicKey?: string;
}

/** Model output at the model's rate -> the project's rate, exactly `length` samples. */
export function toProjectRate(audio: Float32Array, modelRate: number, projectRate: number, length: number) {
  const converted = modelRate === projectRate ? audio : resample(audio, modelRate, projectRate);
  if (converted.length === length) return converted;
  const out = new Float32Array(length);
  out.set(converted.subarray(0, length));
  return out;
}

export function toProjectAudio(input: ModelAudio): ProjectAudio {
  if (input.kind === 'generated') return generated(input);
  if (input.kind === 'separated') {
    const { task, original, mask, bins, modelRate, projectRate, edgeFade } = input;
    const channels = applySeparation(task, original, mask, bins, modelRate, projectRate);
    return { channels: blendEdges(original, channels, edgeFade), notes: [], problems: [] };
  }
  const result = edited(input);
  return { ...result, channels: blendEdges(input.original, result.channels, input.edgeFade) };
}

function generated({ audio, modelRate, projectRate, length, conform }: GeneratedAudio): ProjectAudio {
  const result: ProjectAudio = { channels: [], notes: [], problems: [] };
  let take = audio;
  if (conform) {
    try {
      const conformed = conformMusic(audio, modelRate, conform, Math.round((length / projectRate) * modelRate));
      take = conformed.audio;
      result.notes.push(...conformed.notes);
      result.musicKey = conformed.key;
    } catch (e) {
      result.problems.push(`the take could not be conformed (${messageOf(e)}); it lands as the model made it`);
    }
  }
  const clip = toProjectRate(take, modelRate, projectRate, length);
  applyGain(clip, Math.min(MAX_GENERATED_GAIN, peakNormalizeGain([clip], GENERATED_PEAK_DB)));
  result.channels.push(clip);
  return result;
}

/** The edit kept on the original where asked; the model's output as it came (and the user told) where that fails. */
function edited(input: EditedAudio): ProjectAudio {
  const { task, keep, original, audio, recon, modelRate, projectRate } = input;
  const raw = () => [toProjectRate(audio, modelRate, projectRate, original[0].length)];
  if (keep === 'raw')
    return input.matchKey ? inKey(input, input.matchKey) : { channels: raw(), notes: [], problems: [] };
  const what =
    keep === 'performance'
      ? 'the new timbre could not be applied to the original'
      : 'the original could not be kept where the edit changed nothing';
  const fallBack = (why: string) => ({
    channels: raw(),
    notes: [],
    problems: [`${what} (${why}); the model's output is used as it is`],
  });
  if (!recon) return fallBack(input.reconProblem ?? 'the model could not reconstruct the source');
  try {
    const channels =
      keep === 'performance'
        ? transferTimbre(original, audio, recon, modelRate, projectRate)
        : preserveEdit(task as PreservingEdit, original, audio, recon, modelRate, projectRate, input.addLevelDb);
    return { channels, notes: [], problems: [] };
  } catch (e) {
    return fallBack(messageOf(e));
  }
}

/** A new part of music moved into the key of the music it joins; as it came (and the user told) where that fails. */
function inKey({ audio, modelRate, projectRate, original }: EditedAudio, source: KeySource): ProjectAudio {
  const length = original[0].length;
  try {
    const matched = matchKey(audio, modelRate, source);
    return {
      channels: [toProjectRate(matched.audio, modelRate, projectRate, length)],
      notes: matched.notes,
      problems: [],
    };
  } catch (e) {
    return {
      channels: [toProjectRate(audio, modelRate, projectRate, length)],
      notes: [],
      problems: [`the new part could not be moved into the key (${messageOf(e)}); it lands as the model made it`],
    };
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
