/**
 * De-clip (src/dsp/declip.ts, through the studio's effect) on the edit evaluation's recordings (a benchmark, not a
 * test): each mixture (44.1 kHz stereo) is driven so that a given share of its samples goes past full scale, cut
 * there and written as 16-bit, as a recorder set too hot would; then de-clipped. Scored against the recording
 * before the cut: SDR of the cut and of the restored clip (the improvement is what De-clip gives back), clips
 * found clipped, clipped samples found. Also the same cut clip resampled to 48 kHz before De-clip (the studio
 * resamples a file into a project of another rate, which rounds the flat tops off), and the controls: the
 * recordings unclipped, at their own level (-20 dBFS) and peak-normalised to -1 dBFS, where finding clipping
 * is a false alarm.
 *   (cd training && python -m omni_model.evaluation.marked_cases)   # writes training/data/marked
 *   SETS=dev,real npx tsx bench/declip-bench.ts [training/data/marked] [share % ...]
 */
import { findClipping } from '../src/dsp/declip';
import { levelOfShare } from '../src/dsp/declip.fixture';
import { peakOf } from '../src/dsp/gain';
import { resample } from '../src/dsp/resample';
import { applyEffect } from '../src/project/effects';
import { median, mixturesBySet, sdr } from './marked-cases';

const dir = process.argv[2] ?? 'training/data/marked';
const shares = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [0.1, 1, 5];
const RESAMPLED_RATE = 48000;

const pcm16 = (v: number) => Math.round(Math.max(-1, Math.min(1, v)) * 32767) / 32767;

/** The studio's effect over the whole clip. */
function deClip(channels: Float32Array[], rate: number): { out: Float32Array[]; seconds: number } {
  const piece = { start: 0, length: channels[0].length, channels: channels.map((c) => Float32Array.from(c)) };
  const began = performance.now();
  applyEffect({ kind: 'declip' }, [piece], { start: 0, end: piece.length }, rate);
  return { out: piece.channels, seconds: (performance.now() - began) / 1000 };
}

interface Row {
  found: boolean;
  samplesFound: number;
  before: number;
  after: number;
  speed: number;
}

function trial(reference: Float32Array[], cut: Float32Array[], rate: number): Row {
  const clipped = cut.reduce((n, c) => n + c.filter((v) => Math.abs(v) >= 1).length, 0);
  const found = findClipping(cut);
  const { out, seconds } = deClip(cut, rate);
  return {
    found: found.samples > 0,
    samplesFound: found.samples / Math.max(1, clipped),
    before: sdr(cut, reference),
    after: sdr(out, reference),
    speed: seconds / (cut[0].length / rate),
  };
}

const pct = (xs: boolean[]) => `${Math.round((100 * xs.filter(Boolean).length) / xs.length)} %`;

function report(set: string, name: string, rows: Row[]): void {
  const gain = median(rows.map((r) => r.after - r.before));
  console.log(
    `| ${set} | ${name} | ${rows.length} | ${pct(rows.map((r) => r.found))} | ${Math.round(100 * median(rows.map((r) => r.samplesFound)))} % | ` +
      `${median(rows.map((r) => r.before)).toFixed(1)} dB | ${median(rows.map((r) => r.after)).toFixed(1)} dB | ` +
      `**${gain.toFixed(1)} dB** | ${pct(rows.map((r) => r.after < r.before - 0.1))} | ${median(rows.map((r) => r.speed)).toFixed(3)} |`,
  );
}

function main(): void {
  console.log(
    '| set | clip | n | found clipped | clipped samples found | SDR cut | SDR restored | improvement | made worse | s per s of audio |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [set, mixtures] of mixturesBySet(dir)) {
    for (const share of shares) {
      const plain: Row[] = [];
      const resampled: Row[] = [];
      for (const { rate, x } of mixtures) {
        const gain = 1 / levelOfShare(x, share);
        const reference = x.map((c) => c.map((v) => v * gain));
        const cut = reference.map((c) => c.map(pcm16));
        plain.push(trial(reference, cut, rate));
        const up = (chs: Float32Array[]) => chs.map((c) => resample(c, rate, RESAMPLED_RATE));
        resampled.push(trial(up(reference), up(cut), RESAMPLED_RATE));
      }
      report(set, `${share} % cut`, plain);
      report(set, `${share} % cut, then resampled to 48 kHz`, resampled);
    }
    const falseAlarms = (scale: (x: Float32Array[]) => number) =>
      mixtures.map(({ x }) => {
        const gain = scale(x);
        return findClipping(x.map((c) => c.map((v) => pcm16(v * gain)))).samples > 0;
      });
    console.log(
      `| ${set} | unclipped (false alarms): as recorded / peak at -1 dBFS | ${mixtures.length} | ` +
        `${pct(falseAlarms(() => 1))} / ${pct(falseAlarms((x) => 10 ** (-1 / 20) / peakOf(x)))} | | | | | | |`,
    );
  }
}

main();
