/** Effect edits from the Track effects panel and the master fader: each lands as one named undo step (a fader drag
 * previews as it goes and lands as one), and one refused (a setting out of bounds) is said, the project unchanged. */
import { deleteChainPreset, saveChainPreset } from '../project/chain-presets';
import { deleteEffectPreset, type EffectPreset, saveEffectPreset } from '../project/effect-presets';
import type { TrackEffectKind } from '../dsp/effect-chain';
import { setBusSend } from '../project/bus-routing';
import { forBus, SEND_DB, setBusGain, setBusPan, setSend } from '../project/buses';
import { linkedTracks } from '../project/track-groups';
import {
  addTrackEffect,
  EFFECT_NAMES,
  type EffectHost,
  effectsOf,
  MASTER,
  newTrackEffect,
  setMasterGain,
} from '../project/track-effects';
import type { TrackEdit } from '../project/track-ops';
import type { Project } from '../project/types';
import type { StudioStore } from '../store/studio-store';

/** Commits the edit; false (and the reason shown) where it was refused. */
export function commitEffectEdit(store: StudioStore, edit: (project: Project) => TrackEdit): boolean {
  const state = store.getState();
  try {
    const { label, project } = edit(state.project);
    state.commit(label, project);
    return true;
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** Sets the master's or an effect bus's fader: previewed during a gesture (a slider drag), else one step at once. */
export const changeBusGain = (store: StudioStore, host: EffectHost, gainDb: number) =>
  previewOrCommit(store, (p) => (host === MASTER ? setMasterGain(p, gainDb) : setBusGain(p, host, gainDb)));

/** A new effect of `kind` at the end of the host's chain, one undo step (on an effect bus an echo or a reverb comes
 * in wet only, as an aux return's). */
export function addEffect(store: StudioStore, host: EffectHost, kind: TrackEffectKind): boolean {
  const onBus = (store.getState().project.buses ?? []).some((b) => b.id === host);
  const effect = onBus ? forBus(newTrackEffect(kind)) : newTrackEffect(kind);
  return commitEffectEdit(store, (p) => addTrackEffect(p, host, effect));
}

/** A bus's pan (-1 left to 1 right): previewed during a gesture, else one step at once. */
export const changeBusPan = (store: StudioStore, busId: string, pan: number) =>
  previewOrCommit(store, (p) => setBusPan(p, busId, pan));

/** A bus's send to another bus: previewed during a gesture, else one step at once. */
export const changeBusSendLevel = (store: StudioStore, busId: string, target: string, levelDb: number) =>
  previewOrCommit(store, (p) => setBusSend(p, busId, target, levelDb));

/** Sets a track's send to a bus (its group's sends to that bus moved by as much, each held in its range): previewed
 * during a gesture, measured from where it began, else one step at once. */
export function changeSendLevel(store: StudioStore, trackId: string, busId: string, levelDb: number) {
  const base = store.getState().transactionBase ?? store.getState().project;
  const levelOf = (p: Project, id: string) =>
    p.tracks.find((t) => t.id === id)?.sends?.find((s) => s.busId === busId)?.levelDb;
  const by = levelDb - (levelOf(base, trackId) ?? levelDb);
  const mates = linkedTracks(base, trackId).filter((id) => id !== trackId && levelOf(base, id) !== undefined);
  const moved = (id: string) => Math.min(SEND_DB.max, Math.max(SEND_DB.min, (levelOf(base, id) ?? 0) + by));
  previewOrCommit(store, (p) => {
    const edit = setSend(p, trackId, busId, levelDb);
    return { ...edit, project: mates.reduce((q, id) => setSend(q, id, busId, moved(id)).project, edit.project) };
  });
}

/** The edit previewed during a gesture (a slider drag), else committed as one step; one refused is said. */
function previewOrCommit(store: StudioStore, edit: (project: Project) => TrackEdit): void {
  const state = store.getState();
  if (!state.transactionBase) {
    commitEffectEdit(store, edit);
    return;
  }
  try {
    state.preview(edit(state.project).project);
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
  }
}

/** Saves the host's chain under `name` among the user's chains (one of that name replaced); said either way. */
export function saveChain(store: StudioStore, host: EffectHost, name: string): boolean {
  const state = store.getState();
  try {
    const chainPresets = saveChainPreset(state.chainPresets, name, effectsOf(state.project, host));
    state.set({ chainPresets });
    state.notify(
      'info',
      `Saved the chain as “${name.trim()}”: Load a chain offers it on any track, bus or the master.`,
    );
    return true;
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** Deletes one of the user's saved chains (not a project edit: nothing to undo, so it is said). */
export function deleteChain(store: StudioStore, name: string): void {
  const state = store.getState();
  state.set({ chainPresets: deleteChainPreset(state.chainPresets, name) });
  state.notify('info', `Deleted the saved chain “${name}”.`);
}

/** Shows or hides the fader automation lane of the master or an effect bus (after the tracks); a view, not an edit. */
export function toggleBusVolumeLane(store: StudioStore, host: EffectHost): void {
  const { busVolumeLanes } = store.getState();
  const shown = busVolumeLanes.includes(host);
  store
    .getState()
    .set({ busVolumeLanes: shown ? busVolumeLanes.filter((h) => h !== host) : [...busVolumeLanes, host] });
}

/** Saves one of the host's effects' settings under `name` among the user's presets for its kind (one of that name
 * replaced); said either way. */
export function saveEffectPresetAs(store: StudioStore, host: EffectHost, effectId: string, name: string): boolean {
  const state = store.getState();
  const effect = effectsOf(state.project, host).find((e) => e.id === effectId);
  try {
    if (!effect) throw new Error('That effect is no longer there.');
    state.set({ effectPresets: saveEffectPreset(state.effectPresets, name, effect) });
    state.notify('info', `Saved the preset “${name.trim()}”: every ${EFFECT_NAMES[effect.kind]} offers it.`);
    return true;
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** Deletes one of the user's saved presets (not a project edit: nothing to undo, so it is said). */
export function deleteSavedEffectPreset(store: StudioStore, preset: EffectPreset): void {
  const state = store.getState();
  state.set({ effectPresets: deleteEffectPreset(state.effectPresets, preset.settings.kind, preset.name) });
  state.notify(
    'info',
    `Deleted the saved ${EFFECT_NAMES[preset.settings.kind as TrackEffectKind]} preset “${preset.name}”.`,
  );
}
