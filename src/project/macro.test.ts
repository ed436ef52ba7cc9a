import { describe, expect, it } from 'vitest';
import { isPortable, macroStep, runMacro } from './macro';
import { runHere } from './process-ops';

describe('macros', () => {
  it('keep only effects whose settings say all they do', () => {
    expect(isPortable({ kind: 'gain', db: -6 })).toBe(true);
    expect(isPortable({ kind: 'gain', db: -6, band: { lowHz: 100, highHz: 200 } })).toBe(false);
    expect(isPortable({ kind: 'duck', spans: [], amountDb: -12 })).toBe(false);
    expect(isPortable({ kind: 'limit', ceilingDb: -1, releaseMs: 100, truePeak: false })).toBe(true);
  });

  it('run their steps in order over the whole of some audio', async () => {
    const audio = [Float32Array.from([0.5, 0.25, -0.5, 0])];
    const steps = [macroStep({ kind: 'gain', db: -6.0206 }), macroStep({ kind: 'reverse' })];
    expect(steps.map((s) => s.label)).toEqual(['Gain (-6.0206 dB)', 'Reverse']);
    const [out] = await runMacro(steps, audio, 8000, runHere);
    expect(Array.from(out).map((v) => Number(v.toFixed(4)))).toEqual([0, -0.25, 0.125, 0.25]);
  });
});
