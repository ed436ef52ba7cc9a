/**
 * Find similar (src/dsp/find-similar.ts) on scenes made from the edit evaluation's recordings (a benchmark, not a
 * test). Each scene is 24 s of a case's bed (forwards, backwards, forwards) with its event three times (the first as
 * the case mixed it, the others 6 dB quieter to 3 dB louder) and another case's event of another kind twice; the user
 * marks the first event (exactly, or 0.25 s loose either side; as a time range or a box on the spectrogram) and asks
 * for more like it. Scored: the other two events found (recall), matches that are one of them (precision), the other
 * kind's events matched (a finder deaf to the sound's shape matches them as often), and the absent control: the same
 * scene without the two other events, where every match is false.
 *   (cd training && python -m omni_model.evaluation.marked_cases)   # writes training/data/marked
 *   npx tsx bench/similar-bench.ts [training/data/marked] [threshold ...]
 */
import { SIMILAR_THRESHOLD, type SimilarResult, similarityTo } from '../src/dsp/find-similar';
import type { FrequencyBand } from '../src/dsp/band';
import {
  attenuateToSurroundings,
  ATTENUATE_DEFAULT_DB,
  surroundingsOf,
  surroundingsProfile,
} from '../src/dsp/attenuate';
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
const thresholds = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [0.6, 0.7, SIMILAR_THRESHOLD, 0.9];
const SCENE_BEDS = 3;
const GAP_SECONDS = 0.3;

interface Placed {
  start: number;
  end: number;
  kind: 'query' | 'same' | 'other';
}
interface Scene {
  channels: Float32Array[];
  /** The marked event and its copies alone, and everything else (the bed, the other kind's events): their sum is
   * `channels`. */
  target: Float32Array[];
  rest: Float32Array[];
  placed: Placed[];
  rate: number;
  /** The box a user draws around the marked event on the spectrogram (the band holding 90 % of its energy). */
  band: FrequencyBand;
  looseBand: FrequencyBand;
}
/** The marks: the event's span exactly or 0.25 s loose either side, alone or as a box on the spectrogram (loose: a
 * third of an octave wider either side). */
const MARKS = [
  { name: 'exact', margin: 0, box: false },
  { name: 'loose (+-0.25 s)', margin: 0.25, box: false },
  { name: 'box', margin: 0, box: true },
  { name: 'loose box', margin: 0.25, box: true },
];
type Mark = (typeof MARKS)[number];

/** A seeded generator, so every run places the sounds alike. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const eventOf = (c: MarkedCase) => readPart(dir, c.id, 'event').map((x) => x.slice(c.onset, c.onset + c.length));

/** The bed forwards, backwards and forwards again (no seam jumps in level; no stretch of it repeats forwards twice
 * in a row). */
function longBed(bed: Float32Array[]): Float32Array[] {
  return bed.map((c) => {
    const out = new Float32Array(c.length * SCENE_BEDS);
    for (let i = 0; i < SCENE_BEDS; i++) out.set(i % 2 ? c.slice().reverse() : c, i * c.length);
    return out;
  });
}

function scene(c: MarkedCase, other: MarkedCase, seed: number, withSame: boolean): Scene {
  const rnd = random(seed);
  const rest = longBed(readPart(dir, c.id, 'bed'));
  const target = rest.map((ch) => new Float32Array(ch.length));
  const length = rest[0].length;
  const sounds: { audio: Float32Array[]; gainDb: number; kind: Placed['kind'] }[] = [
    { audio: eventOf(c), gainDb: 0, kind: 'query' },
    { audio: eventOf(other), gainDb: -3 + 6 * rnd(), kind: 'other' },
    { audio: eventOf(other), gainDb: -3 + 6 * rnd(), kind: 'other' },
  ];
  const same = [-6 + 9 * rnd(), -6 + 9 * rnd()];
  if (withSame) for (const gainDb of same) sounds.push({ audio: eventOf(c), gainDb, kind: 'same' });
  const placed: Placed[] = [];
  const gap = GAP_SECONDS * c.rate;
  for (const s of sounds) {
    const n = s.audio[0].length;
    let start = 0;
    for (let tries = 0; tries < 1000; tries++) {
      start = Math.floor(rnd() * (length - n));
      if (placed.every((p) => start + n + gap <= p.start || start >= p.end + gap)) break;
    }
    const g = 10 ** (s.gainDb / 20);
    (s.kind === 'other' ? rest : target).forEach((ch, i) => {
      const src = s.audio[Math.min(i, s.audio.length - 1)];
      for (let j = 0; j < n; j++) ch[start + j] += g * src[j];
    });
    placed.push({ start, end: start + n, kind: s.kind });
  }
  const event = eventOf(c);
  const band = eventBand(event, 0, c.length, c.rate, 0);
  const channels = rest.map((ch, i) => ch.map((v, j) => v + target[i][j]));
  return {
    channels,
    target,
    rest,
    placed,
    rate: c.rate,
    band,
    looseBand: eventBand(event, 0, c.length, c.rate, 1 / 3),
  };
}

