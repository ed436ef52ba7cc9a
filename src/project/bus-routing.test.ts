import { describe, expect, it } from 'vitest';
import type { TrackEffect } from '../dsp/effect-chain';
import { filter } from '../dsp/filters';
import { exportTail } from '../export/ring-out';
import { AssetStore } from './asset-store';
import {
  busesInMixOrder,
  busOutputOf,
  busSendsOf,
  busTargets,
  removeBusSend,
  setBusOutput,
  setBusSend,
  setBusSendVolume,
} from './bus-routing';
import { createBusOutputBus, deleteBus, setBusMute, setBusPan, setOutput } from './buses';
import { clipAt } from './clip.fixture';
import { mixdown } from './mixdown';
import { liveChanges, newTrackEffect } from './track-effects';
import { type EffectBus, emptyProject, newTrack, type Project } from './types';

const RATE = 8000;

const bus = (id: string, effects: TrackEffect[] = [], output?: string): EffectBus => ({
  id,
  name: `Bus ${id}`,
  gainDb: 0,
  effects,
  ...(output ? { output } : {}),
});

/** Buses a → b → c and a fourth, d, on the master. */
const chained = (): Project => ({
  ...emptyProject(RATE),
  buses: [bus('c'), bus('b', [], 'c'), bus('a', [], 'b'), bus('d')],
});

const lowpass = { id: 'l', on: true, kind: 'filter' as const, type: 'lowpass' as const, hz: 1000 };

/** Two tones on two tracks, 220 Hz and 3 kHz, straight to the master. */
function twoTones() {
  const assets = new AssetStore();
  const tone = (hz: number) =>
    assets.add([Float32Array.from({ length: 800 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * hz * i) / RATE))], RATE);
  const tracks = [220, 3000].map((hz, i) => ({ ...newTrack(i), clips: [clipAt(`c${i}`, tone(hz).id, 0, 800)] }));
  const plain: Project = { ...emptyProject(RATE), tracks };
  return { assets, tracks, plain };
}

