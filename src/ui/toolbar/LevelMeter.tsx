import { useEffect, useState } from 'react';
import { momentaryLoudness } from '../../dsp/loudness';
import { METER_BUFFER, METER_FLOOR_DB, type MeterReading, PEAK_WINDOW, PeakMeter } from '../../playback/meter';
import { useServices, useStudio } from '../studio-context';

const SILENT: MeterReading = {
  db: -Number.POSITIVE_INFINITY,
  holdDb: -Number.POSITIVE_INFINITY,
  clipped: false,
  rmsDb: -Number.POSITIVE_INFINITY,
};
const NAMES = ['L', 'R'];
const LOUDNESS_EVERY_S = 0.1;

const shown = (db: number) => (db > -Number.POSITIVE_INFINITY ? db.toFixed(1) : '-∞');
const width = (db: number) => `${Math.max(0, Math.min(100, (100 * (db - METER_FLOOR_DB)) / -METER_FLOOR_DB))}%`;

/** The level meter: left and right peaks as bars with the RMS level inside them, the held peak in dBFS beside them, and a clip light that a click puts
 * out. It reads the microphone while recording or monitoring, else the player's taps on the mix while something plays (a mono
 * input shows on the left alone). */
export function LevelMeter() {
  const { player, recorder } = useServices();
  const listening = useStudio((s) => s.recording || s.monitoring); // the meter reads the microphone
  const sounding = useStudio((s) => s.playing || s.previewing || s.recording || s.monitoring);
  const [meters] = useState(() => [new PeakMeter(), new PeakMeter()]); // made once, not on every frame's render
  const [readings, setReadings] = useState<MeterReading[]>([SILENT, SILENT]);
  const [lufs, setLufs] = useState(-Number.POSITIVE_INFINITY);

  useEffect(() => {
    if (!sounding) {
      setReadings((last) =>
        last.map((r) => ({ ...r, db: -Number.POSITIVE_INFINITY, rmsDb: -Number.POSITIVE_INFINITY })),
      );
      setLufs(-Number.POSITIVE_INFINITY);
      return;
    }
    let frame = 0;
    let lastLoudnessAt = 0;
    const buffers = [new Float32Array(METER_BUFFER), new Float32Array(METER_BUFFER)];
    const tick = () => {
      const now = performance.now() / 1000;
      const taps = listening ? recorder.meterTaps() : player.meterTaps();
      const heard = taps.slice(0, 2).map((tap, c) => {
        tap.getFloatTimeDomainData(buffers[c]);
        return buffers[c];
      });
      setReadings(meters.map((meter, c) => (heard[c] ? meter.read(heard[c].subarray(-PEAK_WINDOW), now) : SILENT)));
      // The momentary loudness ten times a second, as a loudness meter updates.
      if (heard.length && now - lastLoudnessAt >= LOUDNESS_EVERY_S) {
        lastLoudnessAt = now;
        setLufs(momentaryLoudness(heard, taps[0].context.sampleRate));
      }
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [sounding, listening, player, recorder, meters]);

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
      <span className="meter-lufs" data-testid="meter-lufs" title="Momentary loudness (EBU R128: the last 400 ms)">
        M {shown(lufs)} LUFS
      </span>
    </button>
  );
}
