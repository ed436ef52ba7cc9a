/** The Audio-Omni pipeline for one window: condition encoders once, the DiT at every Euler step (guidance as a batch
 * of 2), the VAE decoder and vocoder for previews and for the result. Pure over its session runners. */
import {
  type Manifest,
  type OptionalRole,
  type RequiredRole,
  type SessionRole,
  sessionSpec,
} from '../modelpack/manifest';
import type { PromptTokenizer } from '../modelpack/tokenize';
import type { GenerateJob, VideoFrames } from '../protocol/engine-protocol';
import { sampleFlow } from '../sampler/sample';
import { f32, i64, item, output, release, type SessionRunner, type TensorData, twice } from './tensors';

/** The job as the pipeline runs it: the protocol's GenerateJob with the pack's defaults filled in. */
export type GenerateRequest = Omit<GenerateJob, 'jobId' | 'steps' | 'guidanceScale' | 'shift'> &
  Required<Pick<GenerateJob, 'steps' | 'guidanceScale' | 'shift'>>;

export interface PipelineCallbacks {
  onProgress?(step: number, steps: number): void;
  onPreview?(audio: Float32Array, step: number): void | Promise<void>;
  /** Between steps: may yield to the event loop, and throws to cancel. */
  checkpoint?(): void | Promise<void>;
}

export interface LoadedPack {
  manifest: Manifest;
  tokenizer: PromptTokenizer;
  run: Record<RequiredRole, SessionRunner> & Partial<Record<OptionalRole, SessionRunner>>;
}

const lastDim = (pack: LoadedPack, role: SessionRole, name: string): number => {
  const spec = sessionSpec(pack.manifest, role).inputs.find((i) => i.name === name);
  const dim = spec?.shape.at(-1);
  if (typeof dim !== 'number')
    throw new Error(`The pack's ${role} session has no fixed width for its input "${name}".`);
  return dim;
};

/** Latent frames for a duration, and the samples they decode to. */
export function framesFor(manifest: Manifest, seconds: number): { frames: number; samples: number } {
  const a = manifest.audio;
  const frames = Math.max(1, Math.round(seconds * a.latent_rate));
  return { frames, samples: frames * a.mel_frames_per_latent * a.hop };
}

async function decode(pack: LoadedPack, latent: Float32Array, frames: number): Promise<Float32Array> {
  const c = pack.manifest.audio.latent_channels;
  const mel = output(await pack.run.vae_decoder({ latent: f32(latent, [1, c, frames]) }, { keep: ['mel'] }), 'mel');
  try {
    return output(await pack.run.vocoder({ mel }), 'waveform').data as Float32Array;
  } finally {
    release(mel);
  }
}

/** The sync encoder's input for `frames` latent frames: the picture's frame shown at each (the last one held past
 * its end), [1, frames, 3, size, size]. */
export function pictureAtLatentRate(manifest: Manifest, video: VideoFrames, frames: number): TensorData {
  const size = manifest.video.frame_size;
  if (video.size !== size)
    throw new Error(`The video frames are ${video.size} pixels square; this pack's sync encoder reads ${size}.`);
  const each = 3 * size * size;
  const count = Math.floor(video.pixels.length / each);
  if (count === 0) throw new Error('The video job holds no frames.');
  const out = new Float32Array(frames * each);
  for (let f = 0; f < frames; f++) {
    const shown = Math.min(count - 1, Math.floor(((f + 0.5) / manifest.audio.latent_rate) * video.fps));
    out.set(video.pixels.subarray(shown * each, (shown + 1) * each), f * each);
  }
  return f32(out, [1, frames, 3, size, size]);
}

