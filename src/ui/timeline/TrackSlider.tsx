import { type KeyboardEvent, useRef } from 'react';
import { laneValueAt } from '../../app/automation-writer';
import { changeTrack, type Gesture, startGesture } from '../../app/project-commands';
import type { RiddenLane } from '../../playback/lane-rides';
import type { Track } from '../../project/types';
import { SLIDER_KEYS } from '../slider-keys';
import { useServices, useStudio } from '../studio-context';

interface Props {
  track: Track;
  /** The lane the slider writes while the track plays in Touch or Latch. */
  lane: RiddenLane;
  testId: string;
  /** What the slider is called with its value (the track's own, or the level the lane gives it as it is written). */
  text: (value: number, writing: boolean) => string;
  range: { min: number; max: number; step: number };
  /** The track's own setting (its gain in dB, its pan) and the change that sets it, named `historyLabel`. */
  value: number;
  patch: (value: number) => Partial<Track>;
  historyLabel: string;
  /** The slider's value as the lane's (a gain, a pan), and back. */
  toLane: (value: number) => number;
  fromLane: (lane: number) => number;
  /** Why it cannot be moved now (the pan follows its lane), where it cannot. */
  locked?: string;
}

/**
 * A track's gain or pan slider. A drag (or a run of key presses) is one undo step. While the track plays in Touch or
 * Latch the slider shows what its lane gives at the playhead, as a DAW's fader follows its automation, and pressing
 * it writes the lane (src/app/automation-writer.ts) instead of changing the track's own setting.
 */
export function TrackSlider({
  track,
  lane,
  testId,
  text,
  range,
  value,
  patch,
  historyLabel,
  toLane,
  fromLane,
  locked,
}: Props) {
  const { store, writer } = useServices();
  const drag = useRef<Gesture | null>(null);
  const key = `${track.id} ${lane}`;
  const written = useStudio((s) =>
    s.playing && (s.automationModes[track.id] ?? 'read') !== 'read'
      ? fromLane(s.riding[key]?.value ?? laneValueAt(track, lane, s.playhead))
      : null,
  );
  const writing = written !== null;
  const shown = Math.max(range.min, Math.min(range.max, written ?? value));

  const press = () => {
    if (drag.current || store.getState().riding[key] !== undefined) return;
    const { riding, playhead } = store.getState();
    const value = riding[key]?.value ?? laneValueAt(track, lane, playhead);
    if (!writer.press(track.id, lane, value)) drag.current = startGesture(store);
  };
  const release = () => {
    writer.release(track.id, lane);
    drag.current?.end(historyLabel);
    drag.current = null;
  };
  const keyed = (handle: () => void) => (e: KeyboardEvent) => {
    if (SLIDER_KEYS.has(e.key)) handle();
  };
  const change = (to: number) => {
    if (store.getState().riding[key] !== undefined) writer.move(track.id, lane, toLane(to));
    else changeTrack(store, track.id, historyLabel, patch(to));
  };

  return (
    <label className="track-slider" data-writing={writing || undefined}>
      {text(shown, writing)}
      <input
        type="range"
        disabled={locked !== undefined && !writing}
        title={
          writing
            ? `Writes the ${lane} lane while held (${writingMode(store.getState().automationModes[track.id])})`
            : locked
        }
        data-testid={testId}
        min={range.min}
        max={range.max}
        step={range.step}
        value={shown}
        onPointerDown={press}
        onPointerUp={release}
        onKeyDown={keyed(press)}
        onKeyUp={keyed(release)}
        onChange={(e) => change(Number(e.target.value))}
      />
    </label>
  );
}

const writingMode = (mode: string | undefined) =>
  mode === 'latch' ? 'Latch: on until playback stops' : 'Touch: until let go';
