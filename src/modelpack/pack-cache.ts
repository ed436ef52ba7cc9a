/** Keeps model packs in Cache Storage so they load without the network; lists and deletes them; checks the quota. */
import type { CachedPack } from '../protocol/engine-protocol';
import type { PackReader } from './pack-files';

const CACHE = 'omni-packs-v1';

export class QuotaError extends Error {
  override name = 'QuotaError';
}

/** Reads from the cache first, else from `network`, storing what it fetched. Integrity is checked by the loader. */
export function cachedReader(base: URL, network: PackReader): PackReader {
  return async (path, onBytes) => {
    const cache = await caches.open(CACHE);
    const url = new URL(path, base).href;
    const hit = await cache.match(url);
    if (hit) return new Uint8Array(await hit.arrayBuffer());
    const bytes = await network(path, onBytes);
    await cache.put(
      url,
      new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.byteLength) } }),
    );
    return bytes;
  };
}

/** Fails early, with both figures, when a pack will not fit in what the browser lets the studio store. */
export async function ensureRoom(bytes: number): Promise<void> {
  await navigator.storage?.persist?.().catch(() => false);
  const estimate = await navigator.storage?.estimate?.();
  if (!estimate?.quota) return;
  const free = estimate.quota - (estimate.usage ?? 0);
  if (bytes > free) {
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
    throw new QuotaError(
      `The pack needs ${mb(bytes)}; this browser lets the studio store only ${mb(free)} more. Delete cached packs or free space.`,
    );
  }
}

export async function listCachedPacks(): Promise<CachedPack[]> {
  const cache = await caches.open(CACHE);
  const packs: CachedPack[] = [];
  for (const request of await cache.keys()) {
    if (!request.url.endsWith('/manifest.json')) continue;
    const manifest = await (await cache.match(request))!.json();
    packs.push({
      base: request.url.slice(0, -'manifest.json'.length),
      name: String(manifest.name),
      bytes: Number(manifest.bytes),
    });
  }
  return packs;
}

export async function deleteCachedPack(base: string): Promise<number> {
  const cache = await caches.open(CACHE);
  let removed = 0;
  for (const request of await cache.keys()) {
    if (request.url.startsWith(base) && (await cache.delete(request))) removed++;
  }
  return removed;
}
