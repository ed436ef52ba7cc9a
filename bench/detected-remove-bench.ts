/**
 * Remove by the words where the detector hears them (a benchmark, not a test): the described sound matched to the
 * detector's labels (LabelMatcher, the pack's text encoder), the clip analysed as Analyze does (detect, no VAD), each
 * region of a matched label widened by `widen` seconds and attenuated to its surroundings (src/dsp/attenuate.ts) on
 * the 44.1 kHz stereo clip; no matched region: unchanged, the user told. Scored as bench/attenuate-bench.ts, with the
 * controls: another category's words (wrong description) and the bed alone (absent sound).
 *   (cd training && python -m omni_model.evaluation.marked_cases)
 *   npx tsx bench/detected-remove-bench.ts [training/data/marked] [pack dir] [widen s, ...]
 */
import {
  ATTENUATE_DEFAULT_DB,
  attenuateToSurroundings,
  surroundingsOf,
  surroundingsProfile,
} from '../src/dsp/attenuate';
import { resample } from '../src/dsp/resample';
import { detect } from '../src/engine/detect';
import { LabelMatcher } from '../src/engine/label-match';
import { toMono } from '../src/dsp/channels';
import type { SoundEvent } from '../src/understanding/sound-events';
import { DAMAGED_DB, db, energy, listCases, type MarkedCase, median, readPart, siSdr } from './marked-cases';
import { loadNodePack } from './node-pack';

const dir = process.argv[2] ?? 'training/data/marked';
const packDir = process.argv[3] ?? 'public/models/omni-small';
const widths = process.argv.length > 4 ? process.argv.slice(4).map(Number) : [0, 0.25];

const read = (id: string, part: string) => readPart(dir, id, part);

const pack = await loadNodePack(packDir, 2);
const matcher = new LabelMatcher(pack);
const packRate = pack.manifest.audio.sample_rate;

/** What the detector hears in a clip (as Analyze does it, at the pack's rate). */
const hear = async (clip: Float32Array[], rate: number) =>
  (await detect(pack, resample(toMono(clip), rate, packRate))).events;

/** Regions (samples at `rate`) of the labels the words match among the detected events. */
async function regions(events: SoundEvent[], length: number, rate: number, words: string, widen: number) {
  const matched = (await matcher.match(words)).filter((m) => m.near).map((m) => m.id);
  const pad = widen * rate;
  return events
    .filter((e) => matched.includes(e.label))
    .map((e) => ({
      start: Math.max(0, Math.round(e.start * rate - pad)),
      end: Math.min(length, Math.round(e.end * rate + pad)),
    }));
}

/** The clip with each region attenuated to its surroundings (in turn, each hearing the result so far); the
 * `follow` signals take the same gains. */
function removeIn(
  clip: Float32Array[],
  rate: number,
  spans: { start: number; end: number }[],
  follow: Float32Array[][],
) {
  const out = clip.map((c) => c.slice());
  const outs = follow.map((f) => f.map((c) => c.slice()));
  for (const { start, end } of spans) {
    if (end <= start) continue;
    const around = surroundingsOf(start, end, rate).map((r) => out.map((c) => c.slice(r.start, r.end)));
    let profile: ReturnType<typeof surroundingsProfile>;
    try {
      profile = surroundingsProfile(around, rate);
    } catch {
      continue; // no audio around the region to hear the bed in: the studio would say so and leave it
    }
    const made = attenuateToSurroundings(
      out.map((c) => c.slice(start, end)),
      rate,
      profile,
      { levelDb: ATTENUATE_DEFAULT_DB, follow: outs.flatMap((f) => f.map((c) => c.slice(start, end))) },
    );
    made.channels.forEach((c, i) => out[i].set(c, start));
    outs.forEach((f, n) => f.forEach((c, i) => c.set(made.follow[n * clip.length + i], start)));
  }
  return { out, outs };
}

/** A case at every width; the clip and the bed are each analysed once. */
async function scoreAll(c: MarkedCase) {
  const [mixture, event, bed] = ['mixture', 'event', 'bed'].map((part) => read(c.id, part));
  const [heardMixture, heardBed] = [await hear(mixture, c.rate), await hear(bed, c.rate)];
  const span = [c.onset, c.onset + c.length] as const;
  const length = mixture[0].length;
  const scores = [];
  for (const widen of widths) {
    const right = await regions(heardMixture, length, c.rate, c.description, widen);
    const { out, outs } = removeIn(mixture, c.rate, right, [event]);
    const wrong = await regions(heardMixture, length, c.rate, c.wrong_description, widen);
    const wrongEvent = removeIn(mixture, c.rate, wrong, [event]).outs[0];
    const absentSpans = await regions(heardBed, length, c.rate, c.description, widen);
    const absent = removeIn(bed, c.rate, absentSpans, []).out;
    const change = absent.map((ch, i) => ch.map((v, j) => v - bed[i][j]));
    scores.push({
      found: right.length > 0,
      removeSisdri: siSdr(out, bed) - siSdr(mixture, bed),
      eventDb: db(energy(outs[0], ...span), energy(event, ...span)),
      wrongDb: db(energy(wrongEvent, ...span), energy(event, ...span)),
      absentTold: absentSpans.length === 0,
      absentDb: Math.max(-120, db(energy(change), energy(bed))),
    });
  }
  return scores;
}

const share = (xs: boolean[]) => `${Math.round((100 * xs.filter(Boolean).length) / xs.length)} %`;

const cases = listCases(dir);
console.log(
  '| set | widen | n | found | remove SI-SDRi | event down | damaged | right - wrong | absent: told | absent: change |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const set of [...new Set(cases.map((c) => c.set))]) {
  const perCase: Awaited<ReturnType<typeof scoreAll>>[] = [];
  for (const c of cases.filter((x) => x.set === set)) perCase.push(await scoreAll(c));
  widths.forEach((widen, w) => {
    const rows = perCase.map((scores) => scores[w]);
    console.log(
      `| ${set} | ${widen} s | ${rows.length} | ${share(rows.map((r) => r.found))} | ${median(rows.map((r) => r.removeSisdri)).toFixed(1)} dB | ` +
        `${(-median(rows.map((r) => r.eventDb))).toFixed(1)} dB | ${share(rows.map((r) => r.removeSisdri < DAMAGED_DB))} | ` +
        `${median(rows.map((r) => r.wrongDb - r.eventDb)).toFixed(1)} dB | ${share(rows.map((r) => r.absentTold))} | ` +
        `${median(rows.map((r) => r.absentDb)).toFixed(1)} dB |`,
    );
  });
}