describe('a bus played into another bus', () => {
  it('is refused where it would feed back; deleting the bus it plays into puts it back on the master', () => {
    const project = chained();
    expect(busOutputOf(project, 'a')).toBe('b');
    expect(busOutputOf(project, 'c')).toBeUndefined();
    expect(busTargets(project, 'b').map((b) => b.id)).toEqual(['c', 'd']); // not itself, not a (which feeds it)
    expect(busTargets(project, 'd').map((b) => b.id)).toEqual(['c', 'b', 'a']);
    expect(() => setBusOutput(project, 'c', 'a')).toThrow(
      'Bus a plays into Bus c: routed back, the sound would feed back on itself.',
    );
    expect(() => setBusOutput(project, 'a', 'a')).toThrow('A bus cannot play into itself.');
    expect(() => setBusOutput(project, 'a', 'gone')).toThrow('That effect bus is no longer there.');
    const routed = setBusOutput(project, 'd', 'a');
    expect(routed.label).toBe('Bus d to Bus a');
    expect(busOutputOf(routed.project, 'd')).toBe('a');
    const back = setBusOutput(routed.project, 'a', undefined);
    expect(back.label).toBe('Bus a to the master');
    expect(back.project.buses?.find((b) => b.id === 'a')).not.toHaveProperty('output');
    const grouped = createBusOutputBus(project, 'd');
    expect(grouped.label).toBe('New group bus');
    expect(grouped.project.buses?.at(-1)).toMatchObject({ name: 'Bus 5', effects: [] });
    expect(busOutputOf(grouped.project, 'd')).toBe(grouped.project.buses?.at(-1)?.id);
    const deleted = deleteBus(project, 'b').project;
    expect(deleted.buses?.map((b) => [b.id, b.output])).toEqual([
      ['c', undefined],
      ['a', undefined],
      ['d', undefined],
    ]);
  });

  it('runs before the bus it plays into; a loop a damaged file holds is broken where it closes, never followed', () => {
    expect(busesInMixOrder(chained()).map((b) => b.id)).toEqual(['a', 'b', 'c', 'd']);
    const looped = { ...emptyProject(RATE), buses: [bus('x', [], 'y'), bus('y', [], 'x'), bus('z', [], 'x')] };
    // The first way in the list is kept, the one closing the loop left out.
    expect(looped.buses.map((b) => busOutputOf(looped, b.id))).toEqual(['y', undefined, 'x']);
    expect(busesInMixOrder(looped).map((b) => b.id)).toEqual(['z', 'x', 'y']);
  });

  it("mixes a track through its bus's effects, then through the bus that bus plays into, whatever their order", () => {
    const { assets, tracks, plain } = twoTones();
    const highpass = { id: 'h', on: true, kind: 'filter' as const, type: 'highpass' as const, hz: 100 };
    // The bus played into comes first in the list: the mix still runs the drums bus before it.
    const buses = [{ ...bus('mix', [highpass]), gainDb: -6 }, bus('drums', [lowpass], 'mix')];
    const project = setOutput({ ...plain, buses }, tracks[0].id, 'drums').project;
    const range = { range: { start: 0, end: 800 } };
    const alone = (id: string) => mixdown(plain, assets, { ...range, trackIds: [id], stereo: true });
    const [first, second] = [alone(tracks[0].id), alone(tracks[1].id)];
    const mix = mixdown(project, assets, range);
    mix.forEach((channel, c) => {
      const through = filter(filter(first[c], 'lowpass', 1000, RATE), 'highpass', 100, RATE);
      channel.forEach((v, i) => expect(v).toBeCloseTo(second[c][i] + 10 ** (-6 / 20) * through[i], 5));
    });
    // Muted, a bus is heard nowhere: nor is what plays into it (a muted target silences the way to it).
    const muted = setBusMute(project, 'mix', true);
    expect(muted.label).toBe('Mute Bus mix');
    const without = mixdown(plain, assets, { ...range, trackIds: [tracks[1].id], stereo: true });
    expect(mixdown(muted.project, assets, range)).toEqual(without);
    expect(mixdown(setBusMute(muted.project, 'mix', false).project, assets, range)).toEqual(mix);
    expect(setBusMute(muted.project, 'mix', false).project.buses?.[0]).not.toHaveProperty('mute');
    expect(liveChanges(project, muted.project)).toEqual({ effects: [], lanes: [] }); // taken as it plays
    // Panned hard left after its fader: its return all on the left, the right the other track's alone; its pan is
    // taken as it plays.
    const left = setBusPan(project, 'mix', -1);
    expect(left.label).toBe('Bus pan');
    expect(() => setBusPan(project, 'mix', 2)).toThrow("A bus's pan goes from -1 (left) to 1 (right).");
    const panned = mixdown(left.project, assets, range);
    panned[1].forEach((v, i) => expect(v).toBeCloseTo(second[1][i], 6));
    panned[0].forEach((v, i) =>
      expect(v).toBeCloseTo(second[0][i] + mix[0][i] - second[0][i] + mix[1][i] - second[1][i], 5),
    );
    expect(liveChanges(project, left.project)).toEqual({ effects: [], lanes: [] });
    const direct = setBusOutput(project, 'drums', undefined).project;
    const once = mixdown(direct, assets, range);
    once.forEach((channel, c) => {
      const through = filter(first[c], 'lowpass', 1000, RATE);
      channel.forEach((v, i) => expect(v).toBeCloseTo(second[c][i] + through[i], 5));
    });
  });

  it('send from a bus after its fader, refused where the send would come back round; deleting a bus drops them', () => {
    const project = chained(); // a → b → c, d
    const sent = setBusSend(project, 'd', 'a');
    expect(sent.label).toBe('Send level');
    expect(busSendsOf(sent.project, 'd')).toEqual([{ busId: 'a', levelDb: -12 }]);
    expect(setBusSend(sent.project, 'd', 'a', -3).project.buses?.[3].sends).toEqual([{ busId: 'a', levelDb: -3 }]);
    expect(() => setBusSend(project, 'c', 'a')).toThrow('Bus a plays into Bus c');
    expect(() => setBusSend(sent.project, 'a', 'd')).toThrow('Bus d plays into Bus a'); // d sends to a
    expect(() => setBusSend(project, 'd', 'a', 10)).toThrow("A send's level must be -60 to +6 dB.");
    expect(busTargets(sent.project, 'a').map((b) => b.id)).toEqual(['c', 'b']);
    expect(busesInMixOrder(sent.project).map((b) => b.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(removeBusSend(sent.project, 'd', 'a').project.buses?.[3]).not.toHaveProperty('sends');
    expect(deleteBus(sent.project, 'a').project.buses?.find((b) => b.id === 'd')?.sends).toEqual([]);
  });

  it("mixes a bus's send into the bus it sends to, after its fader, beside its own return", () => {
    const { assets, tracks, plain } = twoTones();
    const buses = [
      { ...bus('verb', [lowpass]), gainDb: -6 },
      { ...bus('vox'), gainDb: -3 },
    ];
    const routed = setOutput({ ...plain, buses }, tracks[0].id, 'vox').project;
    const project = setBusSend(routed, 'vox', 'verb', -12).project;
    const range = { range: { start: 0, end: 800 } };
    const alone = (id: string) => mixdown(plain, assets, { ...range, trackIds: [id], stereo: true });
    const [first, second] = [alone(tracks[0].id), alone(tracks[1].id)];
    const [vox, send, verb] = [-3, -12, -6].map((db) => 10 ** (db / 20));
    mixdown(project, assets, range).forEach((channel, c) => {
      const through = filter(first[c], 'lowpass', 1000, RATE);
      channel.forEach((v, i) =>
        expect(v).toBeCloseTo(second[c][i] + vox * first[c][i] + vox * send * verb * through[i], 5),
      );
    });
  });

  it("follows a bus send's level automation in the mix, times its level; a new level keeps the lane", () => {
    const { assets, tracks, plain } = twoTones();
    const routed = setOutput({ ...plain, buses: [bus('verb'), bus('vox')] }, tracks[0].id, 'vox').project;
    const sent = setBusSend(routed, 'vox', 'verb', -6).project;
    // Up from silence at sample 200 to full at 600.
    const ramp = [
      { at: 200, gain: 0 },
      { at: 600, gain: 1 },
    ];
    const project = setBusSendVolume(sent, 'vox', 'verb', ramp);
    expect(busSendsOf(setBusSend(project, 'vox', 'verb', -3).project, 'vox')).toEqual([
      { busId: 'verb', levelDb: -3, volume: ramp },
    ]);
    expect(busSendsOf(setBusSendVolume(project, 'vox', 'verb', []), 'vox')).toEqual([{ busId: 'verb', levelDb: -6 }]);
    const range = { range: { start: 0, end: 800 } };
    const alone = (id: string) => mixdown(plain, assets, { ...range, trackIds: [id], stereo: true });
    const [first, second] = [alone(tracks[0].id), alone(tracks[1].id)];
    const send = 10 ** (-6 / 20);
    const gain = (i: number) => Math.min(1, Math.max(0, (i - 200) / 400));
    mixdown(project, assets, range).forEach((channel, c) => {
      channel.forEach((v, i) => expect(v).toBeCloseTo(second[c][i] + first[c][i] * (1 + send * gain(i)), 5));
    });
  });

  it('rings out an export for the tails of the bus and of the buses it plays into, added up', () => {
    const reverb = (decaySeconds: number) => ({ ...newTrackEffect('reverb'), decaySeconds }) as TrackEffect;
    const project = { ...emptyProject(1000), buses: [bus('room', [reverb(1)], 'hall'), bus('hall', [reverb(2)])] };
    // Each chain: 0.25 s and a reverb's decay half again (ringOutSeconds).
    expect(exportTail(project)).toBe((1.75 + 3.25) * 1000);
    expect(exportTail(setBusOutput(project, 'room', undefined).project)).toBe(3.25 * 1000);
    expect(exportTail(setBusMute(project, 'room', true).project)).toBe(3.25 * 1000); // a muted bus's tail is unheard
    // A send counts as a way on: the room's tail sent on through the hall rings for both.
    const apart = { ...project, buses: [bus('room', [reverb(1)]), bus('hall', [reverb(2)])] };
    expect(exportTail(apart)).toBe(3.25 * 1000);
    expect(exportTail(setBusSend(apart, 'room', 'hall').project)).toBe((1.75 + 3.25) * 1000);
  });
});
