/** The impulse responses a project's convolution reverbs play (src/dsp/convolution.ts): audio assets of the project
 * as its clips are, saved, autosaved and kept alive with it, and handed to the effect chains that need them. */
import { type ImpulseSamples, type Impulses, impulseAssetIds } from '../dsp/convolution';
import type { TrackEffect } from '../dsp/effect-chain';
import type { AssetStore } from './asset-store';
import type { Project } from './types';

/** Every effect list of the project: its tracks', its buses', its master's, and those its kept mixes hold. */
function effectLists(project: Project): (readonly TrackEffect[] | undefined)[] {
  const mixes = (project.mixes ?? []).flatMap((m) => [
    ...Object.values(m.tracks).map((t) => t.effects),
    ...Object.values(m.effects ?? {}),
  ]);
  return [
    ...project.tracks.map((t) => t.effects),
    ...(project.buses ?? []).map((b) => b.effects),
    project.master?.effects,
    ...mixes,
  ];
}

/** The asset ids of the impulses the project's convolution reverbs play, wherever they are. */
export const projectImpulseIds = (project: Project): string[] => effectLists(project).flatMap(impulseAssetIds);

/** The loaded impulses `effects` play, by asset id (those the store holds), at the rates they were loaded at. */
export function impulsesOf(
  effects: readonly TrackEffect[] | undefined,
  assets: AssetStore,
): Map<string, ImpulseSamples> {
  const ids = impulseAssetIds(effects).filter((id) => assets.has(id));
  return new Map(
    ids.map((id) => {
      const { sampleRate, channels } = assets.get(id);
      return [id, { rate: sampleRate, channels }];
    }),
  );
}

/** The names of the loaded impulses `effects` play that the store no longer holds (a chain saved in another
 * project): those convolution reverbs play the dry sound alone. */
export const missingImpulses = (effects: readonly TrackEffect[], assets: AssetStore): string[] =>
  effects.flatMap((e) =>
    e.kind === 'convolver' && 'assetId' in e.impulse && !assets.has(e.impulse.assetId) ? [e.impulse.name] : [],
  );

export type { Impulses };
