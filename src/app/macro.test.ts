import { describe, expect, it } from 'vitest';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { runEffect } from './effects';
import { applyMacro, removeMacroStep, toggleMacroRecording } from './macro';
import { oneTrackStudio } from './one-track.fixture';

describe('macros', () => {
  it('record the portable effects applied while recording, and run them again on the selection', async () => {
    const { store, assets, services } = oneTrackStudio([new Float32Array(800).fill(0.5)], 8000);
    toggleMacroRecording(services);
    await runEffect(services, { kind: 'gain', db: -6.0206 }, undefined, runHere);
    await runEffect(services, { kind: 'duck', spans: [], amountDb: -12 }, undefined, runHere); // measured: left out
    await runEffect(services, { kind: 'reverse' }, undefined, runHere);
    toggleMacroRecording(services);
    expect(store.getState().macro.steps.map((s) => s.label)).toEqual(['Gain (-6.0206 dB)', 'Reverse']);
    expect(store.getState().lastEffect?.label).toBe('Reverse'); // Repeat last effect's: the duck was measured
    removeMacroStep(services, 1);
    await applyMacro(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Gain (-6.0206 dB)');
    expect(state.macro).toMatchObject({ recording: false });
    expect(state.macro.steps).toHaveLength(1); // running the macro did not record it again
    const [audio] = trackAudio(state.project.tracks[0], assets, { start: 0, end: 800 });
    expect(audio[400]).toBeCloseTo(0.125, 4);
    expect(state.notices.at(-1)?.text).toBe("Applied the macro's 1 step to the selection.");
  });
});
