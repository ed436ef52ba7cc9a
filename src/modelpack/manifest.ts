/** The model-pack manifest (written by training/omni_model/packing/export.py), validated on load with errors that name the field. */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'omni-studio-pack';
export const SUPPORTED_VERSIONS = [1] as const;

const dimension = z.union([z.string().min(1), z.number().int().positive()]);
const tensorSpec = z.object({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'int64', 'float16']),
  shape: z.array(dimension),
});
const fileRef = z.object({
  file: z.string().min(1),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256'),
});

/** The sessions every pack has. */
export const SESSION_ROLES = [
  'text_encoder',
  'transcript_encoder',
  'mel_frontend',
  'mel_encoder',
  'sync_encoder',
  'dit',
  'vae_encoder',
  'vae_decoder',
  'vocoder',
] as const;
/** Sessions a pack may add: the text-queried separator (remove and extract that keep the recording) and the sound
 * event detector (what is heard, and when). */
export const OPTIONAL_ROLES = ['separator', 'detector'] as const;
export type RequiredRole = (typeof SESSION_ROLES)[number];
export type OptionalRole = (typeof OPTIONAL_ROLES)[number];
export type SessionRole = RequiredRole | OptionalRole;

const session = fileRef.extend({
  // A pack ships the variants it wants (the default pack only int8, to keep its download small); at least one.
  dtypes: z
    .object({ fp32: fileRef.optional(), fp16: fileRef.optional(), int8: fileRef.optional() })
    .refine((d) => d.fp32 ?? d.fp16 ?? d.int8, 'a session needs at least one of fp32, fp16 or int8'),
  inputs: z.array(tensorSpec).min(1),
  outputs: z.array(tensorSpec).min(1),
  golden: z.string().optional(),
});

/** How a window made around known audio uses it: continuing it (known on one side) or filling a gap (both). */
export const IN_CONTEXT_USES = ['continue', 'fill'] as const;
export type InContextUse = (typeof IN_CONTEXT_USES)[number];

