import { useEffect, useState } from 'react';
import { METER_FLOOR_DB, type MeterReading, PeakMeter } from '../../playback/meter';
import { useServices, useStudio } from '../studio-context';

const SILENT: MeterReading = {
  db: -Number.POSITIVE_INFINITY,
  holdDb: -Number.POSITIVE_INFINITY,
  clipped: false,
  rmsDb: -Number.POSITIVE_INFINITY,
};
const NAMES = ['L', 'R'];

const shown = (db: number) => (db > -Number.POSITIVE_INFINITY ? db.toFixed(1) : '-∞');
const width = (db: number) => `${Math.max(0, Math.min(100, (100 * (db - METER_FLOOR_DB)) / -METER_FLOOR_DB))}%`;

/** The level meter: left and right peaks as bars with the RMS level inside them, the held peak in dBFS beside them, and a clip light that a click puts
 * out. It reads the microphone while recording, else the player's taps on the mix while something plays (a mono
 * input shows on the left alone). */
export function LevelMeter() {
  const { player, recorder } = useServices();
  const recording = useStudio((s) => s.recording);
  const sounding = useStudio((s) => s.playing || s.previewing || s.recording);
  const [meters] = useState(() => [new PeakMeter(), new PeakMeter()]); // made once, not on every frame's render
  const [readings, setReadings] = useState<MeterReading[]>([SILENT, SILENT]);

  useEffect(() => {
    if (!sounding) {
      setReadings((last) =>
        last.map((r) => ({ ...r, db: -Number.POSITIVE_INFINITY, rmsDb: -Number.POSITIVE_INFINITY })),
      );
      return;
    }
    let frame = 0;
    const buffer = new Float32Array(2048);
    const tick = () => {
      const now = performance.now() / 1000;
      const taps = recording ? recorder.meterTaps() : player.meterTaps();
      setReadings(
        meters.map((meter, c) => {
          if (!taps[c]) return SILENT;
          taps[c].getFloatTimeDomainData(buffer);
          return meter.read(buffer, now);
        }),
      );
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [sounding, recording, player, recorder, meters]);

  const reset = () => {
    for (const m of meters) m.reset();
    setReadings((last) => last.map((r) => ({ ...r, holdDb: -Number.POSITIVE_INFINITY, clipped: false })));
  };
  return (
    <button
      type="button"
      className="meter"
      data-testid="meter"
      title="Peak level (bar, held peak in dBFS) and RMS level (inner bar) of what plays, or of the microphone while recording (click to reset the clip lights)"
      onClick={reset}
    >
      {readings.map((r, c) => (
        <span className="meter-row" key={NAMES[c]}>
          {NAMES[c]}
          <span className="meter-track">
            <span className="meter-bar" style={{ width: width(r.db) }} />
            <span
              className="meter-rms"
              data-testid={`meter-${c}-rms`}
              data-db={shown(r.rmsDb)}
              style={{ width: width(r.rmsDb) }}
            />
          </span>
          <span className="meter-db" data-testid={`meter-${c}-db`}>
            {shown(r.holdDb)}
          </span>
          <span
            className={`meter-clip${r.clipped ? ' on' : ''}`}
            data-testid={`meter-${c}-clip`}
            data-clipped={r.clipped}
            title={r.clipped ? 'Clipped: a sample reached full scale' : 'No clipping'}
          />
        </span>
      ))}
    </button>
  );
}