/** Overlap of two spans over the shorter one's length. */
const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) /
  Math.max(1, Math.min(a.end - a.start, b.end - b.start));
const HIT = 0.5;

interface Tally {
  found: number;
  same: number;
  matches: number;
  right: number;
  otherHit: number;
  others: number;
  refused: number;
  absentMatches: number;
  absentScenes: number;
  absentClean: number;
  seconds: number;
  sceneSeconds: number;
}

/** The finder over a scene, timed; read at any threshold. */
function search(sc: Scene, { margin, box }: Mark) {
  const query = sc.placed.find((p) => p.kind === 'query')!;
  const pad = Math.round(margin * sc.rate);
  const band = box ? (margin ? sc.looseBand : sc.band) : undefined;
  const begun = performance.now();
  let found: ReturnType<typeof similarityTo> | null = null;
  try {
    found = similarityTo(sc.channels, sc.rate, Math.max(0, query.start - pad), query.end + pad, band);
  } catch {
    // refused: the mark holds nothing over its bed (counted; nothing is found)
  }
  return { found, seconds: (performance.now() - begun) / 1000, sceneSeconds: sc.channels[0].length / sc.rate };
}

function score(t: Tally, sc: Scene, searched: ReturnType<typeof search>, threshold: number, absent: boolean) {
  t.seconds += searched.seconds;
  t.sceneSeconds += searched.sceneSeconds;
  if (!searched.found && !absent) t.refused++;
  const { matches }: SimilarResult = searched.found?.matches(threshold) ?? { query: { start: 0, end: 0 }, matches: [] };
  const hits = (p: Placed) => matches.some((m) => overlap(m, p) >= HIT);
  if (absent) {
    t.absentScenes++;
    t.absentMatches += matches.length;
    if (matches.length === 0) t.absentClean++;
    return;
  }
  const same = sc.placed.filter((p) => p.kind === 'same');
  const others = sc.placed.filter((p) => p.kind === 'other');
  t.same += same.length;
  t.found += same.filter(hits).length;
  t.others += others.length;
  t.otherHit += others.filter(hits).length;
  t.matches += matches.length;
  t.right += matches.filter((m) => same.some((p) => overlap(m, p) >= HIT)).length;
}

/** Attenuate similar as the studio runs it (src/app/find-similar.ts): the marked span and every match, each down to
 * its own surroundings (in the band where the mark was a box), the target and the rest followed through the same
 * gains. Scored: how far each copy (the marked one apart) went down, found or not, and the SI-SDR improvement over
 * the scene against the rest (what the user wants left). */
function removeAll(sc: Scene, result: SimilarResult, band: FrequencyBand | undefined) {
  let [mixture, target, rest] = [sc.channels, sc.target, sc.rest];
  const channels = mixture.length;
  for (const span of [result.query, ...result.matches]) {
    const around = surroundingsOf(span.start, span.end, sc.rate).map((r) => slice(mixture, r.start, r.end));
    const made = attenuateToSurroundings(
      slice(mixture, span.start, span.end),
      sc.rate,
      surroundingsProfile(around, sc.rate),
      {
        levelDb: ATTENUATE_DEFAULT_DB,
        band,
        follow: [...slice(target, span.start, span.end), ...slice(rest, span.start, span.end)],
      },
    );
    mixture = spliced(mixture, span.start, made.channels);
    target = spliced(target, span.start, made.follow.slice(0, channels));
    rest = spliced(rest, span.start, made.follow.slice(channels));
  }
  const copies = sc.placed.filter((p) => p.kind === 'same');
  return {
    copiesDownDb: copies.map((p) => -db(energy(target, p.start, p.end), energy(sc.target, p.start, p.end))),
    sisdri: siSdr(mixture, sc.rest) - siSdr(sc.channels, sc.rest),
  };
}

