import { describe, expect, it } from 'vitest';
import { setBusOutput, setBusSend } from './bus-routing';
import { createBus, setBusGain, setBusMute, setBusPan, setBusSolo, setOutput, setSend } from './buses';
import { deleteMix, recallMix, saveMix } from './mix-snapshots';
import {
  addTrackEffect,
  changeTrackEffect,
  MASTER,
  newTrackEffect,
  removeTrackEffect,
  setMasterGain,
} from './track-effects';
import { newTrack, type Project } from './types';

const [drums, bass] = [newTrack(0), { ...newTrack(1), gainDb: -3, pan: 0.5 }];
const project = createBus({ sampleRate: 1000, tracks: [drums, bass] }, drums.id).project;
const busId = project.buses?.[0].id ?? '';

describe('mix snapshots', () => {
  it('keep the faders, pans, mutes and solos, and the buses and master, under the next free letter', () => {
    const a = saveMix(project);
    expect(a.label).toBe('Save Mix A');
    expect(a.project.mixes?.[0]).toMatchObject({
      name: 'Mix A',
      tracks: { [bass.id]: { gainDb: -3, pan: 0.5, mute: false, solo: false } },
      faders: { [busId]: 0 },
    });
    expect(saveMix(a.project).project.mixes?.map((m) => m.name)).toEqual(['Mix A', 'Mix B']);
  });

  it('recall the mix kept, leaving a track added since as it is', () => {
    const kept = saveMix(project).project;
    const mixId = kept.mixes?.[0].id ?? '';
    const later = { ...newTrack(2), gainDb: -9 };
    let changed: Project = {
      ...kept,
      tracks: [{ ...kept.tracks[0], gainDb: -12, mute: true }, { ...kept.tracks[1], pan: -1 }, later],
    };
    changed = setBusGain(setMasterGain(changed, -6).project, busId, -20).project;
    const recalled = recallMix(changed, mixId);
    expect(recalled.label).toBe('Recall Mix A');
    expect(recalled.project.tracks.map((t) => [t.gainDb, t.pan, t.mute])).toEqual([
      [0, 0, false],
      [-3, 0.5, false],
      [-9, 0, false],
    ]);
    expect(recalled.project.master?.gainDb).toBe(0);
    expect(recalled.project.buses?.[0].gainDb).toBe(0);
  });

  it('keep the inserts and sends too: an EQ switched off and a send turned down come back with the mix', () => {
    const eq = newTrackEffect('eq');
    const withEq = addTrackEffect(project, bass.id, eq).project;
    const limiter = newTrackEffect('limiter');
    const mastered = addTrackEffect(withEq, MASTER, limiter).project;
    const kept = saveMix(mastered).project;
    const mixId = kept.mixes?.[0].id ?? '';
    let changed = changeTrackEffect(kept, bass.id, eq.id, { on: false }).project;
    changed = setSend(changed, drums.id, busId, -40).project;
    changed = removeTrackEffect(changed, MASTER, limiter.id).project;
    const recalled = recallMix(changed, mixId).project;
    expect(recalled.tracks[1].effects?.[0]).toMatchObject({ id: eq.id, on: true });
    expect(recalled.tracks[0].sends).toEqual([{ busId, levelDb: -12 }]);
    expect(recalled.master?.effects?.map((e) => e.id)).toEqual([limiter.id]);
  });

  it("keep each track's output: a track routed to a bus since goes back to the master, and the other way", () => {
    const onMaster = saveMix(project).project;
    const routedMixId = onMaster.mixes?.[0].id ?? '';
    const routed = setOutput(onMaster, bass.id, busId).project;
    expect(recallMix(routed, routedMixId).project.tracks[1].output).toBeUndefined();
    const kept = saveMix(routed).project;
    const back = setOutput(kept, bass.id, undefined).project;
    expect(recallMix(back, kept.mixes?.[1].id ?? '').project.tracks[1].output).toBe(busId);
    // A mix kept before outputs were leaves them as they are.
    const old = { ...kept.mixes![0], tracks: { [bass.id]: { gainDb: 0, pan: 0, mute: false, solo: false } } };
    expect(recallMix({ ...routed, mixes: [old] }, old.id).project.tracks[1].output).toBe(busId);
  });

  it("keep each bus's output, mute, solo and sends: a bus played into another since goes back to the master, and the other way", () => {
    const twoBuses = createBus(project, bass.id).project;
    const [first, second] = (twoBuses.buses ?? []).map((b) => b.id);
    const kept = saveMix(twoBuses).project;
    const routed = setBusOutput(kept, first, second).project;
    expect(recallMix(routed, kept.mixes?.[0].id ?? '').project.buses?.[0].output).toBeUndefined();
    const keptRouted = saveMix(routed).project;
    const back = setBusOutput(keptRouted, first, undefined).project;
    expect(recallMix(back, keptRouted.mixes?.[1].id ?? '').project.buses?.[0].output).toBe(second);
    // Its mute too: a bus muted since is heard again with the mix.
    const mutedSince = setBusMute(keptRouted, second, true).project;
    expect(recallMix(mutedSince, keptRouted.mixes?.[1].id ?? '').project.buses?.[1]).not.toHaveProperty('mute');
    const keptMuted = saveMix(mutedSince).project;
    const unmuted = setBusSolo(setBusMute(keptMuted, second, false).project, second, true).project;
    const recalled = recallMix(unmuted, keptMuted.mixes?.[2].id ?? '').project.buses?.[1];
    expect(recalled?.mute).toBe(true);
    expect(recalled).not.toHaveProperty('solo'); // soloed since: not in the mix
    // And its sends: one added since goes with the mix.
    const sending = setBusSend(keptRouted, first, second, -6).project;
    expect(sending.buses?.[0].sends).toHaveLength(1);
    expect(recallMix(sending, keptRouted.mixes?.[1].id ?? '').project.buses?.[0]).not.toHaveProperty('sends');
    // And its pan.
    const keptPanned = saveMix(setBusPan(keptRouted, first, -0.5).project).project;
    const centred = setBusPan(keptPanned, first, 0).project;
    expect(recallMix(centred, keptPanned.mixes?.at(-1)?.id ?? '').project.buses?.[0].pan).toBe(-0.5);
    // A mix kept before buses had outputs leaves them as they are.
    const { buses: _none, ...old } = keptRouted.mixes![0];
    expect(recallMix({ ...routed, mixes: [old] }, old.id).project.buses?.[0].output).toBe(second);
  });

  it('forget a mix', () => {
    const kept = saveMix(project).project;
    expect(deleteMix(kept, kept.mixes?.[0].id ?? '').project.mixes).toBeUndefined();
  });
});
