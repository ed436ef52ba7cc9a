import { SENSITIVITY } from '../../dsp/declick';
import { RATIO, THRESHOLD_DB } from '../../dsp/compressor';
import { FADE_CURVES } from '../../dsp/fades';
import { CEILING_DB, LIMIT_PEAKS, RELEASE_MS } from '../../dsp/limiter';
import { FILTER_HZ } from '../../dsp/filters';
import { MAINS } from '../../dsp/find-hum';
import { SIMILARITY_RANGE } from '../../dsp/find-similar';
import { DUCK_AMOUNT_DB, DUCK_THRESHOLD_DB } from '../../dsp/duck';
import { CENTER_HZ } from '../../dsp/center';
import { DEESS_HZ, DEESS_REDUCTION_DB, DEESS_THRESHOLD_DB } from '../../dsp/deess';
import { GATE_REDUCTION_DB, GATE_THRESHOLD_DB } from '../../dsp/gate';
import { LEVEL_MAX_GAIN_DB, LEVEL_TARGET_LUFS } from '../../dsp/leveler';
import { RIDE_ABOVE_LU, RIDE_RANGE_DB } from '../../dsp/ride';
import { MATCH_STRENGTH } from '../../dsp/match-pitch';
import { DECAY_SECONDS, WET_DB } from '../../dsp/reverb';
import { ECHO_DECAY, ECHO_DELAY_SECONDS } from '../../dsp/echo';
import { STRETCH_FACTOR, STRETCH_WINDOW_SECONDS } from '../../dsp/paulstretch';
import { DISTORTION_CURVES, DISTORTION_OUTPUT_DB, DRIVE_DB } from '../../dsp/distortion';
import { CHORUS_DEPTH_MS, MOD_DEPTH, MOD_RATE_HZ, PHASER_FEEDBACK } from '../../dsp/modulation';
import { PAUSE_SECONDS, SILENCE_THRESHOLD_DB } from '../../dsp/silence';
import { ATTENUATE_LEVEL_DB } from '../../dsp/attenuate';
import { NOISE_REDUCTION_DB, NOISE_SENSITIVITY_DB } from '../../dsp/noise-reduction';
import { PITCH_SEMITONES, TEMPO_PERCENT } from '../../project/effects';
import { CORRECTION_STRENGTH, HUMANIZE, RETUNE_SPEED_MS, VOICE_RANGES, WITHIN_CENTS } from '../../dsp/pitch-correct';
import { PITCH_FORMANTS } from '../../dsp/psola';
import { BREATH_REDUCTION_DB } from '../../dsp/breaths';
import { CORRECTION_KEYS } from '../../app/pitch-correct';
import type { EditParams } from '../../store/studio-store';
import { useServices, useStudio } from '../studio-context';
import { ActionButton } from './ActionButton';
import { EffectGroup } from './EffectFilter';
import { ParamNoteSync } from './NoteSync';
import { EffectRack, EffectShelves } from './EffectShelves';

function NumberParam({
  label,
  field,
  step,
  min,
  max,
}: {
  label: string;
  field: NumberField;
  step: number;
  min: number;
  max: number;
}) {
  const { store } = useServices();
  const value = useStudio((s) => s.params[field]);
  return (
    <label className="param">
      {label}
      <input
        type="number"
        data-testid={`param-${field}`}
        value={value}
        step={step}
        min={min}
        max={max}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) store.getState().updateParams({ [field]: Math.min(max, Math.max(min, v)) });
        }}
      />
    </label>
  );
}

type Choice =
  | 'fadeCurve'
  | 'humMains'
  | 'limitPeaks'
  | 'distortionCurve'
  | 'correctKey'
  | 'pitchFormants'
  | 'correctVoice';
/** The settings that are one number. */
type NumberField = { [K in keyof EditParams]: EditParams[K] extends number ? K : never }[keyof EditParams];

