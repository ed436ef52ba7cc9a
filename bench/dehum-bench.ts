/**
 * De-hum (src/dsp/dehum.ts, through the studio's effect) on the edit evaluation's recordings (a benchmark, not a
 * test): mains hum (a buzz up to 4 kHz whose frequency wanders +-0.03 Hz, src/dsp/dehum.fixture.ts; in the right
 * channel 2 dB lower) is added to each mixture (44.1 kHz stereo, about -20 dBFS) at a given level, found and
 * taken out. With the hum it found, the hum alone and the recording alone go through De-hum as well: how far the
 * hum's energy went down, how much of the recording's went with it (the bands about each harmonic); then how far
 * third-octave band levels sit from the recording's before the hum (bench/band-levels.ts: what a listener would
 * notice, roughly) with the hum and after De-hum, clips it made worse, SDR; beside it a notch filter (2 Hz wide) at each
 * harmonic De-hum found, as a plain notch de-hummer would do. Control: the recordings as they are, where finding
 * hum is a false alarm or a steady line at a mains harmonic in the recording (with how far De-hum would then move
 * the band levels), and told 50 Hz there (a user wrong about hum). Also De-hum told the mains, as a user who hears the
 * hum would set the Hum choice.
 *   (cd training && python -m omni_model.evaluation.marked_cases)   # writes training/data/marked
 *   SETS=dev,real npx tsx bench/dehum-bench.ts [training/data/marked]
 */
import { findHum, type Hum } from '../src/dsp/find-hum';
import { bandLevelDistance, bandLevels } from './band-levels';
import { mainsHum } from '../src/dsp/dehum.fixture';
import { biquad } from '../src/dsp/filters';
import { applyEffect } from '../src/project/effects';
import { db, energy, median, mixturesBySet, sdr } from './marked-cases';

const dir = process.argv[2] ?? 'training/data/marked';
const CONDITIONS = [
  { hz: 50, levelDb: -50 },
  { hz: 60, levelDb: -40 },
  { hz: 49.95, levelDb: -55 },
];

/** The studio's effect over the whole clip. */
function deHum(channels: Float32Array[], rate: number, hum: Hum): { out: Float32Array[]; seconds: number } {
  const piece = { start: 0, length: channels[0].length, channels: channels.map((c) => Float32Array.from(c)) };
  const began = performance.now();
  applyEffect({ kind: 'dehum', hum }, [piece], { start: 0, end: piece.length }, rate);
  return { out: piece.channels, seconds: (performance.now() - began) / 1000 };
}

/** RBJ notches, 2 Hz wide, at each harmonic. */
function notches(channels: Float32Array[], rate: number, hum: Hum): Float32Array[] {
  return channels.map((x) =>
    hum.harmonics.reduce((y, k) => {
      const w = (2 * Math.PI * k * hum.hz) / rate;
      const alpha = Math.sin(w) / (2 * ((k * hum.hz) / 2));
      const a0 = 1 + alpha;
      return biquad(y, {
        b0: 1 / a0,
        b1: (-2 * Math.cos(w)) / a0,
        b2: 1 / a0,
        a1: (-2 * Math.cos(w)) / a0,
        a2: (1 - alpha) / a0,
      });
    }, x),
  );
}

interface Row {
  found: boolean;
  hzError: number;
  /** Hum energy taken out, and programme energy taken with it (under the programme), dB. */
  humDown: number;
  programmeTaken: number;
  before: number;
  after: number;
  /** Third-octave band levels' mean distance from the recording's (bench/band-levels.ts), dB. */
  bandsBefore: number;
  bandsAfter: number;
  bandsNotched: number;
  /** Told the mains (the Hum choice), as a user who hears the hum would. */
  bandsTold: number;
  notchDown: number;
  notchTaken: number;
  speed: number;
}

const pct = (xs: boolean[]) => `${Math.round((100 * xs.filter(Boolean).length) / xs.length)} %`;
const dB = (v: number) => `${v.toFixed(1)} dB`;
const sum = (a: Float32Array[], b: Float32Array[]) => a.map((ch, c) => ch.map((v, n) => v + b[c][n]));

/** De-hum with the Hum choice set to the mains nearest `hz`. */
function toldDeHum(x: Float32Array[], rate: number, hz: number): Float32Array[] {
  const told = findHum(x, rate, Math.abs(hz - 50) < 5 ? '50' : '60');
  return told ? deHum(x, rate, told).out : x;
}

