/** The typed handle on the inference worker: the only Comlink.wrap of the engine, typed by its contract. */
import * as Comlink from 'comlink';
import { ENGINE_PROTOCOL_VERSION, type EngineApi, type EngineTestHooks } from '../protocol/engine-protocol';

let remote: Comlink.Remote<EngineApi & EngineTestHooks> | undefined;

function wrapped(): Comlink.Remote<EngineApi & EngineTestHooks> {
  remote ??= Comlink.wrap<EngineApi & EngineTestHooks>(
    new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}

/** The engine as the studio uses it. */
export function engine(): Comlink.Remote<EngineApi> {
  return wrapped();
}

/** The engine with its test hooks, for the page's test API only. */
export function engineForTests(): Comlink.Remote<EngineApi & EngineTestHooks> {
  return wrapped();
}

/** Null when the worker speaks this page's protocol, else why not (a page and a worker from different builds, as a
 * stale offline cache can pair them). */
export async function protocolMismatch(): Promise<string | null> {
  const version = await engine().protocolVersion();
  return version === ENGINE_PROTOCOL_VERSION
    ? null
    : `The model engine is from another version of the studio (protocol ${version}, this page speaks ${ENGINE_PROTOCOL_VERSION}). Reload the page to update it.`;
}

export { Comlink };
