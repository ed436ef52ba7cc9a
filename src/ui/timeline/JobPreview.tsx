import type { JobView } from '../../store/studio-store';
import { sampleToPx, TRACK_HEIGHT } from './geometry';

/** Where a model job's result will land, with the waveform of its latest preview filling in as the sampler runs. */
export function JobPreview({ job, scale }: { job: JobView; scale: { sampleRate: number; pxPerSec: number } }) {
  const width = Math.max(2, sampleToPx(job.target.length, scale));
  const peaks = job.preview?.peaks;
  const mid = (TRACK_HEIGHT - 8) / 2;
  const points = peaks
    ? [...peaks]
        .map((p, i) => `${((i + 0.5) / peaks.length) * width},${mid - Math.min(1, p) * mid}`)
        .concat(
          [...peaks]
            .reverse()
            .map((p, i) => `${((peaks.length - i - 0.5) / peaks.length) * width},${mid + Math.min(1, p) * mid}`),
        )
        .join(' ')
    : '';
  return (
    <div
      className="job-preview"
      data-testid="job-preview"
      data-job-id={job.id}
      data-preview-step={job.preview?.step ?? 0}
      style={{ left: sampleToPx(job.target.start, scale), width }}
      title={`${job.label}: ${job.status}`}
    >
      <svg width={width} height={TRACK_HEIGHT - 8} aria-hidden="true">
        {points && <polygon points={points} />}
      </svg>
      <span>{job.status === 'queued' ? `${job.label} (queued)` : `${job.label} ${job.step}/${job.steps}`}</span>
    </div>
  );
}