const pct = (a: number, b: number) => `${b ? Math.round((100 * a) / b) : 0} %`;

function main() {
  const cases = listCases(dir);
  const only = process.env.SETS?.split(',');
  const sets = [...new Set(cases.map((c) => c.set))].filter((s) => !only || only.includes(s));
  console.log(
    '| set | mark | threshold | other two found | matches right | other kind matched | absent: scenes with no match | absent: matches per scene | marks refused | time per minute |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const removals: string[] = [];
  for (const set of sets) {
    const own = cases.filter((c) => c.set === set);
    const pairs = own.map((c, i) => {
      const other =
        own.find((o, j) => j > i && o.description !== c.description) ??
        own.find((o) => o.description !== c.description)!;
      return [c, other] as const;
    });
    const scenes = pairs.map(([c, o], i) => ({
      full: scene(c, o, 1000 + i, true),
      absent: scene(c, o, 1000 + i, false),
    }));
    for (const mark of MARKS) {
      const searched = scenes.map((s) => ({ full: search(s.full, mark), absent: search(s.absent, mark) }));
      for (const threshold of thresholds) {
        const t: Tally = {
          found: 0,
          same: 0,
          matches: 0,
          right: 0,
          otherHit: 0,
          others: 0,
          refused: 0,
          absentMatches: 0,
          absentScenes: 0,
          absentClean: 0,
          seconds: 0,
          sceneSeconds: 0,
        };
        scenes.forEach((s, i) => {
          score(t, s.full, searched[i].full, threshold, false);
          score(t, s.absent, searched[i].absent, threshold, true);
        });
        const perMinute = (60 * t.seconds) / t.sceneSeconds;
        console.log(
          `| ${set} (${own.length}) | ${mark.name} | ${threshold} | ${pct(t.found, t.same)} | ${pct(t.right, t.matches)} | ${pct(t.otherHit, t.others)} | ${pct(t.absentClean, t.absentScenes)} | ${(t.absentMatches / t.absentScenes).toFixed(2)} | ${t.refused} | ${perMinute.toFixed(2)} s |`,
        );
      }
      removals.push(
        removalRow(
          `${set} (${own.length})`,
          mark,
          scenes.map((s) => s.full),
          searched.map((s) => s.full),
        ),
      );
    }
  }
  console.log(
    `\nAttenuate similar at ${SIMILAR_THRESHOLD} (-3 dB under the surroundings), every copy counted, found or not:`,
  );
  console.log(
    '| set | mark | copies down (median) | copies down 10 dB or more | scene SI-SDRi (median) | scenes damaged |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const row of removals) console.log(row);
}

function removalRow(set: string, mark: Mark, scenes: Scene[], searched: ReturnType<typeof search>[]): string {
  const down: number[] = [];
  const sisdri: number[] = [];
  scenes.forEach((sc, i) => {
    const result = searched[i].found?.matches(SIMILAR_THRESHOLD);
    if (!result) return;
    const band = mark.box ? (mark.margin ? sc.looseBand : sc.band) : undefined;
    const removed = removeAll(sc, result, band);
    down.push(...removed.copiesDownDb);
    sisdri.push(removed.sisdri);
  });
  const damaged = sisdri.filter((v) => v < DAMAGED_DB).length;
  return `| ${set} | ${mark.name} | ${median(down).toFixed(1)} dB | ${pct(down.filter((d) => d >= 10).length, down.length)} | ${median(sisdri).toFixed(1)} dB | ${pct(damaged, sisdri.length)} |`;
}

main();
