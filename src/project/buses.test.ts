import { describe, expect, it } from 'vitest';
import { echo } from '../dsp/echo';
import { AssetStore } from './asset-store';
import {
  createBus,
  createBusFor,
  createOutputBus,
  deleteBus,
  forBus,
  removeSend,
  renameBus,
  setBusGain,
  setOutput,
  setSend,
  setSendPreFader,
  setSendVolume,
} from './buses';
import { filter } from '../dsp/filters';
import { describeEffect, newTrackEffect } from './track-effects';
import { groupTracks, renameGroup } from './track-groups';
import { clipAt } from './clip.fixture';
import { mixdown } from './mixdown';
import { emptyProject, newTrack, type Project } from './types';

const RATE = 8000;

function twoTracks(): { project: Project; assets: AssetStore } {
  const assets = new AssetStore();
  const tone = (hz: number) =>
    assets.add([Float32Array.from({ length: 800 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * hz * i) / RATE))], RATE);
  const tracks = [220, 330].map((hz, i) => ({ ...newTrack(i), clips: [clipAt(`c${i}`, tone(hz).id, 0, 800)] }));
  return { project: { ...emptyProject(RATE), tracks }, assets };
}

describe('effect buses', () => {
  it('are made with a wet reverb and a send from the track; sends are set, kept in range and removed', () => {
    const { project } = twoTracks();
    const [a, b] = project.tracks.map((t) => t.id);
    const made = createBus(project, a);
    expect(made.label).toBe('New effect bus');
    const bus = made.project.buses![0];
    expect(bus).toMatchObject({ name: 'Bus 1', gainDb: 0, effects: [{ kind: 'reverb', wetOnly: true }] });
    expect(made.project.tracks[0].sends).toEqual([{ busId: bus.id, levelDb: -12 }]);
    const both = setSend(made.project, b, bus.id, -6).project;
    expect(both.tracks[1].sends).toEqual([{ busId: bus.id, levelDb: -6 }]);
    expect(setSend(both, b, bus.id, 0).project.tracks[1].sends).toEqual([{ busId: bus.id, levelDb: 0 }]);
    expect(() => setSend(both, b, bus.id, 10)).toThrow("A send's level must be -60 to +6 dB.");
    expect(() => setSend(both, b, 'gone', -6)).toThrow('That effect bus is no longer there.');
    expect(() => setBusGain(both, bus.id, 40)).toThrow("A bus's fader goes from -36 to +12 dB.");
    expect(removeSend(both, b, bus.id).project.tracks[1].sends).toEqual([]);
    const deleted = deleteBus(both, bus.id);
    expect(deleted.label).toBe('Delete Bus 1');
    expect(deleted.project.buses).toEqual([]);
    expect(deleted.project.tracks.map((t) => t.sends)).toEqual([[], []]);
  });

  it("are renamed, never to nothing or to another bus's name; a new one takes the next free number", () => {
    const { project } = twoTracks();
    const [a, b] = project.tracks.map((t) => t.id);
    const two = createOutputBus(createBus(project, a).project, b).project;
    const [first, second] = two.buses!.map((x) => x.id);
    const renamed = renameBus(two, first, '  Drums ');
    expect(renamed.label).toBe('Rename bus');
    expect(renamed.project.buses!.map((x) => x.name)).toEqual(['Drums', 'Bus 2']);
    expect(() => renameBus(two, first, ' ')).toThrow('A bus needs a name.');
    expect(() => renameBus(two, first, 'Bus 2')).toThrow('Another bus is named Bus 2.');
    // Bus 1 deleted, Bus 2 left: the next is Bus 3, not a second Bus 2.
    const next = createOutputBus(deleteBus(two, first).project, a).project;
    expect(next.buses!.map((x) => x.name)).toEqual(['Bus 2', 'Bus 3']);
    expect(second).toBe(next.buses![0].id);
  });

  it('are made for the selected tracks, which play into it, named for their track group', () => {
    const { project } = twoTracks();
    const ids = project.tracks.map((t) => t.id);
    const made = createBusFor(project, ids);
    expect(made.label).toBe('New group bus');
    const [bus] = made.project.buses!;
    expect(bus.name).toBe('Bus 1');
    expect(made.project.tracks.map((t) => t.output)).toEqual([bus.id, bus.id]);
    const grouped = groupTracks(project, ids).project;
    const drums = renameGroup(grouped, grouped.groups![0].id, 'Drums').project;
    expect(createBusFor(drums, ids).project.buses![0].name).toBe('Drums');
    expect(createBusFor(drums, [ids[0]]).project.buses![0].name).toBe('Drums');
    expect(createBusFor(project, [ids[1]]).project.tracks.map((t) => t.output)).toEqual([
      undefined,
      expect.any(String),
    ]);
  });

  it('take an echo or a reverb wet only, a reverb at full level; other effects as they are', () => {
    expect(forBus(newTrackEffect('reverb'))).toMatchObject({ wetOnly: true, wetDb: 0 });
    expect(describeEffect(forBus(newTrackEffect('echo')))).toBe('Echo 0.375 s, each -8 dB, wet only');
    const eq = newTrackEffect('eq');
    expect(forBus(eq)).toBe(eq);
  });

  it("mix what the tracks send them, through the bus's effects and fader, under the tracks themselves", () => {
    const { project, assets } = twoTracks();
    const [a] = project.tracks.map((t) => t.id);
    const made = createBus(project, a).project;
    const busId = made.buses![0].id;
    const repeats = { id: 'e', on: true, kind: 'echo' as const, delaySeconds: 0.0125, decay: 0.5, wetOnly: true };
    const withEcho = { ...made, buses: [{ ...made.buses![0], effects: [repeats], gainDb: -6 }] };
    const p = setSend(withEcho, a, busId, -6).project;
    const range = { range: { start: 0, end: 800 } };
    const dry = mixdown(project, assets, { ...range, stereo: true });
    const sent = mixdown(project, assets, { ...range, trackIds: [a], stereo: true });
    const mix = mixdown(p, assets, range);
    expect(mix).toHaveLength(2);
    mix.forEach((channel, c) => {
      const echoes = echo([sent[c]], RATE, repeats)[0].map((v, i) => v - sent[c][i]);
      channel.forEach((v, i) => expect(v).toBeCloseTo(dry[c][i] + echoes[i] * 10 ** (-12 / 20), 5));
    });
    // A track mixed alone (stems, Mix and render) is itself, without what it sends.
    expect(mixdown(p, assets, { ...range, trackIds: [a], stereo: true })).toEqual(sent);
  });

  it("play a track routed into them (its output) through the bus's effects and fader instead of straight to the mix", () => {
    const { project, assets } = twoTracks();
    const [a, b] = project.tracks.map((t) => t.id);
    const made = createOutputBus(project, a);
    expect(made.label).toBe('New group bus');
    const bus = made.project.buses![0];
    expect(bus).toMatchObject({ name: 'Bus 1', gainDb: 0, effects: [] });
    expect(made.project.tracks.map((t) => t.output)).toEqual([bus.id, undefined]);
    const lowpass = { id: 'f', on: true, kind: 'filter' as const, type: 'lowpass' as const, hz: 300 };
    const p = { ...made.project, buses: [{ ...bus, effects: [lowpass], gainDb: -6 }] };
    const range = { range: { start: 0, end: 800 } };
    const alone = (id: string) => mixdown(project, assets, { ...range, trackIds: [id], stereo: true });
    const [first, second] = [alone(a), alone(b)];
    const mix = mixdown(p, assets, range);
    mix.forEach((channel, c) => {
      const filtered = filter(first[c], 'lowpass', 300, RATE);
      channel.forEach((v, i) => expect(v).toBeCloseTo(second[c][i] + 10 ** (-6 / 20) * filtered[i], 5));
    });
    // Back on the master, or with its bus deleted, the track plays straight into the mix again.
    const back = setOutput(p, a, undefined);
    expect(back.label).toBe('Output to the master');
    expect(back.project.tracks[0].output).toBeUndefined();
    expect(setOutput(p, a, bus.id).label).toBe('Output to Bus 1');
    expect(() => setOutput(p, a, 'gone')).toThrow('That effect bus is no longer there.');
    expect(deleteBus(p, bus.id).project.tracks[0].output).toBeUndefined();
    const plain = mixdown(project, assets, range);
    expect(mixdown(back.project, assets, range)).toEqual(plain);
  });

  it("take a pre-fader send before the track's fader: the bus hears it the same whatever the track's level and pan", () => {
    const { project, assets } = twoTracks();
    const [a, b] = project.tracks.map((t) => t.id);
    const made = createBus(project, a).project;
    const busId = made.buses![0].id;
    const bus = { ...made.buses![0], effects: [] }; // a plain return: what is sent comes back as it is
    const sent = setSend({ ...made, buses: [bus] }, a, busId, 0).project;
    const pre = setSendPreFader(sent, a, busId, true);
    expect(pre.label).toBe('Send before the fader');
    expect(pre.project.tracks[0].sends).toEqual([{ busId, levelDb: 0, preFader: true }]);
    // The level changed keeps the send before the fader.
    expect(setSend(pre.project, a, busId, -3).project.tracks[0].sends).toEqual([
      { busId, levelDb: -3, preFader: true },
    ]);
    const faded = (p: Project) => ({
      ...p,
      tracks: p.tracks.map((t) => (t.id === a ? { ...t, gainDb: -60, pan: 1 } : t)),
    });
    const range = { range: { start: 0, end: 800 } };
    const centred = mixdown(project, assets, { ...range, trackIds: [a], stereo: true });
    const others = mixdown(project, assets, { ...range, trackIds: [b], stereo: true });
    const preMix = mixdown(faded(pre.project), assets, range);
    const postMix = mixdown(faded(sent), assets, range);
    // Pre-fader: the other track, the send at 0 dB centred, and the faded track itself (60 dB down, hard right).
    preMix.forEach((channel, c) =>
      channel.forEach((v, i) =>
        expect(v).toBeCloseTo(others[c][i] + centred[c][i] + (c === 1 ? 0.001 * Math.SQRT2 * centred[c][i] : 0), 4),
      ),
    );
    // After the fader the bus gets the faded track: next to nothing over the other track.
    postMix.forEach((channel, c) => channel.forEach((v, i) => expect(v).toBeCloseTo(others[c][i], 2)));
    expect(setSendPreFader(pre.project, a, busId, false).project.tracks[0].sends).toEqual([{ busId, levelDb: 0 }]);
  });

  it("ride a send's level along its automation, times the send's level", () => {
    const { project, assets } = twoTracks();
    const [a, b] = project.tracks.map((t) => t.id);
    const made = createBus(project, a).project;
    const busId = made.buses![0].id;
    const plain = { ...made, buses: [{ ...made.buses![0], effects: [] }] };
    const ramp = [
      { at: 0, gain: 0 },
      { at: 800, gain: 1 },
    ];
    const riding = setSendVolume(setSend(plain, a, busId, -6).project, a, busId, ramp);
    expect(riding.tracks[0].sends).toEqual([{ busId, levelDb: -6, volume: ramp }]);
    const range = { range: { start: 0, end: 800 } };
    const dry = mixdown(project, assets, { ...range, trackIds: [a], stereo: true });
    const others = mixdown(project, assets, { ...range, trackIds: [b], stereo: true });
    const mix = mixdown(riding, assets, range);
    mix.forEach((channel, c) =>
      channel.forEach((v, i) => expect(v).toBeCloseTo(others[c][i] + dry[c][i] * (1 + 10 ** (-6 / 20) * (i / 800)), 5)),
    );
    expect(setSendVolume(riding, a, busId, []).tracks[0].sends).toEqual([{ busId, levelDb: -6 }]);
  });
});
