import { useEffect, useState } from 'react';
import { IN_TUNE_CENTS, type TunerReading, tunerReading } from '../../dsp/tuner';
import { METER_BUFFER } from '../../playback/meter';
import { useServices, useStudio } from '../studio-context';

const READ_EVERY_MS = 100;
const HEARD_SECONDS = 0.1;

/** A chromatic tuner on the input, as a DAW's tuner on a record-armed track: while the microphone is monitored or
 * recorded, the note it hears and how many cents off, green within 5 cents; a dash where it hears no one pitch. */
export function Tuner() {
  const { recorder } = useServices();
  const listening = useStudio((s) => s.recording || s.monitoring);
  const [reading, setReading] = useState<TunerReading | null>(null);

  useEffect(() => {
    if (!listening) return setReading(null);
    const buffer = new Float32Array(METER_BUFFER);
    const timer = setInterval(() => {
      const tap = recorder.meterTaps()[0];
      if (!tap) return setReading(null);
      tap.getFloatTimeDomainData(buffer);
      const rate = tap.context.sampleRate;
      setReading(tunerReading(buffer.subarray(-Math.round(HEARD_SECONDS * rate)), rate));
    }, READ_EVERY_MS);
    return () => clearInterval(timer);
  }, [listening, recorder]);

  if (!listening) return null;
  const inTune = reading !== null && Math.abs(reading.cents) <= IN_TUNE_CENTS;
  const cents = reading ? `${reading.cents > 0 ? '+' : reading.cents < 0 ? '−' : '±'}${Math.abs(reading.cents)}¢` : '';
  return (
    <span
      className={`tuner${inTune ? ' in-tune' : ''}`}
      data-testid="tuner"
      data-note={reading?.note ?? ''}
      data-cents={reading?.cents ?? ''}
      title="Tuner: the note the input is nearest and how many cents off (green: within 5 cents)"
    >
      {reading ? (
        <>
          <b>{reading.note}</b> {cents}
          <span className="tuner-scale">
            <span className="tuner-needle" style={{ left: `${50 + reading.cents}%` }} />
          </span>
        </>
      ) : (
        '♪ –'
      )}
    </span>
  );
}