/** The picture's sync features for both halves of the guidance batch (guidance is on the text), zero without one. */
async function syncFeatures(pack: LoadedPack, frames: number, video?: VideoFrames): Promise<TensorData> {
  const syncDim = lastDim(pack, 'dit', 'sync_features');
  if (!video) return f32(new Float32Array(2 * frames * syncDim), [2, frames, syncDim]);
  const picture = pictureAtLatentRate(pack.manifest, video, frames);
  return twice(output(await pack.run.sync_encoder({ video: picture }), 'sync_features'));
}

/** The picture from `seconds` into it on (a later window's share of a long job). */
export function videoFrom(video: VideoFrames, seconds: number): VideoFrames {
  const each = 3 * video.size * video.size;
  const count = Math.floor(video.pixels.length / each);
  const first = Math.min(count - 1, Math.floor(seconds * video.fps));
  return { ...video, pixels: video.pixels.subarray(first * each) };
}

/** c_low for both halves of the guidance batch (the unconditional half keeps the source: guidance is on the text). */
async function lowConditions(
  pack: LoadedPack,
  frames: number,
  samples: number,
  source?: Float32Array,
  video?: VideoFrames,
) {
  const melDim = lastDim(pack, 'dit', 'mel_features');
  const sync = await syncFeatures(pack, frames, video);
  if (!source) return { mel: f32(new Float32Array(2 * frames * melDim), [2, frames, melDim]), sync, present: 0 };
  const padded = new Float32Array(samples);
  padded.set(source.subarray(0, samples));
  const mel = output(
    await pack.run.mel_frontend({ waveform: twice(f32(padded, [1, samples])) }, { keep: ['mel'] }),
    'mel',
  );
  try {
    return {
      mel: output(await pack.run.mel_encoder({ mel }, { keep: ['mel_features'] }), 'mel_features'),
      sync,
      present: 1,
    };
  } finally {
    release(mel);
  }
}

/** Audio the sampler holds (inpainting): the window's samples, and per latent frame 1 where they are known. */
export interface KnownAudio {
  audio: Float32Array;
  frames: Uint8Array;
}

/** The known audio through the pack's VAE encoder, as the sampler's latent and mask ([channels, frames] flat). */
async function knownLatent(pack: LoadedPack, known: KnownAudio, frames: number, samples: number) {
  const c = pack.manifest.audio.latent_channels;
  const padded = new Float32Array(samples);
  padded.set(known.audio.subarray(0, samples));
  const mel = output(await pack.run.mel_frontend({ waveform: f32(padded, [1, samples]) }, { keep: ['mel'] }), 'mel');
  let encoded: TensorData;
  try {
    encoded = output(await pack.run.vae_encoder({ mel }), 'latent');
  } finally {
    release(mel);
  }
  const have = encoded.dims[2];
  const data = encoded.data as Float32Array;
  const latent = new Float32Array(c * frames);
  const mask = new Float32Array(c * frames);
  for (let ch = 0; ch < c; ch++)
    for (let f = 0; f < Math.min(frames, have); f++) {
      latent[ch * frames + f] = data[ch * have + f];
      mask[ch * frames + f] = known.frames[f] ?? 0;
    }
  return { latent, mask };
}

/** Generates (or edits) one window; returns mono samples at the pack's rate. With `known`, the sampler holds the
 * known frames' latent and the model fills the others to fit them. */