/** A setting chosen from a list (the fade's curve, the mains De-hum takes out). */
function ChoiceParam<F extends Choice>({
  label,
  field,
  options,
  text = String,
}: {
  label: string;
  field: F;
  options: readonly EditParams[F][];
  text?: (option: EditParams[F]) => string;
}) {
  const { store } = useServices();
  const value = useStudio((s) => s.params[field]);
  return (
    <label className="param">
      {label}
      <select
        data-testid={`param-${field}`}
        value={value}
        onChange={(e) => {
          // A number chosen (a voice's lowest Hz) stays a number.
          const chosen = typeof value === 'number' ? Number(e.target.value) : e.target.value;
          store.getState().updateParams({ [field]: chosen as EditParams[F] });
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Effects on the selection, each beside the setting it uses. */
export function EffectBar() {
  return (
    <div className="effectbar" role="group" aria-label="Effects">
      <EffectShelves />
      <EffectRack>
        <EffectGroup category="volume" actions={['fadeIn', 'fadeOut']}>
          <ChoiceParam label="Curve" field="fadeCurve" options={FADE_CURVES} />
          <ActionButton name="fadeIn" />
          <ActionButton name="fadeOut" />
        </EffectGroup>
        <EffectGroup category="volume" actions={['gain']}>
          <NumberParam label="dB" field="gainDb" step={0.5} min={-60} max={24} />
          <ActionButton name="gain" text="Gain" />
        </EffectGroup>
        <EffectGroup category="volume" actions={['normalizePeak']}>
          <NumberParam label="dBFS" field="peakDb" step={0.5} min={-60} max={0} />
          <ActionButton name="normalizePeak" text="Normalize peak" />
        </EffectGroup>
        <EffectGroup category="volume" actions={['normalizeLoudness', 'matchClipLoudness']}>
          <NumberParam label="LUFS" field="lufs" step={1} min={-60} max={0} />
          <ActionButton name="normalizeLoudness" text="Normalize loudness" />
          <ActionButton name="matchClipLoudness" text="Match clips" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['compress']}>
          <NumberParam label="threshold dBFS" field="compressThresholdDb" step={1} {...THRESHOLD_DB} />
          <NumberParam label="ratio" field="compressRatio" step={0.5} {...RATIO} />
          <ActionButton name="compress" text="Compress" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['gate']}>
          <NumberParam label="gate dBFS" field="gateThresholdDb" step={1} {...GATE_THRESHOLD_DB} />
          <NumberParam label="gate reduce dB" field="gateReductionDb" step={1} {...GATE_REDUCTION_DB} />
          <ActionButton name="gate" text="Noise gate" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['levelSpeech']}>
          <NumberParam label="level LUFS" field="levelTargetLufs" step={1} {...LEVEL_TARGET_LUFS} />
          <NumberParam label="level max dB" field="levelMaxGainDb" step={1} {...LEVEL_MAX_GAIN_DB} />
          <ActionButton name="levelSpeech" text="Level speech" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['rideVocal']}>
          <NumberParam label="ride over LU" field="rideAboveLu" step={1} {...RIDE_ABOVE_LU} />
          <NumberParam label="ride range dB" field="rideRangeDb" step={1} {...RIDE_RANGE_DB} />
          <ActionButton name="rideVocal" text="Ride vocal" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['deess']}>
          <NumberParam label="de-ess Hz" field="deessHz" step={500} {...DEESS_HZ} />
          <NumberParam label="de-ess dBFS" field="deessThresholdDb" step={1} {...DEESS_THRESHOLD_DB} />
          <NumberParam label="de-ess max dB" field="deessReductionDb" step={1} {...DEESS_REDUCTION_DB} />
          <ActionButton name="deess" text="De-ess" />
        </EffectGroup>
        <EffectGroup category="channels" actions={['removeCenter', 'isolateCenter']}>
          <NumberParam label="centre from Hz" field="centerLowHz" step={10} {...CENTER_HZ} />
          <NumberParam label="centre to Hz" field="centerHighHz" step={500} {...CENTER_HZ} />
          <ActionButton name="removeCenter" text="Remove vocals" />
          <ActionButton name="isolateCenter" text="Isolate vocals" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['limit']}>
          <NumberParam label="ceiling dB" field="limitCeilingDb" step={0.5} {...CEILING_DB} />
          <ChoiceParam
            label="of"
            field="limitPeaks"
            options={LIMIT_PEAKS}
            text={(p) => (p === 'true' ? 'true peaks (dBTP)' : 'samples (dBFS)')}
          />
          <NumberParam label="release ms" field="limitReleaseMs" step={10} {...RELEASE_MS} />
          <ActionButton name="limit" text="Limit" />
        </EffectGroup>
        <EffectGroup category="find" actions={['truncateSilence', 'labelSounds']}>
          <NumberParam label="silence dBFS" field="silenceThresholdDb" step={1} {...SILENCE_THRESHOLD_DB} />
          <NumberParam label="longest pause s" field="pauseSeconds" step={0.1} {...PAUSE_SECONDS} />
          <ActionButton name="truncateSilence" text="Truncate silence" />
          <ActionButton name="labelSounds" text="Label sounds" />
        </EffectGroup>
        <EffectGroup category="dynamics" actions={['autoDuck']}>
          <NumberParam label="duck dB" field="duckAmountDb" step={1} {...DUCK_AMOUNT_DB} />
          <NumberParam label="voice over dBFS" field="duckThresholdDb" step={1} {...DUCK_THRESHOLD_DB} />
          <ActionButton name="autoDuck" text="Auto duck" />
        </EffectGroup>
        <EffectGroup category="space" actions={['reverb']}>
          <NumberParam label="decay s" field="reverbDecaySeconds" step={0.1} {...DECAY_SECONDS} />
          <NumberParam label="reverb dB" field="reverbWetDb" step={1} {...WET_DB} />
          <ActionButton name="reverb" text="Reverb" />
        </EffectGroup>
        <EffectGroup category="space" actions={['echo']}>
          <NumberParam label="echo s" field="echoDelaySeconds" step={0.05} {...ECHO_DELAY_SECONDS} />
          <ParamNoteSync field="echoDelaySeconds" range={ECHO_DELAY_SECONDS} />
          <NumberParam label="echo decay" field="echoDecay" step={0.05} {...ECHO_DECAY} />
          <ActionButton name="echo" text="Echo" />
        </EffectGroup>
        <EffectGroup category="time" actions={['paulstretch']}>
          <NumberParam label="stretch x" field="stretchFactor" step={1} {...STRETCH_FACTOR} />
          <NumberParam label="window s" field="stretchWindowSeconds" step={0.05} {...STRETCH_WINDOW_SECONDS} />
          <ActionButton name="paulstretch" text="Paulstretch" />
        </EffectGroup>
        <EffectGroup category="space" actions={['tremolo']}>
          <NumberParam label="tremolo Hz" field="tremoloRateHz" step={0.5} {...MOD_RATE_HZ} />
          <ParamNoteSync field="tremoloRateHz" range={MOD_RATE_HZ} />
          <NumberParam label="tremolo depth" field="tremoloDepth" step={0.1} {...MOD_DEPTH} />
          <ActionButton name="tremolo" text="Tremolo" />
        </EffectGroup>
        <EffectGroup category="space" actions={['phaser']}>
          <NumberParam label="phaser Hz" field="phaserRateHz" step={0.1} {...MOD_RATE_HZ} />
          <ParamNoteSync field="phaserRateHz" range={MOD_RATE_HZ} />
          <NumberParam label="phaser depth" field="phaserDepth" step={0.1} {...MOD_DEPTH} />
          <NumberParam label="feedback" field="phaserFeedback" step={0.1} {...PHASER_FEEDBACK} />
          <ActionButton name="phaser" text="Phaser" />
        </EffectGroup>
        <EffectGroup category="space" actions={['chorus']}>
          <NumberParam label="chorus Hz" field="chorusRateHz" step={0.1} {...MOD_RATE_HZ} />
          <ParamNoteSync field="chorusRateHz" range={MOD_RATE_HZ} />
          <NumberParam label="swing ms" field="chorusDepthMs" step={0.5} {...CHORUS_DEPTH_MS} />
          <NumberParam label="mix" field="chorusMix" step={0.1} {...MOD_DEPTH} />
          <ActionButton name="chorus" text="Chorus" />
        </EffectGroup>
        <EffectGroup category="space" actions={['distortion']}>
          <ChoiceParam label="Distortion" field="distortionCurve" options={DISTORTION_CURVES} />
          <NumberParam label="drive dB" field="distortionDriveDb" step={1} {...DRIVE_DB} />
          <NumberParam label="out dBFS" field="distortionOutputDb" step={1} {...DISTORTION_OUTPUT_DB} />
          <ActionButton name="distortion" text="Distort" />
        </EffectGroup>
        <EffectGroup category="time" actions={['reverse']}>
          <ActionButton name="reverse" />
        </EffectGroup>
        <EffectGroup category="time" actions={['repeat']}>
          <NumberParam label="times" field="repeatTimes" step={1} min={1} max={100} />
          <ActionButton name="repeat" text="Repeat" />
        </EffectGroup>
        <EffectGroup category="channels" actions={['stereoToMono', 'swapChannels', 'invertPolarity']}>
          <ActionButton name="stereoToMono" text="To mono" />
          <ActionButton name="swapChannels" text="Swap L/R" />
          <ActionButton name="invertPolarity" text="Invert" />
        </EffectGroup>
        <EffectGroup category="time" actions={['changePitch']}>
          <NumberParam label="semitones" field="pitchSemitones" step={1} {...PITCH_SEMITONES} />
          <ChoiceParam
            label="formants"
            field="pitchFormants"
            options={PITCH_FORMANTS}
            text={(f) => (f === 'keep' ? 'kept (one voice)' : 'moved (any sound)')}
          />
          <ActionButton name="changePitch" text="Change pitch" />
        </EffectGroup>
        <EffectGroup category="time" actions={['shiftFormants']}>
          <NumberParam label="formant semitones" field="formantSemitones" step={1} {...PITCH_SEMITONES} />
          <ActionButton name="shiftFormants" text="Shift formants" />
        </EffectGroup>
        <EffectGroup
          category="time"
          actions={['correctPitch', 'pitchEditor', 'addDouble', 'alignToGuide', 'matchPitchToGuide']}
        >
          <ChoiceParam
            label="key"
            field="correctKey"
            options={CORRECTION_KEYS}
            text={(k) => (k === 'project' ? "the project's" : k === 'line' ? "the line's own" : k)}
          />
          <NumberParam label="retune ms" field="retuneMs" step={10} {...RETUNE_SPEED_MS} />
          <NumberParam label="strength %" field="correctStrength" step={10} {...CORRECTION_STRENGTH} />
          <NumberParam label="humanize %" field="humanize" step={10} {...HUMANIZE} />
          <NumberParam label="within ¢ (0: all)" field="correctWithin" step={5} {...WITHIN_CENTS} />
          <ChoiceParam
            label="voice"
            field="correctVoice"
            options={VOICE_RANGES.map((r) => r.lowestHz)}
            text={(hz) => VOICE_RANGES.find((r) => r.lowestHz === hz)?.name ?? `from ${hz} Hz`}
          />
          <ActionButton name="correctPitch" text="Correct pitch" />
          <ActionButton name="pitchEditor" text="Pitch editor…" />
          <ActionButton name="addDouble" text="Add double" />
          <ActionButton name="alignToGuide" text="Align to guide" />
          <NumberParam label="match %" field="matchStrength" step={10} {...MATCH_STRENGTH} />
          <ActionButton name="matchPitchToGuide" text="Match pitch" />
        </EffectGroup>
        <EffectGroup category="time" actions={['changeTempo']}>
          <NumberParam label="tempo %" field="tempoPercent" step={5} {...TEMPO_PERCENT} />
          <ActionButton name="changeTempo" text="Change tempo" />
        </EffectGroup>
        <EffectGroup category="time" actions={['changeSpeed']}>
          <NumberParam label="speed %" field="speedPercent" step={5} {...TEMPO_PERCENT} />
          <ActionButton name="changeSpeed" text="Change speed" />
        </EffectGroup>
        <EffectGroup category="time" actions={['matchProject']}>
          <ActionButton name="matchProject" text="Match the project" />
        </EffectGroup>
        <EffectGroup category="eq" actions={['highpass']}>
          <NumberParam label="Hz" field="highpassHz" step={10} {...FILTER_HZ} />
          <ActionButton name="highpass" text="High-pass" />
        </EffectGroup>
        <EffectGroup category="eq" actions={['lowpass']}>
          <NumberParam label="Hz" field="lowpassHz" step={100} {...FILTER_HZ} />
          <ActionButton name="lowpass" text="Low-pass" />
        </EffectGroup>
        <EffectGroup category="eq" actions={['equalizer']}>
          <ActionButton name="equalizer" text="Equalizer…" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['noiseProfile']}>
          <ActionButton name="noiseProfile" text="Noise profile" />
        </EffectGroup>
        <EffectGroup category="eq" actions={['eqReference', 'matchEq']}>
          <ActionButton name="eqReference" text="EQ reference" />
          <ActionButton name="matchEq" text="Match EQ" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['reduceNoise', 'reduceNoiseAdaptive']}>
          <NumberParam label="reduce dB" field="noiseReductionDb" step={1} {...NOISE_REDUCTION_DB} />
          <NumberParam label="over noise dB" field="noiseSensitivityDb" step={1} {...NOISE_SENSITIVITY_DB} />
          <ActionButton name="reduceNoise" text="Reduce noise" />
          <ActionButton name="reduceNoiseAdaptive" text="Reduce noise (adaptive)" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['declip']}>
          <ActionButton name="declip" text="De-clip" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['declick']}>
          <NumberParam
            label="click sensitivity"
            field="clickSensitivity"
            step={1}
            min={SENSITIVITY.min}
            max={SENSITIVITY.max}
          />
          <ActionButton name="declick" text="De-click" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['dehum']}>
          <ChoiceParam label="Hum" field="humMains" options={MAINS} text={(m) => (m === 'auto' ? 'find' : `${m} Hz`)} />
          <ActionButton name="dehum" text="De-hum" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['debreath']}>
          <NumberParam label="breaths dB" field="breathReductionDb" step={3} {...BREATH_REDUCTION_DB} />
          <ActionButton name="debreath" text="De-breath" />
        </EffectGroup>
        <EffectGroup category="restore" actions={['attenuateToSurroundings']}>
          <NumberParam label="to surroundings dB" field="attenuateLevelDb" step={1} {...ATTENUATE_LEVEL_DB} />
          <ActionButton name="attenuateToSurroundings" text="Attenuate to surroundings" />
        </EffectGroup>
        <EffectGroup category="find" actions={['findSimilar', 'attenuateSimilar']}>
          <NumberParam label="similarity" field="similarity" step={0.05} {...SIMILARITY_RANGE} />
          <ActionButton name="findSimilar" text="Find similar" />
          <ActionButton name="attenuateSimilar" text="Attenuate similar" />
        </EffectGroup>
      </EffectRack>
    </div>
  );
}
