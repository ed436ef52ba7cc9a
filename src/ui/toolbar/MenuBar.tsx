import { ActionButton } from './ActionButton';
import { InputPicker } from './InputPicker';
import { TracksMenu } from './TracksMenu';
import { useStudio } from '../studio-context';

/** File and edit commands, grouped as a menu bar of buttons. */
export function MenuBar() {
  const recording = useStudio((s) => s.recording);
  const monitoring = useStudio((s) => s.monitoring);
  const hearing = useStudio((s) => s.hearInput);
  const envelope = useStudio((s) => s.tool === 'envelope');
  const snap = useStudio((s) => s.snap);
  const follow = useStudio((s) => s.followPlayback);
  const clipping = useStudio((s) => s.showClipping);
  const macroRecording = useStudio((s) => s.macro.recording);
  return (
    <nav className="menubar" aria-label="Commands">
      <div className="group" role="group" aria-label="File">
        <ActionButton name="import" text="Import" />
        <ActionButton name="projects" text="Projects…" />
        <ActionButton name="saveProject" text="Save" />
        <ActionButton name="record" text={recording ? '■ Stop recording' : '● Record'} pressed={recording} />
        <ActionButton name="punchIn" text="Punch in" />
        <InputPicker />
        <ActionButton name="monitor" text="Monitor" pressed={monitoring} />
        <ActionButton name="hearInput" text="Hear" pressed={hearing} />
        <ActionButton name="export" text="Export" />
        <ActionButton name="newTrack" text="+ Track" />
        <ActionButton name="mixAndRender" text="Render" />
        <ActionButton name="splitStereo" text="Split stereo" />
        <ActionButton name="makeStereo" text="Make stereo" />
        <TracksMenu />
        <ActionButton name="generate" text="✦ Generate" />
        <ActionButton name="generateSignal" text="Signal…" />
        <ActionButton name="macro" text={macroRecording ? '● Macro…' : 'Macro…'} pressed={macroRecording} />
        <ActionButton name="models" text="Model" />
      </div>
      <div className="group" role="group" aria-label="Edit">
        <ActionButton name="undo" />
        <ActionButton name="redo" />
        <ActionButton name="history" text="History…" />
        <ActionButton name="cut" text="Cut" />
        <ActionButton name="copy" text="Copy" />
        <ActionButton name="paste" />
        <ActionButton name="delete" />
        <ActionButton name="trim" text="Trim" />
        <ActionButton name="insertSilence" text="Insert silence" />
        <ActionButton name="silenceAudio" text="Silence audio" />
        <ActionButton name="split" text="Split" />
        <ActionButton name="zeroCrossings" text="Zero x" />
        <ActionButton name="snap" text="Snap" pressed={snap} />
        <ActionButton name="envelopeTool" text="Envelope" pressed={envelope} />
        <ActionButton name="resetEnvelope" text="Reset envelope" />
        <ActionButton name="makeLoop" text="Loop" />
        <ActionButton name="extendForward" text="Extend" />
        <ActionButton name="regenerateRegion" text="Regenerate" />
      </div>
      <div className="group" role="group" aria-label="Understand">
        <ActionButton name="analyze" text="Analyze" />
        <ActionButton name="ask" text="Ask" />
        <ActionButton name="statistics" text="Loudness" />
        <ActionButton name="spectrum" text="Spectrum" />
        <ActionButton name="labelEditor" text="Labels…" />
        <ActionButton name="exportLabels" text="Labels .txt" />
        <ActionButton name="exportLabelsJson" text="Labels .json" />
        <ActionButton name="saveMidi" text="MIDI" />
      </div>
      <div className="group" role="group" aria-label="View">
        <ActionButton name="mixer" text="Mixer" />
        <ActionButton name="followPlayback" text="Follow" pressed={follow} />
        <ActionButton name="showClipping" text="Clipping" pressed={clipping} />
        <ActionButton name="help" text="?" />
      </div>
    </nav>
  );
}