/** De-hum over the hummed recording; and, with the hum it found, over the hum alone and the recording alone. */
function trial(x: Float32Array[], humOnly: Float32Array[], rate: number, trueHz: number): Row {
  const hummed = sum(x, humOnly);
  const found = findHum(hummed, rate);
  const before = sdr(hummed, x);
  const reference = bandLevels(x, rate);
  const bands = (y: Float32Array[]) => bandLevelDistance(bandLevels(y, rate), reference);
  const bandsBefore = bands(hummed);
  const bandsTold = bands(toldDeHum(hummed, rate, trueHz));
  if (!found)
    return {
      ...{ found: false, hzError: NaN, humDown: 0, programmeTaken: -Infinity, before, after: before, speed: NaN },
      ...{
        bandsBefore,
        bandsAfter: bandsBefore,
        bandsNotched: bandsBefore,
        bandsTold,
        notchDown: 0,
        notchTaken: -Infinity,
      },
    };
  const { out, seconds } = deHum(hummed, rate, found);
  const kept = deHum(x, rate, found).out;
  const humLeft = deHum(humOnly, rate, found).out;
  const taken = (left: Float32Array[]) => db(energy(x.map((ch, c) => ch.map((v, n) => v - left[c][n]))), energy(x));
  return {
    found: true,
    hzError: Math.abs(found.hz - trueHz),
    humDown: db(energy(humOnly), energy(humLeft)),
    programmeTaken: taken(kept),
    before,
    after: sdr(out, x),
    bandsBefore,
    bandsAfter: bands(out),
    bandsNotched: bands(notches(hummed, rate, found)),
    bandsTold,
    notchDown: db(energy(humOnly), energy(notches(humOnly, rate, found))),
    notchTaken: taken(notches(x, rate, found)),
    speed: seconds / (x[0].length / rate),
  };
}

function main(): void {
  console.log(
    '| set | hum added | n | found | fundamental error | hum taken out | programme taken with it | band levels off: with hum / de-hummed / notches | made worse (bands) | band levels off with hum where none was found | told the mains: band levels off / made worse | SDR with hum / de-hummed | notches: hum out / programme taken | s per s of audio |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [set, clips] of mixturesBySet(dir)) {
    for (const condition of CONDITIONS) {
      const rows = clips.map(({ rate, x }, i) => {
        const hum = mainsHum(x[0].length, rate, { ...condition, seed: i + 1 });
        return trial(
          x,
          x.map((_, c) => hum.map((v) => v * (c === 0 ? 1 : 0.8))),
          rate,
          condition.hz,
        );
      });
      const hit = rows.filter((r) => r.found);
      const missed = rows.filter((r) => !r.found);
      const med = (f: (r: Row) => number) => (hit.length ? dB(median(hit.map(f))) : '-');
      const all = (f: (r: Row) => number, digits = 1) => `${median(rows.map(f)).toFixed(digits)} dB`;
      console.log(
        `| ${set} | ${condition.hz} Hz at ${condition.levelDb} dBFS | ${rows.length} | ${pct(rows.map((r) => r.found))} | ` +
          `${hit.length ? median(hit.map((r) => r.hzError)).toFixed(3) : '-'} Hz | ${all((r) => r.humDown)} | ` +
          `${med((r) => r.programmeTaken)} | ${all((r) => r.bandsBefore, 2)} / **${all((r) => r.bandsAfter, 2)}** / ${all((r) => r.bandsNotched, 2)} | ` +
          `${pct(rows.map((r) => r.bandsAfter > r.bandsBefore + 0.01))} | ${missed.length ? `${median(missed.map((r) => r.bandsBefore)).toFixed(2)} dB` : '-'} | ` +
          `${all((r) => r.bandsTold, 2)} / ${pct(rows.map((r) => r.bandsTold > r.bandsBefore + 0.01))} | ` +
          `${all((r) => r.before)} / ${all((r) => r.after)} | ` +
          `${med((r) => r.notchDown)} / ${med((r) => r.notchTaken)} | ` +
          `${hit.length ? median(hit.map((r) => r.speed)).toFixed(3) : '-'} |`,
      );
    }
    const alarms = clips.map(({ rate, x }) => {
      const found = findHum(x, rate);
      return found ? bandLevelDistance(bandLevels(deHum(x, rate, found).out, rate), bandLevels(x, rate)) : null;
    });
    const raised = alarms.filter((a): a is number => a !== null);
    const toldWrongly = clips.map(({ rate, x }) =>
      bandLevelDistance(bandLevels(toldDeHum(x, rate, 50), rate), bandLevels(x, rate)),
    );
    console.log(
      `| ${set} | none (found: a false alarm or a steady line in the recording; band levels De-hum moves) | ${clips.length} | ` +
        `${pct(alarms.map((a) => a !== null))} | | | | ${raised.length ? `${median(raised).toFixed(2)} dB` : '-'} | | | ` +
        `told 50 Hz: ${median(toldWrongly).toFixed(2)} dB moved | | | |`,
    );
  }
}

main();
