/**
 * Attenuate to the surroundings on the edit evaluation's mixtures (a benchmark, not a test): the studio's effect on a
 * selection over the event, exact and 0.25 s loose either side, and as a box on the spectrogram around it (MARKS);
 * its surroundings heard where the action hears them
 * (surroundingsOf), scored as training/omni_model/evaluation/evaluate_edits.py scores remove: SI-SDR improvement over
 * the clip against the bed, how far the event goes down over its span, damaged clips (improvement under -3 dB), and
 * the absent-sound control (the bed alone, the same selection: how much the clip changes). The effect takes no words:
 * the user's selection is its query, so there is no wrong-description row.
 *   (cd training && python -m omni_model.evaluation.marked_cases)   # writes training/data/marked
 *   npx tsx bench/attenuate-bench.ts [training/data/marked] [level dB over the surroundings, ...]
 */
import { attenuateToSurroundings, surroundingsOf, surroundingsProfile } from '../src/dsp/attenuate';
import type { FrequencyBand } from '../src/dsp/band';
import { forEachPowerSpectrum } from '../src/dsp/spectrogram';
import { DAMAGED_DB, db, energy, listCases, type MarkedCase, median, readPart, siSdr } from './marked-cases';

const dir = process.argv[2] ?? 'training/data/marked';
const levels = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [-6, -3, 0, 3];
/** The marks a user makes: the event's span, exactly or 0.25 s loose either side; and the same as a box drawn on the
 * spectrogram around it (the band holding BOX_SHARE of its energy; loose: a third of an octave wider either side). */
interface Mark {
  name: string;
  margin: number;
  box: boolean;
}
const BOX_SHARE = 0.9;
const MARKS: Mark[] = [
  { name: 'the event', margin: 0, box: false },
  { name: 'event +-0.25 s', margin: 0.25, box: false },
  { name: 'box around the event', margin: 0, box: true },
  { name: 'box +-0.25 s, +-1/3 octave', margin: 0.25, box: true },
];

/** The band holding BOX_SHARE of `power` (bins at `hz`), widened by `widenOctaves` either side. */
function shareBand(power: Float64Array, hz: (k: number) => number, widenOctaves: number): FrequencyBand {
  const total = power.reduce((a, v) => a + v, 0);
  const tail = (1 - BOX_SHARE) / 2;
  let sum = 0;
  let low = 0;
  let high = power.length - 1;
  for (let k = 0; k < power.length; k++) {
    sum += power[k];
    if (sum < tail * total) low = k + 1;
    if (sum <= (1 - tail) * total) high = k + 1;
  }
  return { lowHz: hz(low) * 2 ** -widenOctaves, highHz: Math.min(hz(power.length - 1), hz(high) * 2 ** widenOctaves) };
}

const read = (id: string, part: string) => readPart(dir, id, part);
const slice = (x: Float32Array[], start: number, end: number) => x.map((c) => c.slice(start, end));

/** The clip with [start, end) replaced. */
function spliced(x: Float32Array[], start: number, part: Float32Array[]): Float32Array[] {
  return x.map((c, i) => {
    const out = c.slice();
    out.set(part[i], start);
    return out;
  });
}

type Parts = Float32Array[][];

/** Where the event holds BOX_SHARE of its energy over its span, as a user boxes what the spectrogram shows. */
function eventBand(
  event: Float32Array[],
  start: number,
  end: number,
  rate: number,
  widenOctaves: number,
): FrequencyBand {
  const size = 2048;
  const power = new Float64Array(size / 2);
  for (const channel of event)
    forEachPowerSpectrum(channel.subarray(start, end), size, size / 2, (p) => {
      for (let k = 0; k < p.length; k++) power[k] += p[k];
    });
  return shareBand(power, (k) => (k * rate) / size, widenOctaves);
}

function score(c: MarkedCase, [mixture, event, bed]: Parts, { margin, box }: Mark, levelDb: number) {
  const total = mixture[0].length;
  const start = Math.max(0, c.onset - Math.round(margin * c.rate));
  const end = Math.min(total, c.onset + c.length + Math.round(margin * c.rate));
  const around = (x: Float32Array[]) => surroundingsOf(start, end, c.rate).map((r) => slice(x, r.start, r.end));
  const band = box ? eventBand(event, c.onset, c.onset + c.length, c.rate, margin ? 1 / 3 : 0) : undefined;
  const run = (x: Float32Array[], follow: Float32Array[]) =>
    attenuateToSurroundings(slice(x, start, end), c.rate, surroundingsProfile(around(x), c.rate), {
      levelDb,
      band,
      follow,
    });
  const channels = mixture.length;
  const made = run(mixture, [...slice(event, start, end), ...slice(bed, start, end)]);
  const result = spliced(mixture, start, made.channels);
  const eventLeft = spliced(event, start, made.follow.slice(0, channels));
  const absent = spliced(bed, start, run(bed, []).channels);
  const span = [c.onset, c.onset + c.length] as const;
  return {
    removeSisdri: siSdr(result, bed) - siSdr(mixture, bed),
    eventDb: db(energy(eventLeft, ...span), energy(event, ...span)),
    absentDb: Math.max(-120, db(energy(absent.map((ch, i) => ch.map((v, j) => v - bed[i][j]))), energy(bed))),
  };
}

const cases = listCases(dir);
console.log('| set | selection | level | n | remove SI-SDRi | event down | damaged | absent: change |');
console.log('|---|---|---|---|---|---|---|---|');
for (const set of [...new Set(cases.map((c) => c.set))]) {
  // Each case's files are read once, then scored at every mark and level.
  const rows = new Map<string, ReturnType<typeof score>[]>();
  for (const c of cases.filter((x) => x.set === set)) {
    const parts = ['mixture', 'event', 'bed'].map((part) => read(c.id, part));
    for (const mark of MARKS)
      for (const level of levels) {
        const key = `${mark.name} ${level}`;
        rows.set(key, [...(rows.get(key) ?? []), score(c, parts, mark, level)]);
      }
  }
  for (const mark of MARKS)
    for (const level of levels) {
      const row = rows.get(`${mark.name} ${level}`)!;
      const damaged = row.filter((r) => r.removeSisdri < DAMAGED_DB).length / row.length;
      console.log(
        `| ${set} | ${mark.name} | ${level} dB | ${row.length} | ` +
          `${median(row.map((r) => r.removeSisdri)).toFixed(1)} dB | ${(-median(row.map((r) => r.eventDb))).toFixed(1)} dB | ` +
          `${Math.round(100 * damaged)} % | ${median(row.map((r) => r.absentDb)).toFixed(1)} dB |`,
      );
    }
}
