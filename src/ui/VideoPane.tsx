import { useEffect, useRef, useState } from 'react';
import { videoFile } from '../video/video-store';
import { useStudio } from './studio-context';

/** The project's video picture, kept with the playhead: it runs while the timeline plays and follows every seek.
 * Its own sound stays muted (the sound is a track, mixed like any other). */
export function VideoPane() {
  const video = useStudio((s) => s.project.video);
  const playing = useStudio((s) => s.playing);
  const playhead = useStudio((s) => s.playhead);
  const rate = useStudio((s) => s.project.sampleRate);
  const element = useRef<HTMLVideoElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (!video) return;
    let made: string | null = null;
    void videoFile(video.id).then((file) => {
      setMissing(file === null);
      if (file) {
        made = URL.createObjectURL(file);
        setUrl(made);
      }
    });
    return () => {
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [video]);

  useEffect(() => {
    const el = element.current;
    if (!el || !url) return;
    const seconds = playhead / rate;
    if (playing) {
      // Started from where the timeline is, then left to run; a drift over a frame or two is corrected.
      if (el.paused || Math.abs(el.currentTime - seconds) > 0.08) el.currentTime = seconds;
      if (el.paused) void el.play().catch(() => undefined);
    } else {
      el.pause();
      el.currentTime = Math.min(seconds, video?.seconds ?? seconds);
    }
  }, [playing, playhead, rate, url, video]);

  if (!video) return null;
  return (
    <div className="video-pane" data-testid="video-pane">
      {missing ? (
        <p className="muted">The file of "{video.name}" is not in this browser any more: import it again.</p>
      ) : (
        <video ref={element} src={url ?? undefined} muted playsInline preload="auto" data-testid="video-picture" />
      )}
    </div>
  );
}
