/**
 * De-click (src/dsp/declick.ts, through the studio's effect path: found, then drawn again) on the edit evaluation's
 * recordings (a benchmark, not a test): clicks (src/dsp/declick.fixture.ts: 0.05-1 ms spikes and bursts, PER_SECOND a
 * second, peaks from PEAK down to a tenth of it) are added to each mixture (44.1 kHz stereo, about -20 dBFS, real beds
 * with real events: explosions, hits, speech), found and drawn again. Reported: the share of clicks found, the found
 * spans that are no click (a minute, per channel), the share of clicks still audible (their error over the
 * recording's own level about them: a rough masking rule), SDR against the recording before the clicks (clicked,
 * de-clicked, and the clicks' true spans drawn again: the bound of finding), the clicks' energy left, and clips made
 * worse. Control: the recordings as they are, where every click found is a false alarm: how many, and how far the
 * change is under the recording (dB).
 *   (cd training && python -m omni_model.evaluation.marked_cases)   # writes training/data/marked
 *   SETS=dev,real SENSITIVITY=5 npx tsx bench/declick-bench.ts [training/data/marked]
 */
import { type ClickSpans, declick, findClicks, SENSITIVITY } from '../src/dsp/declick';
import { clicks } from '../src/dsp/declick.fixture';
import { db, energy, median, mixturesBySet, sdr } from './marked-cases';

const dir = process.argv[2] ?? 'training/data/marked';
const sensitivity = Number(process.env.SENSITIVITY ?? SENSITIVITY.default);
const PER_SECOND = Number(process.env.PER_SECOND ?? 20);
const PEAK = Number(process.env.PEAK ?? 0.3);

/** Each click's error is weighed over its span and this much either side... */
const AROUND_S = 0.0005;
/** ...against the recording's own energy there: over it by this much, the click is taken as audible (a rough
 * masking rule: a click under the sound around it, or an error of the fill the size of the sound it replaces, is
 * not heard as a click). */
const AUDIBLE_DB = 0;

/** How far each click's error stands over the recording around it, dB. */
function overRecording(out: Float32Array[], x: Float32Array[], spans: [number, number][], rate: number): number[] {
  const around = Math.round(AROUND_S * rate);
  return spans.map(([a, b]) => {
    const from = Math.max(0, a - around);
    const to = Math.min(x[0].length, b + around);
    const error = out.map((c, ch) => c.subarray(from, to).map((v, i) => v - x[ch][from + i]));
    return db(energy(error), energy(x, from, to));
  });
}

const overlapsAny = (span: [number, number], spans: [number, number][]) =>
  spans.some(([a, b]) => a < span[1] && span[0] < b);

function run(x: Float32Array[], rate: number) {
  const began = performance.now();
  const found = findClicks(x, rate, sensitivity);
  const out = declick(x, rate, found);
  return { found, out, seconds: (performance.now() - began) / 1000 };
}

const count = (found: ClickSpans[]) => found.reduce((n, f) => n + f.length, 0);

for (const [set, mixtures] of mixturesBySet(dir)) {
  const rows = mixtures.map(({ rate, x }, i) => {
    const minutes = x[0].length / rate / 60;
    const added = clicks(x[0].length, rate, x.length, { perSecond: PER_SECOND, peak: PEAK, seed: 7 + i });
    const clicked = x.map((c, ch) => c.map((v, n) => v + added.channels[ch][n]));
    const { found, out, seconds } = run(clicked, rate);
    const hit = added.spans.filter((s) => found.some((f) => overlapsAny(s, f))).length;
    const falseFound = found.reduce((n, f) => n + f.filter((s) => !overlapsAny(s, added.spans)).length, 0);
    const told = declick(
      clicked,
      rate,
      x.map(() => added.spans),
    );
    const audible = (y: Float32Array[]) =>
      overRecording(y, x, added.spans, rate).filter((v) => v > AUDIBLE_DB).length / added.spans.length;
    const clean = run(x, rate);
    const change = clean.out.map((c, ch) => c.map((v, n) => v - x[ch][n]));
    return {
      hit: hit / added.spans.length,
      audibleBefore: audible(clicked),
      audibleAfter: audible(out),
      falsePerMinute: falseFound / x.length / minutes,
      before: sdr(clicked, x),
      after: sdr(out, x),
      told: sdr(told, x),
      toldLeft: db(energy(told.map((c, ch) => c.map((v, n) => v - x[ch][n]))), energy(added.channels)),
      left: db(energy(out.map((c, ch) => c.map((v, n) => v - x[ch][n]))), energy(added.channels)),
      controlPerMinute: count(clean.found) / x.length / minutes,
      controlChange: db(energy(change), energy(x)),
      perMinute: seconds / minutes,
    };
  });
  const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f)).toFixed(2);
  const worse = rows.filter((r) => r.after < r.before).length;
  console.log(
    `${set} (${rows.length}; sensitivity ${sensitivity}; ${PER_SECOND}/s, peak ${PEAK}): found ${m((r) => 100 * r.hit)} %, ` +
      `audible ${m((r) => 100 * r.audibleBefore)} -> ${m((r) => 100 * r.audibleAfter)} %, ` +
      `false ${m((r) => r.falsePerMinute)}/min; SDR ${m((r) => r.before)} -> ${m((r) => r.after)} dB ` +
      `(clicks' energy left ${m((r) => r.left)} dB; worse ${worse}; ` +
      `their true spans drawn again: ${m((r) => r.told)} dB, left ${m((r) => r.toldLeft)} dB); ` +
      `control: found ${m((r) => r.controlPerMinute)}/min (clips with any: ${rows.filter((r) => r.controlPerMinute > 0).length}), ` +
      `change ${m((r) => r.controlChange)} dB; ${m((r) => r.perMinute)} s/min`,
  );
}
