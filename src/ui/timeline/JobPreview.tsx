import type { JobView } from '../../store/studio-store';
import { sampleToPx, TRACK_HEIGHT } from './geometry';
import { PeaksWaveform } from './PeaksWaveform';

/** Where a model job's result will land, with the waveform of its latest preview filling in as the sampler runs. */
export function JobPreview({ job, scale }: { job: JobView; scale: { sampleRate: number; pxPerSec: number } }) {
  const width = Math.max(2, sampleToPx(job.target.length, scale));
  return (
    <div
      className="job-preview"
      data-testid="job-preview"
      data-job-id={job.id}
      data-preview-step={job.preview?.step ?? 0}
      style={{ left: sampleToPx(job.target.start, scale), width }}
      title={`${job.label}: ${job.status}`}
    >
      {job.preview && (
        <PeaksWaveform
          peaks={job.preview.peaks}
          duration={job.target.length / scale.sampleRate}
          widthPx={width}
          height={TRACK_HEIGHT - 8}
          testId="job-preview-waveform"
          color="#5aa0ff"
        />
      )}
      <span>{job.status === 'queued' ? `${job.label} (queued)` : `${job.label} ${job.step}/${job.steps}`}</span>
    </div>
  );
}
