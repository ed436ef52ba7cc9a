import { RATIO, THRESHOLD_DB } from '../../dsp/compressor';
import { MAKEUP_DB, partReading, type TrackEffect } from '../../dsp/effect-chain';
import { EQ_BAND_NAMES, EQ_GAIN_DB, EQ_HZ, EQ_Q, type EqBand } from '../../dsp/equalizer';
import { DEESS_HZ, DEESS_REDUCTION_DB, DEESS_THRESHOLD_DB } from '../../dsp/deess';
import { DISTORTION_OUTPUT_DB, type DistortionCurve, DRIVE_DB } from '../../dsp/distortion';
import { ECHO_DECAY, ECHO_DELAY_SECONDS } from '../../dsp/echo';
import { FILTER_HZ, type FilterType } from '../../dsp/filters';
import { GATE_REDUCTION_DB, GATE_THRESHOLD_DB } from '../../dsp/gate';
import { CEILING_DB, RELEASE_MS } from '../../dsp/limiter';
import { CHORUS_DEPTH_MS, MOD_DEPTH, MOD_RATE_HZ, PHASER_FEEDBACK } from '../../dsp/modulation';
import { BAND_NAMES, type BandDynamics, CROSSOVER_HZ, type Multiband, MULTIBAND_MAKEUP_DB } from '../../dsp/multiband';
import { DECAY_SECONDS } from '../../dsp/reverb';
import { MONO_BELOW_HZ, WIDTH_PCT } from '../../dsp/stereo-width';
import { SHAPE_PCT } from '../../dsp/transient';
import { effectBusChannels } from '../../project/mixdown';
import { useServices, useStudio } from '../studio-context';
import { NumberField } from '../NumberField';
import { NoteSync } from '../toolbar/NoteSync';
import { EqCurve } from './EqCurve';
import { TuneFields } from './TuneFields';
import { ConvolverFields } from './ConvolverFields';
import { automated, ReverbLevel, WetOnly } from './fx-common';

