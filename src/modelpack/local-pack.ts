/** Packs the user picks from disk: a folder (its files) or a zip. Both become a PackReader over their entries. */
import { unzipSync } from 'fflate';
import type { PackReader } from './pack-files';

/** The entries keyed by path inside the pack: a top folder that holds everything (as folders and zips often have) is dropped. */
function byPackPath<T>(entries: [string, T][]): Map<string, T> {
  const paths = entries.map(([p]) => p.replace(/\\/g, '/'));
  const top = paths[0]?.split('/')[0];
  const nested = top !== undefined && paths.every((p) => p.startsWith(`${top}/`));
  return new Map(entries.map(([, v], i) => [nested ? paths[i].slice(top!.length + 1) : paths[i], v]));
}

function readerOf(lookup: (path: string) => Promise<Uint8Array> | undefined): PackReader {
  return async (path) => {
    const found = lookup(path);
    if (!found) throw new Error(`the chosen files have no ${path}`);
    return found;
  };
}

/** Files from a folder picker (webkitRelativePath) or a multi-file picker. */
export function folderReader(files: File[]): PackReader {
  const map = byPackPath(files.map((f) => [f.webkitRelativePath || f.name, f] as [string, File]));
  return readerOf((path) => {
    const file = map.get(path);
    return file && file.arrayBuffer().then((b) => new Uint8Array(b));
  });
}

/** A zip of a pack, unpacked in memory (packs are tens of MB). */
export async function zipReader(zip: Blob): Promise<PackReader> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
  } catch (e) {
    throw new Error(`the file is not a readable zip (${e instanceof Error ? e.message : String(e)})`);
  }
  const map = byPackPath(Object.entries(entries).filter(([p]) => !p.endsWith('/')));
  return readerOf((path) => {
    const bytes = map.get(path);
    return bytes && Promise.resolve(bytes);
  });
}
