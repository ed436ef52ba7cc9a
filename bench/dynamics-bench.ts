/**
 * Limit and Compress (src/dsp/limiter.ts, src/dsp/compressor.ts, the studio's effects) on the edit evaluation's
 * recordings (a benchmark, not a test). Limit: each
 * mixture (44.1 kHz stereo at about -20 dBFS, real beds with real events: explosions, gunfire, speech) is raised to
 * TARGET_LUFS, as a user readying it for streaming would with Normalize loudness, which puts its loudest hits over
 * full scale; then it is limited at -1 dBFS, and, beside it, cut flat there (what a 16-bit export or a clipper does).
 * Reported: how far the peaks went over, the loudness kept, SDR against the raised recording (which counts turning
 * a peak down as error), distortion (what a gain of its own for each 10 ms cannot explain: the cut's flat tops add
 * harmonics a listener hears as crackle, a limiter's smooth gain adds almost none), and the samples left at the
 * ceiling (flat tops). Compress (COMPRESS_DB dBFS RMS, 3:1), on the recordings as they are: how far each event's
 * level (RMS over its span) stood over the rest of the clip before and after, and the peak-to-loudness ratio (PLR:
 * peak dBFS less LUFS, how much room the peaks take over the loudness; what a compressor lowers).
 *   (cd training && python -m omni_model.evaluation.marked_cases)   # writes training/data/marked
 *   SETS=real,dev,test TARGET_LUFS=-12 COMPRESS_DB=-30 npx tsx bench/dynamics-bench.ts [training/data/marked]
 */
import { gainToDb, peakOf } from '../src/dsp/gain';
import { integratedLoudness } from '../src/dsp/loudness';
import { applyEffect } from '../src/project/effects';
import { db, energy, listCases, median, mixturesBySet, readPart, sdr } from './marked-cases';

const dir = process.argv[2] ?? 'training/data/marked';
const TARGET_LUFS = Number(process.env.TARGET_LUFS ?? -12);
const CEILING_DB = -1;
const ceiling = 10 ** (CEILING_DB / 20);

function limited(x: Float32Array[], rate: number): { out: Float32Array[]; seconds: number } {
  const piece = { start: 0, length: x[0].length, channels: x.map((c) => Float32Array.from(c)) };
  const began = performance.now();
  applyEffect({ kind: 'limit', ceilingDb: CEILING_DB, releaseMs: 100 }, [piece], { start: 0, end: piece.length }, rate);
  return { out: piece.channels, seconds: (performance.now() - began) / 1000 };
}

/** Energy of `out` that a least-squares gain per 10 ms frame of `reference` cannot explain, dB under `out`. */
function distortion(out: Float32Array[], reference: Float32Array[], rate: number): number {
  const frame = Math.round(0.01 * rate);
  let left = 0;
  let total = 0;
  for (let start = 0; start < reference[0].length; start += frame) {
    const end = Math.min(reference[0].length, start + frame);
    let dot = 0;
    let power = 0;
    reference.forEach((r, c) => {
      for (let n = start; n < end; n++) {
        dot += out[c][n] * r[n];
        power += r[n] * r[n];
      }
    });
    const gain = power > 0 ? dot / power : 0;
    reference.forEach((r, c) => {
      for (let n = start; n < end; n++) {
        left += (out[c][n] - gain * r[n]) ** 2;
        total += out[c][n] ** 2;
      }
    });
  }
  return 10 * Math.log10((left + 1e-20) / (total + 1e-20));
}

const atCeiling = (x: Float32Array[]) =>
  x.reduce((n, c) => n + c.filter((v) => Math.abs(v) >= ceiling - 1e-6).length, 0);

for (const [set, mixtures] of mixturesBySet(dir)) {
  const rows = mixtures.map(({ rate, x }) => {
    const gain = 10 ** ((TARGET_LUFS - integratedLoudness(x, rate)) / 20);
    const raised = x.map((c) => c.map((v) => v * gain));
    const { out, seconds } = limited(raised, rate);
    const cut = raised.map((c) => c.map((v) => Math.max(-ceiling, Math.min(ceiling, v))));
    return {
      over: gainToDb(peakOf(raised)) - CEILING_DB,
      peakAfter: gainToDb(peakOf(out)),
      loudnessLost: TARGET_LUFS - integratedLoudness(out, rate),
      limitSdr: sdr(out, raised),
      cutSdr: sdr(cut, raised),
      limitDistortion: distortion(out, raised, rate),
      cutDistortion: distortion(cut, raised, rate),
      limitFlat: atCeiling(out),
      cutFlat: atCeiling(cut),
      perMinute: seconds / (x[0].length / rate / 60),
    };
  });
  const went = rows.filter((r) => r.over > 0);
  const m = (f: (r: (typeof rows)[number]) => number, rs = went) => median(rs.map(f)).toFixed(2);
  console.log(
    `${set} (${rows.length}, raised to ${TARGET_LUFS} LUFS): ${went.length} over ${CEILING_DB} dBFS by ${m((r) => r.over)} dB; ` +
      `limited: peak ${Math.max(...rows.map((r) => r.peakAfter)).toFixed(2)} dBFS at most, loudness lost ${m((r) => r.loudnessLost)} dB, ` +
      `SDR ${m((r) => r.limitSdr)} dB, distortion ${m((r) => r.limitDistortion)} dB, samples at the ceiling ${m((r) => r.limitFlat)}; ` +
      `cut flat: SDR ${m((r) => r.cutSdr)} dB, distortion ${m((r) => r.cutDistortion)} dB, samples at the ceiling ${m((r) => r.cutFlat)}; ${m((r) => r.perMinute, rows)} s/min`,
  );
}

const COMPRESS_DB = Number(process.env.COMPRESS_DB ?? -30);
const only = process.env.SETS?.split(',');
const cases = listCases(dir).filter((c) => !only || only.includes(c.set));
for (const set of new Set(cases.map((c) => c.set))) {
  const rows = cases
    .filter((c) => c.set === set)
    .map((c) => {
      const x = readPart(dir, c.id, 'mixture');
      const piece = { start: 0, length: x[0].length, channels: x.map((ch) => Float32Array.from(ch)) };
      applyEffect(
        { kind: 'compress', thresholdDb: COMPRESS_DB, ratio: 3 },
        [piece],
        { start: 0, end: piece.length },
        c.rate,
      );
      const out = piece.channels;
      const end = c.onset + c.length;
      const stands = (y: Float32Array[]) => {
        const inside = energy(y, c.onset, end) / c.length;
        const outside = (energy(y) - energy(y, c.onset, end)) / (y[0].length - c.length);
        return db(inside, outside);
      };
      const plr = (y: Float32Array[]) => gainToDb(peakOf(y)) - integratedLoudness(y, c.rate);
      return { before: stands(x), after: stands(out), plrBefore: plr(x), plrAfter: plr(out) };
    });
  const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f)).toFixed(2);
  console.log(
    `${set} (${rows.length}), compressed over ${COMPRESS_DB} dBFS RMS at 3:1: the event over the rest ${m((r) => r.before)} -> ${m((r) => r.after)} dB; ` +
      `PLR ${m((r) => r.plrBefore)} -> ${m((r) => r.plrAfter)} dB`,
  );
}
