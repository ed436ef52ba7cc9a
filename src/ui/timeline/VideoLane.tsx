import type { ProjectVideo } from '../../project/types';
import { HEADER_WIDTH, sampleToPx } from './geometry';

/** The project's video as a strip of thumbnails over the timeline, from 0 s to its end. */
export function VideoLane({ video, scale }: { video: ProjectVideo; scale: { sampleRate: number; pxPerSec: number } }) {
  const width = sampleToPx(video.seconds * scale.sampleRate, scale);
  const each = width / Math.max(1, video.thumbnails.length);
  return (
    <div className="video-row" data-testid="video-lane">
      <div className="video-header" style={{ width: HEADER_WIDTH }} title={video.name}>
        🎞 {video.name}
      </div>
      <div className="video-strip" style={{ width }}>
        {video.thumbnails.map((src, i) =>
          src ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: thumbnails are a fixed series over time
            <img key={i} src={src} alt="" data-testid="video-thumbnail" style={{ width: each }} />
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <span key={i} style={{ width: each }} />
          ),
        )}
      </div>
    </div>
  );
}
