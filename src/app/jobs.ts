/** Model jobs as the store shows them: queued, then running with progress (and preview peaks where the job has
 * previews), then gone; a failure, a cancel or a lost GPU is told to the user and leaves the project as it was. */
import { Comlink } from '../client/engine-client';
import { envelope } from '../dsp/peaks';
import type { PackInfo, Preview, Result } from '../protocol/engine-protocol';
import type { JobView, StudioStore } from '../store/studio-store';
import { BUNDLED_PACK, loadFromUrl, reopenOn } from './models';

const PEAKS_PER_SECOND = 50;

let jobCounter = 0;
const newJobId = () => `job-${Date.now().toString(36)}-${++jobCounter}`;

/** The loaded pack, loading the bundled default first if none is (the first visit downloads and caches it). */
export async function ensurePack(store: StudioStore): Promise<PackInfo | null> {
  const current = store.getState().models;
  if (current.pack) return current.pack;
  if (!current.loading) await loadFromUrl(store, BUNDLED_PACK);
  else
    await new Promise<void>((resolve) => {
      const stop = store.subscribe((s) => {
        if (!s.models.loading) {
          stop();
          resolve();
        }
      });
    });
  return store.getState().models.pack;
}

function updateJob(store: StudioStore, id: string, patch: Partial<JobView>): void {
  store.getState().set({ jobs: store.getState().jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) });
}

const removeJob = (store: StudioStore, id: string) =>
  store.getState().set({ jobs: store.getState().jobs.filter((j) => j.id !== id) });

export type OnProgress = (p: { step: number; steps: number }) => void;
export type OnPreview = (preview: Preview) => void;

/** A job as the store shows it before the engine starts it. */
export function queuedJob(kind: JobView['kind'], label: string, target: JobView['target']): JobView {
  const queued = { status: 'queued', step: 0, steps: 0, runningSince: null, preview: null } as const;
  return { id: newJobId(), kind, label, target, queuedAt: Date.now(), ...queued };
}

/** Runs a job in the engine with its progress (and preview peaks, where it has previews) going to the store; returns
 * its value, or null after telling the user why there is none. */
export async function runJob<T>(
  store: StudioStore,
  job: JobView,
  seconds: number,
  pack: PackInfo,
  retry: () => Promise<void>,
  call: (onProgress: OnProgress, onPreview: OnPreview) => Promise<Result<T>>,
): Promise<T | null> {
  const buckets = Math.max(1, Math.ceil(seconds * PEAKS_PER_SECOND));
  const peaks = new Float32Array(2 * buckets); // [max, min] per bucket, as the timeline's envelopes
  const samplesPerBucket = (seconds * pack.sampleRate) / buckets;
  store.getState().set({ jobs: [...store.getState().jobs, job] });
  const onProgress = Comlink.proxy(({ step, steps }: { step: number; steps: number }) => {
    const j = store.getState().jobs.find((x) => x.id === job.id);
    updateJob(store, job.id, { status: 'running', step, steps, runningSince: j?.runningSince ?? Date.now() });
  });
  const onPreview = Comlink.proxy(({ audio, offset, step }: Preview) => {
    const first = Math.floor(offset / samplesPerBucket);
    const last = Math.min(buckets, Math.ceil((offset + audio.length) / samplesPerBucket));
    for (let b = first; b < last; b++) {
      const from = Math.max(0, Math.floor(b * samplesPerBucket - offset));
      const to = Math.min(audio.length, Math.floor((b + 1) * samplesPerBucket - offset));
      // The timeline's own envelope routine, one bucket at a time (the buckets fall on fractional sample positions).
      const [max, min] = to > from ? envelope([audio], to - from, from, to) : [0, 0];
      peaks[2 * b] = max;
      peaks[2 * b + 1] = min;
    }
    updateJob(store, job.id, { preview: { peaks: peaks.slice(), step } });
  });
  try {
    const result = await call(onProgress, onPreview);
    if (result.ok) return result.value;
    if (result.error.code === 'cancelled')
      store.getState().notify('info', `${job.label}: cancelled. The project is as it was.`);
    else if (result.error.code === 'device-lost') {
      store.getState().set({ models: { ...store.getState().models, pack: null } });
      store.getState().notify('error', `${job.label} stopped: ${result.error.message} The project is as it was.`, {
        label: 'Retry on WASM',
        run: () => void reopenOn(store, 'wasm').then(() => (store.getState().models.pack ? retry() : undefined)),
      });
    } else store.getState().notify('error', `${job.label} failed: ${result.error.message} The project is as it was.`);
    return null;
  } finally {
    removeJob(store, job.id);
  }
}
