import { useEffect, useRef, useState } from 'react';
import { METER_FLOOR_DB, PEAK_WINDOW, PeakMeter } from '../../playback/meter';
import { useServices, useStudio } from '../studio-context';

/** A track's own level as it plays, as a DAW's channel meter: the peak of its left and right after its gain and pan,
 * falling back 20 dB a second, a strip up the header's right edge (the level meter beside the clock reads the mix);
 * an effect bus's (`trackId` its id) after its fader, on its mixer strip. */
export function TrackMeter({ trackId, name }: { trackId: string; name: string }) {
  const { player } = useServices();
  return <LevelMeter taps={() => player.trackMeterTaps(trackId)} name={name} />;
}

/** The mix's level on the master's mixer strip: the master meter's taps, after the master fader and effects. */
export function MasterMeter() {
  const { player } = useServices();
  return <LevelMeter taps={() => player.meterTaps()} name="the master" />;
}

/** The peak of the last PEAK_WINDOW samples each of `taps` holds (a tap may hold more: its newest are read). */
function LevelMeter({ taps: tapsNow, name }: { taps: () => readonly AnalyserNode[]; name: string }) {
  const playing = useStudio((s) => s.playing);
  const [meter] = useState(() => new PeakMeter());
  const [db, setDb] = useState(-Number.POSITIVE_INFINITY);
  const taps = useRef(tapsNow);
  taps.current = tapsNow;

  useEffect(() => {
    if (!playing) {
      setDb(-Number.POSITIVE_INFINITY);
      return;
    }
    const both = new Float32Array(2 * PEAK_WINDOW);
    const scratch = new Map<number, Float32Array<ArrayBuffer>>();
    let frame = 0;
    const tick = () => {
      both.fill(0);
      taps.current().forEach((tap, c) => {
        const all = scratch.get(tap.fftSize) ?? new Float32Array(tap.fftSize);
        scratch.set(tap.fftSize, all);
        tap.getFloatTimeDomainData(all);
        both.set(all.subarray(all.length - PEAK_WINDOW), c * PEAK_WINDOW);
      });
      setDb(meter.read(both, performance.now() / 1000).db);
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [playing, meter]);

  const shown = Number.isFinite(db) ? db.toFixed(1) : '-∞';
  const fill = Math.max(0, Math.min(100, (100 * (db - METER_FLOOR_DB)) / -METER_FLOOR_DB));
  return (
    <div
      className="track-meter"
      data-testid="track-meter"
      data-db={shown}
      role="meter"
      aria-label={`Level of ${name}`}
      aria-valuemin={METER_FLOOR_DB}
      aria-valuemax={0}
      aria-valuenow={Number.isFinite(db) ? db : METER_FLOOR_DB}
      aria-valuetext={`${shown} dBFS`}
      title={`${name}: ${shown} dBFS`}
    >
      <div className="track-meter-fill" style={{ height: `${fill}%` }} />
    </div>
  );
}
