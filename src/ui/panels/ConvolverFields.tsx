/** A convolution reverb's settings: its impulse (built in, or a file loaded), pre-delay, low and high cut, reverse,
 * its level, wet only. */
import { useEffect, useMemo, useRef } from 'react';
import {
  BUILT_IN_IMPULSES,
  type BuiltInImpulse,
  heardImpulse,
  HIGH_CUT_HZ,
  impulseEnvelopeDb,
  impulseSeconds,
  LOW_CUT_HZ,
  PREDELAY_MS,
} from '../../dsp/convolution';
import { NumberField } from '../NumberField';
import { NoteSync } from '../toolbar/NoteSync';
import type { TrackEffect } from '../../dsp/effect-chain';
import { impulseFromSelection, impulseFromSweep, loadImpulse } from '../../app/impulse';
import { impulsesOf, missingImpulses } from '../../project/impulses';
import { useServices, useStudio } from '../studio-context';
import { ReverbLevel } from './fx-common';

const LOADED = 'loaded';
const AUDIO_FILES = 'audio/*,.wav,.flac,.aif,.aiff,.mp3,.ogg,.m4a';

export function ConvolverFields({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'convolver' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  const services = useServices();
  const picker = useRef<HTMLInputElement>(null);
  const { impulse } = effect;
  const loaded = 'assetId' in impulse ? impulse : null;
  const [missing] = missingImpulses([effect], services.assets);
  const load = async (file: File | undefined) => {
    const next = file && (await loadImpulse(services, file));
    if (next) change({ impulse: next });
  };
  return (
    <div className="fx-fields">
      <label className="param" title="The space (or cabinet) the sound is heard in">
        Impulse
        <select
          data-testid={id('impulse')}
          value={'builtIn' in impulse ? impulse.builtIn : LOADED}
          onChange={(e) => {
            if (e.target.value !== LOADED) change({ impulse: { builtIn: e.target.value as BuiltInImpulse } });
          }}
        >
          {Object.entries(BUILT_IN_IMPULSES).map(([key, { name }]) => (
            <option key={key} value={key}>
              {name} (built in)
            </option>
          ))}
          {loaded && <option value={LOADED}>{loaded.name}</option>}
        </select>
      </label>
      <button
        type="button"
        data-testid={id('load-impulse')}
        title="An impulse response file (WAV, FLAC...): a room, a hall, a plate, a speaker cabinet"
        onClick={() => picker.current?.click()}
      >
        Load impulse…
      </button>
      <button
        type="button"
        data-testid={id('impulse-selection')}
        title="The selected part of a track as the impulse: a clap and its decay recorded in a room, an impulse placed on a track"
        onClick={() => {
          const next = impulseFromSelection(services);
          if (next) change({ impulse: next });
        }}
      >
        From selection
      </button>
      <button
        type="button"
        data-testid={id('impulse-sweep')}
        title="Measure a room or a piece of gear: play a chirp (Signal…) there and record it; select the chirp's track and the recording's under it, from the chirp's start until the room has died away"
        onClick={async () => {
          const next = await impulseFromSweep(services);
          if (next) change({ impulse: next });
        }}
      >
        From a sweep
      </button>
      <input
        ref={picker}
        type="file"
        hidden
        accept={AUDIO_FILES}
        data-testid={id('impulse-file')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file chosen again loads again
          void load(file);
        }}
      />
      {missing !== undefined ? (
        <p className="hint error" data-testid={id('impulse-missing')}>
          "{missing}" is not in this project: only the dry sound plays. Load it again.
        </p>
      ) : (
        <span className="hint" data-testid={id('impulse-length')}>
          {impulseSeconds(impulse).toFixed(2)} s long
        </span>
      )}
      <ImpulsePicture effect={effect} testId={id('impulse-picture')} />
      <NumberField
        label="Pre-delay (ms)"
        value={effect.predelayMs ?? 0}
        bounds={PREDELAY_MS}
        step={1}
        testId={id('predelay')}
        onCommit={(predelayMs) => change({ predelayMs })}
      />
      <NoteSync
        testId={id('predelay-sync')}
        label="The pre-delay"
        inHz={false}
        range={{ min: PREDELAY_MS.min / 1000, max: PREDELAY_MS.max / 1000 }}
        apply={(seconds) => change({ predelayMs: Math.round(seconds * 1000) })}
      />
      <NumberField
        label="Low cut (Hz, 0 off)"
        value={effect.lowCutHz ?? 0}
        bounds={LOW_CUT_HZ}
        step={10}
        testId={id('low-cut')}
        onCommit={(lowCutHz) => change({ lowCutHz })}
      />
      <NumberField
        label="High cut (Hz)"
        value={effect.highCutHz ?? HIGH_CUT_HZ.max}
        bounds={HIGH_CUT_HZ}
        step={100}
        testId={id('high-cut')}
        onCommit={(highCutHz) => change({ highCutHz: highCutHz < HIGH_CUT_HZ.max ? highCutHz : undefined })}
      />
      <label className="param" title="The impulse played backwards: each sound swells up into silence">
        Reverse
        <input
          type="checkbox"
          data-testid={id('reverse')}
          checked={effect.reverse ?? false}
          onChange={(e) => change({ reverse: e.target.checked || undefined })}
        />
      </label>
      <ReverbLevel effect={effect} id={id} change={change} />
    </div>
  );
}

const PICTURE = { width: 240, height: 40, floorDb: -60 };

/** The impulse as the reverb hears it (its first channel, shaped by the settings): its level over its length, from
 * its peak down to -60 dB, as a convolution reverb draws its impulse. */
function ImpulsePicture({ effect, testId }: { effect: Extract<TrackEffect, { kind: 'convolver' }>; testId: string }) {
  const { assets } = useServices();
  const rate = useStudio((s) => s.project.sampleRate);
  const canvas = useRef<HTMLCanvasElement>(null);
  const envelope = useMemo(() => {
    const heard = heardImpulse(effect, rate, 1, impulsesOf([effect], assets));
    return heard ? impulseEnvelopeDb(heard.channels[0], PICTURE.width) : null;
  }, [effect, rate, assets]);
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    const { width, height, floorDb } = PICTURE;
    g.clearRect(0, 0, width, height);
    if (!envelope) return;
    g.fillStyle = getComputedStyle(canvas.current!).color;
    envelope.forEach((db, x) => {
      const top = (db / floorDb) * height;
      g.fillRect(x, top, 1, height - top);
    });
  }, [envelope]);
  return (
    <canvas
      ref={canvas}
      className="impulse-picture"
      width={PICTURE.width}
      height={PICTURE.height}
      data-testid={testId}
      aria-label="The impulse's level over its length"
    />
  );
}