const task = z.object({
  id: z.string().min(1),
  family: z.enum(['generate', 'edit', 'understand']),
  label: z.string().min(1),
  prefix: z.string(),
  template: z.string().min(1),
  conditions: z.array(z.enum(['text', 'source', 'transcript', 'voice', 'video'])).min(1),
  // The DiT was taught this task in context (training/omni_model/train/in_context.py): the windows that continue
  // audio (known on one side: Extend) or fill a gap in it (known on both: Regenerate a region) send the audio around
  // the part as the source, besides holding its latent; the pack lists the uses its benchmarks found better.
  in_context: z.array(z.enum(IN_CONTEXT_USES)).min(1).optional(),
});

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.number().int(),
  name: z.string().min(1),
  pack_version: z.string().min(1),
  description: z.string(),
  licence: z.string().min(1),
  credits: z.array(z.string()),
  bytes: z.number().int().positive(),
  variant_bytes: z.record(z.string(), z.number().int().positive()).optional(),
  audio: z.object({
    sample_rate: z.number().int().min(8000).max(96000),
    channels: z.number().int().min(1).max(2),
    hop: z.number().int().positive(),
    n_fft: z.number().int().positive(),
    n_mels: z.number().int().positive(),
    latent_rate: z.number().positive(),
    latent_channels: z.number().int().positive(),
    mel_frames_per_latent: z.number().int().positive(),
    window_seconds: z.number().positive(),
    crossfade_seconds: z.number().nonnegative(),
  }),
  flow: z.object({
    time: z.enum(['1->0', '0->1']),
    prediction: z.enum(['velocity']),
    interpolation: z.string(),
    clean_estimate: z.string(),
  }),
  sampler: z.object({
    steps: z.number().int().min(1).max(1000),
    guidance_scale: z.number().min(0).max(50),
    shift: z.number().positive(),
  }),
  text: z.object({
    tokenizer: z.string().min(1),
    tokenizer_config: z.string().min(1),
    max_tokens: z.number().int().positive(),
    layer: z.number().int(),
    golden: z.string().optional(),
  }),
  /** The prompt and transcript the goldens were computed from (for people reading the pack; the studio ignores it). */
  golden_text: z.object({ prompt: z.string(), transcript: z.string() }).optional(),
  transcript: z.object({ encoding: z.literal('utf8-bytes-plus-1'), max_chars: z.number().int().positive() }),
  video: z.object({ frame_size: z.number().int().positive(), frames_per_second: z.number().positive() }),
  sessions: z.object({
    ...(Object.fromEntries(SESSION_ROLES.map((r) => [r, session])) as Record<RequiredRole, typeof session>),
    ...(Object.fromEntries(OPTIONAL_ROLES.map((r) => [r, session.optional()])) as Record<
      OptionalRole,
      z.ZodOptional<typeof session>
    >),
  }),
  tasks: z.array(task).min(1),
  /** How the studio runs the separator, where the pack has one (training/omni_model/packing/export.py SEPARATION). */
  separation: z
    .object({
      tasks: z.array(z.enum(['remove', 'extract'])).min(1),
      n_fft: z.number().int().positive(),
      hop: z.number().int().positive(),
      /** The selection is brought to this RMS level (dBFS) with one gain before it is separated. */
      input_dbfs: z.number().max(0),
      window_seconds: z.number().positive(),
      context_seconds: z.number().nonnegative(),
      presence_threshold: z.number().min(0).max(1),
      min_present_seconds: z.number().nonnegative(),
    })
    .optional(),
  /** How the studio runs the detector and draws its regions, where the pack has one (export.py DETECTION). */
  understanding: z
    .object({
      detector: z.object({
        /** The selection is brought to this RMS level (dBFS) with one gain before it is analysed. */
        input_dbfs: z.number().max(0),
        window_seconds: z.number().positive(),
        context_seconds: z.number().nonnegative(),
        /** One output frame's length: the detector's probabilities are per frame. */
        frame_seconds: z.number().positive(),
        /** A region needs a frame whose (smoothed) probability is at least this ... */
        threshold: z.number().min(0).max(1),
        /** ... and lasts while it stays at least this (hysteresis; the threshold when absent). */
        release: z.number().min(0).max(1).optional(),
        /** Probabilities are smoothed by a running median this long before thresholding (none when absent). */
        smooth_seconds: z.number().nonnegative().optional(),
        /** Pauses up to this long do not split a region ... */
        bridge_seconds: z.number().nonnegative(),
        /** ... and regions shorter than this are not shown. */
        min_seconds: z.number().nonnegative(),
        /** Frames quieter than this (RMS before the input gain, dBFS) hold no sound (not gated when absent). */
        silence_dbfs: z.number().max(0).optional(),
        /** A user's words mean a label when their text embeddings' cosine (centred) is at least this. */
        match_similarity: z.number().min(-1).max(1).optional(),
        /** The vocabulary, in the order of the session's output; `words[0]` names the sound in an edit. */
        labels: z
          .array(
            z.object({
              id: z.string().min(1),
              name: z.string().min(1),
              /** The label's family in the pack's taxonomy ('music', 'animals', ...): music labels make a clip worth a
               * tempo and a key. */
              family: z.string().min(1).optional(),
              words: z.array(z.string().min(1)).min(1),
            }),
          )
          .min(1),
      }),
    })
    .optional(),
  model_config: z.record(z.string(), z.unknown()),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type SessionSpec = Manifest['sessions'][RequiredRole];
export type SeparationSettings = NonNullable<Manifest['separation']>;
export type DetectionSettings = NonNullable<Manifest['understanding']>['detector'];

/** The roles this pack ships, required and optional. */
export const packRoles = (manifest: Manifest): SessionRole[] => [
  ...SESSION_ROLES,
  ...OPTIONAL_ROLES.filter((r) => manifest.sessions[r]),
];

/** A role's session spec (every role packRoles returns has one). */
export const sessionSpec = (manifest: Manifest, role: SessionRole): SessionSpec => {
  const spec = manifest.sessions[role];
  if (!spec) throw new Error(`This pack has no ${role} session.`);
  return spec;
};

export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(
    message: string,
    readonly fields: string[],
  ) {
    super(message);
  }
}

/** Parses and validates a manifest; every problem is reported with the path of the field it concerns. */
export function parseManifest(json: unknown): Manifest {
  if (
    typeof json === 'object' &&
    json !== null &&
    'version' in json &&
    (json as { format?: unknown }).format === MANIFEST_FORMAT
  ) {
    const version = (json as { version: unknown }).version;
    if (typeof version === 'number' && !(SUPPORTED_VERSIONS as readonly number[]).includes(version)) {
      throw new ManifestError(
        `This studio reads pack manifests of version ${SUPPORTED_VERSIONS.join(', ')}; this pack's is version ${version}. Update the studio or use another pack.`,
        ['version'],
      );
    }
  }
  const result = manifestSchema.safeParse(json);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => i.path.join('.') || '(root)');
  const details = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ManifestError(
    `The pack manifest is invalid: ${details.join('; ')}${result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : ''}.`,
    fields,
  );
}

/** The uses of known audio around a part that `taskId` was taught (none for a task not taught in context). */
export const inContextUses = (manifest: Manifest, taskId: string): readonly InContextUse[] =>
  manifest.tasks.find((t) => t.id === taskId)?.in_context ?? [];
