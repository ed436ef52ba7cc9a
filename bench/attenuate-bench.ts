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
import {
  DAMAGED_DB,
  db,
  energy,
  eventBand,
  listCases,
  type MarkedCase,
  median,
  readPart,
  siSdr,
  slice,
  spliced,
} from './marked-cases';

const dir = process.argv[2] ?? 'training/data/marked';
const levels = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [-6, -3, 0, 3];
/** The marks a user makes: the event's span, exactly or 0.25 s loose either side; and the same as a box drawn on the
 * spectrogram around it (the band holding BOX_SHARE of its energy; loose: a third of an octave wider either side). */
interface Mark {
  name: string;
  margin: number;
  box: boolean;
}
const MARKS: Mark[] = [
  { name: 'the event', margin: 0, box: false },
  { name: 'event +-0.25 s', margin: 0.25, box: false },
  { name: 'box around the event', margin: 0, box: true },
  { name: 'box +-0.25 s, +-1/3 octave', margin: 0.25, box: true },
];

const read = (id: string, part: string) => readPart(dir, id, part);

type Parts = Float32Array[][];

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
