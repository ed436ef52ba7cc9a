/** The typed handle on the inference worker: the only Comlink.wrap of the engine. */
import * as Comlink from 'comlink';
import type { Engine } from '../engine/engine';

let remote: Comlink.Remote<Engine> | undefined;

export function engine(): Comlink.Remote<Engine> {
  remote ??= Comlink.wrap<Engine>(
    new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}

export { Comlink };