/** The settings of one track effect; `change` lands a patch of them (refused ones are said by the caller). */
export function TrackEffectFields({
  effect,
  slot,
  change,
  keys,
}: {
  effect: TrackEffect;
  slot: number;
  change: (patch: Partial<TrackEffect>) => void;
  /** The tracks a compressor here may take as its sidechain key (a track's effects only). */
  keys?: { id: string; name: string }[];
}) {
  const sampleRate = useStudio((s) => s.project.sampleRate);
  const id = (field: string) => `fx-${field}-${slot}`;
  switch (effect.kind) {
    case 'eq':
      return <EqFields bands={effect.bands} sampleRate={sampleRate} id={id} change={(bands) => change({ bands })} />;
    case 'filter':
      return (
        <div className="fx-fields">
          <label className="param">
            Type
            <select
              data-testid={id('type')}
              value={effect.type}
              onChange={(e) => change({ type: e.target.value as FilterType })}
            >
              <option value="highpass">High-pass (takes away under)</option>
              <option value="lowpass">Low-pass (takes away over)</option>
            </select>
          </label>
          <NumberField
            label={`Frequency (Hz)${automated(effect, 'hz')}`}
            value={effect.hz}
            bounds={FILTER_HZ}
            step={1}
            testId={id('hz')}
            onCommit={(hz) => change({ hz })}
          />
        </div>
      );
    case 'compressor':
      return (
        <div className="fx-fields">
          <NumberField
            label={`Threshold (dBFS)${automated(effect, 'thresholdDb')}`}
            value={effect.thresholdDb}
            bounds={THRESHOLD_DB}
            step={1}
            testId={id('threshold')}
            onCommit={(thresholdDb) => change({ thresholdDb })}
          />
          <NumberField
            label="Ratio (:1)"
            value={effect.ratio}
            bounds={RATIO}
            step={0.5}
            testId={id('ratio')}
            onCommit={(ratio) => change({ ratio })}
          />
          <NumberField
            label="Make-up gain (dB)"
            value={effect.makeupDb}
            bounds={MAKEUP_DB}
            step={0.5}
            testId={id('makeup')}
            onCommit={(makeupDb) => change({ makeupDb })}
          />
          {keys && (
            <label className="param" title="The sound the compressor listens to: its own, or another track's (ducking)">
              Key (sidechain)
              <select
                data-testid={id('key')}
                value={effect.key ?? ''}
                onChange={(e) => change({ key: e.target.value || undefined })}
              >
                <option value="">Its own sound</option>
                {keys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <GainReduction reading={effect.id} testId={id('reduction')} />
        </div>
      );
    case 'limiter':
      return (
        <div className="fx-fields">
          <NumberField
            label="Ceiling (dBFS)"
            value={effect.ceilingDb}
            bounds={CEILING_DB}
            step={0.1}
            testId={id('ceiling')}
            onCommit={(ceilingDb) => change({ ceilingDb })}
          />
          <NumberField
            label="Release (ms)"
            value={effect.releaseMs}
            bounds={RELEASE_MS}
            step={1}
            testId={id('release')}
            onCommit={(releaseMs) => change({ releaseMs })}
          />
          <GainReduction reading={effect.id} testId={id('reduction')} />
        </div>
      );
    case 'gate':
      return (
        <div className="fx-fields">
          <NumberField
            label="Threshold (dBFS)"
            value={effect.thresholdDb}
            bounds={GATE_THRESHOLD_DB}
            step={1}
            testId={id('threshold')}
            onCommit={(thresholdDb) => change({ thresholdDb })}
          />
          <NumberField
            label="Reduction (dB)"
            value={effect.reductionDb}
            bounds={GATE_REDUCTION_DB}
            step={1}
            testId={id('gate-reduction')}
            onCommit={(reductionDb) => change({ reductionDb })}
          />
          <GainReduction reading={effect.id} testId={id('reduction')} />
        </div>
      );
    case 'multiband':
      return <MultibandFields effect={effect} id={id} change={change} />;
    case 'transient':
      return <TransientFields effect={effect} id={id} change={change} />;
    case 'deess':
      return (
        <div className="fx-fields">
          <NumberField
            label="Frequency (Hz, sibilance over)"
            value={effect.hz}
            bounds={DEESS_HZ}
            step={100}
            testId={id('hz')}
            onCommit={(hz) => change({ hz })}
          />
          <NumberField
            label="Threshold (dBFS)"
            value={effect.thresholdDb}
            bounds={DEESS_THRESHOLD_DB}
            step={1}
            testId={id('threshold')}
            onCommit={(thresholdDb) => change({ thresholdDb })}
          />
          <NumberField
            label="Reduction (dB, at most)"
            value={effect.maxReductionDb}
            bounds={DEESS_REDUCTION_DB}
            step={1}
            testId={id('most')}
            onCommit={(maxReductionDb) => change({ maxReductionDb })}
          />
          <label className="param" title="Hear only what it takes away, to set the frequency and threshold by ear">
            Listen
            <input
              type="checkbox"
              data-testid={id('listen')}
              checked={effect.listen ?? false}
              onChange={(e) => change({ listen: e.target.checked || undefined })}
            />
          </label>
          <GainReduction reading={effect.id} testId={id('reduction')} />
        </div>
      );
    case 'distortion':
      return <DistortionFields effect={effect} id={id} change={change} />;
    case 'width':
      return <WidthFields effect={effect} id={id} change={change} />;
    case 'tremolo':
    case 'phaser':
    case 'chorus':
    case 'flanger':
      return <ModulationFields effect={effect} id={id} change={change} />;
    case 'echo':
      return (
        <div className="fx-fields">
          <NumberField
            label="Delay (s)"
            value={effect.delaySeconds}
            bounds={ECHO_DELAY_SECONDS}
            step={0.001}
            testId={id('delay')}
            onCommit={(delaySeconds) => change({ delaySeconds })}
          />
          <NoteSync
            testId={id('delay-sync')}
            label="The echo's delay"
            inHz={false}
            range={ECHO_DELAY_SECONDS}
            apply={(delaySeconds) => change({ delaySeconds })}
          />
          <NumberField
            label="Each repeat (× the last)"
            value={effect.decay}
            bounds={ECHO_DECAY}
            step={0.05}
            testId={id('decay')}
            onCommit={(decay) => change({ decay })}
          />
          <WetOnly on={effect.wetOnly ?? false} testId={id('wet-only')} change={(wetOnly) => change({ wetOnly })} />
        </div>
      );
    case 'reverb':
      return (
        <div className="fx-fields">
          <NumberField
            label="Decay (s, RT60)"
            value={effect.decaySeconds}
            bounds={DECAY_SECONDS}
            step={0.1}
            testId={id('decay')}
            onCommit={(decaySeconds) => change({ decaySeconds })}
          />
          <ReverbLevel effect={effect} id={id} change={change} />
        </div>
      );
    case 'convolver':
      return <ConvolverFields effect={effect} id={id} change={change} />;
    case 'tune':
      return <TuneFields effect={effect} id={id} change={change} />;
  }
}

/** A multiband compressor's crossovers, each band's threshold and ratio with its gain reduction, the make-up gain. */
function MultibandFields({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'multiband' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  const setBand = (b: number, patch: Partial<BandDynamics>) =>
    change({ bands: effect.bands.map((band, k) => (k === b ? { ...band, ...patch } : band)) as Multiband['bands'] });
  return (
    <div className="fx-fields">
      <NumberField
        label="Lows up to (Hz)"
        value={effect.lowHz}
        bounds={CROSSOVER_HZ}
        step={10}
        testId={id('low-hz')}
        onCommit={(lowHz) => change({ lowHz })}
      />
      <NumberField
        label="Highs from (Hz)"
        value={effect.highHz}
        bounds={CROSSOVER_HZ}
        step={100}
        testId={id('high-hz')}
        onCommit={(highHz) => change({ highHz })}
      />
      {effect.bands.map((band, b) => (
        <div className="fx-band" key={BAND_NAMES[b]} role="group" aria-label={BAND_NAMES[b]}>
          <span>{BAND_NAMES[b]}</span>
          <NumberField
            label="dBFS"
            value={band.thresholdDb}
            bounds={THRESHOLD_DB}
            step={1}
            testId={id(`threshold${b}`)}
            onCommit={(thresholdDb) => setBand(b, { thresholdDb })}
          />
          <NumberField
            label="Ratio"
            value={band.ratio}
            bounds={RATIO}
            step={0.5}
            testId={id(`ratio${b}`)}
            onCommit={(ratio) => setBand(b, { ratio })}
          />
          <BandReduction reading={partReading(effect.id, b)} testId={id(`reduction${b}`)} />
          <button
            type="button"
            className="fx-band-solo"
            data-testid={id(`solo${b}`)}
            aria-pressed={effect.solo === b}
            title={`Hear the ${BAND_NAMES[b].toLowerCase()} alone`}
            onClick={() => change({ solo: effect.solo === b ? undefined : b })}
          >
            S
          </button>
        </div>
      ))}
      <NumberField
        label="Make-up gain (dB)"
        value={effect.makeupDb}
        bounds={MULTIBAND_MAKEUP_DB}
        step={0.5}
        testId={id('makeup')}
        onCommit={(makeupDb) => change({ makeupDb })}
      />
    </div>
  );
}

/** A transient shaper's attack and sustain, and the gain it gives now. */
function TransientFields({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'transient' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  const db = useStudio((s) => s.effectReadings[effect.id]);
  return (
    <div className="fx-fields">
      <NumberField
        label="Attack (%, − softer, + harder)"
        value={effect.attackPct}
        bounds={SHAPE_PCT}
        step={5}
        testId={id('attack')}
        onCommit={(attackPct) => change({ attackPct })}
      />
      <NumberField
        label="Sustain (%, − shorter, + longer)"
        value={effect.sustainPct}
        bounds={SHAPE_PCT}
        step={5}
        testId={id('sustain')}
        onCommit={(sustainPct) => change({ sustainPct })}
      />
      <div className="param" title="How far the shaper turns the sound up (+) or down (−) now">
        Gain
        <output data-testid={id('gain')}>
          {db === undefined ? '–' : `${db > 0.05 ? '+' : db < -0.05 ? '−' : ''}${Math.abs(db).toFixed(1)} dB`}
        </output>
      </div>
    </div>
  );
}

/** Distortion's curve, drive and output level. */
function DistortionFields({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'distortion' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  return (
    <div className="fx-fields">
      <label className="param">
        Curve
        <select
          data-testid={id('curve')}
          value={effect.curve}
          onChange={(e) => change({ curve: e.target.value as DistortionCurve })}
        >
          <option value="soft">Soft (tanh: tape, overdrive)</option>
          <option value="tube">Tube (even harmonics too)</option>
          <option value="hard">Hard (clipped flat: fuzz)</option>
        </select>
      </label>
      <NumberField
        label={`Drive (dB)${automated(effect, 'driveDb')}`}
        value={effect.driveDb}
        bounds={DRIVE_DB}
        step={1}
        testId={id('drive')}
        onCommit={(driveDb) => change({ driveDb })}
      />
      <NumberField
        label="Output (dBFS)"
        value={effect.outputDb}
        bounds={DISTORTION_OUTPUT_DB}
        step={1}
        testId={id('output')}
        onCommit={(outputDb) => change({ outputDb })}
      />
    </div>
  );
}

/** Stereo width, bass mono and a correlation meter; a mono track is told it has no width to change. */
function WidthFields({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'width' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  const correlation = useStudio((s) => s.effectReadings[effect.id]);
  const track = useStudio((s) => s.project.tracks.find((t) => t.id === s.effectsHost));
  const { assets } = useServices();
  const mono = track !== undefined && effectBusChannels(track, assets) === 1;
  return (
    <div className="fx-fields">
      {mono && (
        <p className="hint" data-testid={id('mono')}>
          A mono track has no width to change: its left and right are one sound (correlation 1).
        </p>
      )}
      <NumberField
        label={`Width (%)${automated(effect, 'widthPct')}`}
        value={effect.widthPct}
        bounds={WIDTH_PCT}
        step={5}
        testId={id('width')}
        onCommit={(widthPct) => change({ widthPct })}
      />
      <NumberField
        label="Mono below (Hz, 0 off)"
        value={effect.monoBelowHz}
        bounds={MONO_BELOW_HZ}
        step={10}
        testId={id('mono-below')}
        onCommit={(monoBelowHz) => change({ monoBelowHz })}
      />
      <div className="param" title="How alike left and right are: 1 mono, 0 unrelated, under 0 cancels in mono">
        Correlation
        <meter min={-1} max={1} low={0} optimum={1} value={correlation ?? 1} aria-label="Correlation" />
        <output data-testid={id('correlation')}>{correlation === undefined ? '–' : correlation.toFixed(2)}</output>
      </div>
    </div>
  );
}

/** A tremolo's, phaser's, chorus's or flanger's LFO rate and depth, and the phaser's or flanger's feedback or the
 * chorus's mix. */
function ModulationFields({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'tremolo' | 'phaser' | 'chorus' | 'flanger' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  return (
    <div className="fx-fields">
      <NumberField
        label="Rate (Hz)"
        value={effect.rateHz}
        bounds={MOD_RATE_HZ}
        step={0.05}
        testId={id('rate')}
        onCommit={(rateHz) => change({ rateHz })}
      />
      <NoteSync
        testId={id('rate-sync')}
        label={`The ${effect.kind}'s rate`}
        inHz
        range={MOD_RATE_HZ}
        apply={(rateHz) => change({ rateHz })}
      />
      {effect.kind === 'chorus' ? (
        <>
          <NumberField
            label="Depth (± ms)"
            value={effect.depthMs}
            bounds={CHORUS_DEPTH_MS}
            step={0.5}
            testId={id('depth')}
            onCommit={(depthMs) => change({ depthMs })}
          />
          <NumberField
            label="Mix"
            value={effect.mix}
            bounds={MOD_DEPTH}
            step={0.05}
            testId={id('mix')}
            onCommit={(mix) => change({ mix })}
          />
        </>
      ) : (
        <NumberField
          label={`Depth${automated(effect, 'depth')}`}
          value={effect.depth}
          bounds={MOD_DEPTH}
          step={0.05}
          testId={id('depth')}
          onCommit={(depth) => change({ depth })}
        />
      )}
      {(effect.kind === 'phaser' || effect.kind === 'flanger') && (
        <NumberField
          label="Feedback"
          value={effect.feedback}
          bounds={PHASER_FEEDBACK}
          step={0.05}
          testId={id('feedback')}
          onCommit={(feedback) => change({ feedback })}
        />
      )}
    </div>
  );
}

/** A compressor's, a limiter's, a gate's or a de-esser's gain reduction as it plays, as a DAW's GR meter: a bar and the dB (nothing
 * while stopped). */
function GainReduction({ reading, testId }: { reading: string; testId: string }) {
  const db = useStudio((s) => s.effectReadings[reading]);
  return (
    <div className="param" title="How far the effect is turning the sound down now">
      Gain reduction
      <meter min={0} max={24} value={db ?? 0} aria-label="Gain reduction" />
      <output data-testid={testId}>{reductionText(db)}</output>
    </div>
  );
}

/** A gain reduction read from the audio thread, as "−3.2 dB" (a dash while stopped). */
const reductionText = (db: number | undefined): string =>
  db === undefined ? '–' : `${db > 0.05 ? '−' : ''}${db.toFixed(1)} dB`;

/** A band's gain reduction as it plays, in a band's row: the dB alone (nothing while stopped). */
function BandReduction({ reading, testId }: { reading: string; testId: string }) {
  const db = useStudio((s) => s.effectReadings[reading]);
  return (
    <output data-testid={testId} title="How far the band is being turned down now" className="fx-band-reduction">
      {reductionText(db)}
    </output>
  );
}

/** The curve and each band's frequency, gain and Q, as the Equalizer panel has them (its presets are the card's). */
function EqFields({
  bands,
  sampleRate,
  id,
  change,
}: {
  bands: EqBand[];
  sampleRate: number;
  id: (field: string) => string;
  change: (bands: EqBand[]) => void;
}) {
  const host = useStudio((s) => s.effectsHost);
  const setBand = (i: number, patch: Partial<EqBand>) =>
    change(bands.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  return (
    <div className="fx-fields">
      <EqCurve bands={bands} sampleRate={sampleRate} testId={id('curve')} host={host} />
      {bands.map((band, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the bands are fixed slots, edited in place
        <div className="fx-band" key={i} role="group" aria-label={`Band ${i + 1}: ${EQ_BAND_NAMES[band.type]}`}>
          <span>{EQ_BAND_NAMES[band.type]}</span>
          <NumberField
            label="Hz"
            value={band.hz}
            bounds={EQ_HZ}
            step={1}
            testId={id(`hz${i}`)}
            onCommit={(hz) => setBand(i, { hz })}
          />
          <NumberField
            label="dB"
            value={band.gainDb}
            bounds={EQ_GAIN_DB}
            step={0.5}
            testId={id(`gain${i}`)}
            onCommit={(gainDb) => setBand(i, { gainDb })}
          />
          <NumberField
            label="Q"
            value={band.q}
            bounds={EQ_Q}
            step={0.1}
            testId={id(`q${i}`)}
            onCommit={(q) => setBand(i, { q })}
          />
        </div>
      ))}
    </div>
  );
}
