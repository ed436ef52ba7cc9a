import { useCallback, useEffect, useState } from 'react';
import { chooseInput } from '../../app/record';
import { type AudioInput, MicRecorder } from '../../playback/recorder';
import { useServices, useStudio } from '../studio-context';

/** The microphone to record from, as Audacity's device toolbar: the browser's inputs, listed again whenever one is
 * plugged in or out and when the list is opened (their names appear once the page may use the microphone). */
export function InputPicker() {
  const services = useServices();
  const chosen = useStudio((s) => s.inputDevice);
  const recording = useStudio((s) => s.recording);
  const [inputs, setInputs] = useState<AudioInput[]>([]);
  const refresh = useCallback(() => void MicRecorder.inputs().then(setInputs), []);

  useEffect(() => {
    refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, [refresh]);

  // A device chosen in an earlier session that is not plugged in is still shown, so the choice is not lost silently.
  const missing = chosen && !inputs.some((i) => i.id === chosen);
  return (
    <select
      className="input-picker"
      data-testid="input-device"
      aria-label="Record from"
      title="Record from this input"
      value={chosen}
      disabled={recording}
      onFocus={refresh}
      onChange={(e) => void chooseInput(services, e.target.value)}
    >
      <option value="">Default input</option>
      {inputs.map((input) => (
        <option key={input.id} value={input.id}>
          {input.label}
        </option>
      ))}
      {missing && <option value={chosen}>Input not connected</option>}
    </select>
  );
}