export async function generateWindow(
  pack: LoadedPack,
  request: GenerateRequest,
  callbacks: PipelineCallbacks = {},
  known?: KnownAudio,
): Promise<Float32Array> {
  const { manifest } = pack;
  const task = manifest.tasks.find((t) => t.id === request.taskId);
  if (!task)
    throw new Error(
      `This pack offers no task "${request.taskId}" (it offers ${manifest.tasks.map((t) => t.id).join(', ')}).`,
    );
  if (task.conditions.includes('video') && !request.video)
    throw new Error(`"${task.label}" hears the picture: the job must hold the video's frames.`);
  const { frames, samples } = framesFor(manifest, request.seconds);
  const c = manifest.audio.latent_channels;

  // Condition encoders run once per job, at the guidance batch of 2; on WebGPU their outputs stay on the GPU and
  // feed every DiT step from there.
  const tokens = pack.tokenizer.encode(task.prefix + request.text);
  const textStates = output(
    await pack.run.text_encoder(
      {
        input_ids: twice(i64(tokens.inputIds, [1, tokens.inputIds.length])),
        attention_mask: twice(i64(tokens.attentionMask, [1, tokens.attentionMask.length])),
      },
      { keep: ['text_states'] },
    ),
    'text_states',
  );
  const transcript = output(
    await pack.run.transcript_encoder({ chars: i64(new BigInt64Array(2), [2, 1]) }, { keep: ['transcript_states'] }),
    'transcript_states',
  );
  const low = await lowConditions(pack, frames, samples, request.source, request.video).catch((e) => {
    release(textStates, transcript);
    throw e;
  });
  const conditions = {
    text_states: textStates,
    text_mask: twice(f32(Float32Array.from(tokens.attentionMask, Number), [1, tokens.attentionMask.length])),
    transcript_states: transcript,
    transcript_mask: f32(new Float32Array(2), [2, 1]),
    mel_features: low.mel,
    sync_features: low.sync,
    text_present: f32(new Float32Array([1, 0]), [2]),
    low_present: f32(new Float32Array([low.present, low.present]), [2]),
  };

  let step = 0;
  try {
    const held = known ? await knownLatent(pack, known, frames, samples) : undefined;
    const latent = await sampleFlow({
      known: held,
      size: c * frames,
      steps: request.steps,
      shift: request.shift,
      guidanceScale: request.guidanceScale,
      seed: request.seed,
      previewEvery: request.previewEvery,
      checkpoint: callbacks.checkpoint,
      async predict(x, t) {
        const batch: TensorData = twice(f32(x, [1, c, frames]));
        const v = output(
          await pack.run.dit({ ...conditions, x_t: batch, t: f32(new Float32Array([t, t]), [2]) }),
          'velocity',
        );
        callbacks.onProgress?.(++step, request.steps);
        return { cond: item(v, 0), uncond: item(v, 1) };
      },
      onPreview: callbacks.onPreview
        ? async (s, _t, x0) => callbacks.onPreview!(await decode(pack, x0, frames), s)
        : undefined,
    });
    return await decode(pack, latent, frames);
  } finally {
    // A finished, failed or cancelled job frees the GPU memory its conditions held.
    release(textStates, transcript, low.mel);
  }
}

/** One tiny job right after loading, so WebGPU compiles its shaders before the user's first job, not during it. */
export async function warmUp(pack: LoadedPack): Promise<void> {
  const a = pack.manifest.audio;
  const seconds = (2 * a.mel_frames_per_latent * a.hop) / a.sample_rate;
  await generateWindow(pack, {
    taskId: pack.manifest.tasks[0].id,
    text: 'warm up',
    seconds,
    steps: 1,
    guidanceScale: 1,
    shift: 1,
    seed: 0,
  });
}

/** The input through the pack's own VAE and vocoder: what the model would give back if it changed nothing. Edits
 * compare their output with it to find what they changed (src/dsp/spectral-edit.ts). */
export async function reconstruct(pack: LoadedPack, source: Float32Array): Promise<Float32Array> {
  const a = pack.manifest.audio;
  const unit = a.hop * a.mel_frames_per_latent;
  const samples = Math.max(unit, Math.ceil(source.length / unit) * unit);
  const padded = new Float32Array(samples);
  padded.set(source);
  const mel = output(await pack.run.mel_frontend({ waveform: f32(padded, [1, samples]) }, { keep: ['mel'] }), 'mel');
  try {
    const latent = output(await pack.run.vae_encoder({ mel }), 'latent');
    return (await decode(pack, latent.data as Float32Array, latent.dims[2])).slice(0, source.length);
  } finally {
    release(mel);
  }
}
