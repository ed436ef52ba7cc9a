import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { laneValueAt } from '../app/automation-writer';
import { type Gesture, startGesture } from '../app/project-commands';
import type { RiddenLane } from '../playback/lane-rides';
import { SLIDER_KEYS } from './slider-keys';
import { useServices, useStudio } from './studio-context';

interface Props {
  /** Whose slider: a track's id, or the master's. */
  host: string;
  /** The lane the slider writes while its host plays in Touch or Latch (none: a setting with no lane, as a bus's
   * pan, which the slider only ever changes). */
  lane?: RiddenLane;
  testId: string;
  /** What the slider is called with its value (its host's own setting, or the level the lane gives as it plays). */
  text: (value: number, writing: boolean) => ReactNode;
  range: { min: number; max: number; step: number };
  /** The host's own setting (a gain in dB, a pan), and what sets it (previewed during a drag, which lands as one
   * undo step named `historyLabel`). */
  value: number;
  set: (value: number) => void;
  historyLabel: string;
  /** The slider's value as the lane's (a gain, a pan), and back (where unsaid, the same). */
  toLane?: (value: number) => number;
  fromLane?: (lane: number) => number;
  /** Why it cannot be moved now (the pan follows its lane), where it cannot. */
  locked?: string;
  className?: string;
  onDoubleClick?: () => void;
}

/**
 * A fader or pan slider of a track or the master. A drag (or a run of key presses) is one undo step. While its host
 * plays in Touch or Latch the slider shows what its lane gives at the playhead, as a DAW's fader follows its
 * automation, and pressing it writes the lane (src/app/automation-writer.ts) instead of changing the setting itself.
 */
export function WritableSlider({
  host,
  lane,
  testId,
  text,
  range,
  value,
  set,
  historyLabel,
  toLane = same,
  fromLane = same,
  locked,
  className = 'track-slider',
  onDoubleClick,
}: Props) {
  const { store, writer } = useServices();
  const drag = useRef<Gesture | null>(null);
  const key = `${host} ${lane}`;
  const written = useStudio((s) =>
    lane && s.playing && (s.automationModes[host] ?? 'read') !== 'read'
      ? fromLane(s.riding[key]?.value ?? laneValueAt(s.project, host, lane, s.playhead))
      : null,
  );
  const writing = written !== null;
  const shown = Math.max(range.min, Math.min(range.max, written ?? value));

  const press = () => {
    if (drag.current || store.getState().riding[key] !== undefined) return;
    const { riding, playhead, project } = store.getState();
    const writes = lane && writer.press(host, lane, riding[key]?.value ?? laneValueAt(project, host, lane, playhead));
    if (!writes) drag.current = startGesture(store);
  };
  const release = () => {
    if (lane) writer.release(host, lane);
    drag.current?.end(historyLabel);
    drag.current = null;
  };
  const keyed = (handle: () => void) => (e: KeyboardEvent) => {
    if (SLIDER_KEYS.has(e.key)) handle();
  };
  const change = (to: number) => {
    if (lane && store.getState().riding[key] !== undefined) writer.move(host, lane, toLane(to));
    else set(to);
  };

  return (
    <label className={className} data-writing={writing || undefined}>
      {text(shown, writing)}
      <input
        type="range"
        disabled={locked !== undefined && !writing}
        title={
          writing
            ? `Writes the ${lane?.startsWith('send ') ? 'send' : lane} lane while held (${writingMode(store.getState().automationModes[host])})`
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
        onDoubleClick={onDoubleClick}
      />
    </label>
  );
}

const same = (value: number) => value;

const writingMode = (mode: string | undefined) =>
  mode === 'latch' ? 'Latch: on until playback stops' : 'Touch: until let go';
