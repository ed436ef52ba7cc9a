/** A model pack's files as the engine reads them: from the app, a URL, the offline cache, a folder or a zip the
 * user picked (PackReader), each checked against the manifest's size and SHA-256. */
export class PackError extends Error {
  override name = 'PackError';
  constructor(
    readonly code: 'missing-file' | 'bad-hash' | 'bad-manifest' | 'session-mismatch',
    message: string,
  ) {
    super(message);
  }
}

/** Reads one file of the pack (from the app, a URL, the cache or the user's files). */
export type PackReader = (path: string, onBytes?: (loaded: number) => void) => Promise<Uint8Array>;

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

export async function readVerified(read: PackReader, file: string, bytes: number, sha256: string): Promise<Uint8Array> {
  let data: Uint8Array;
  try {
    data = await read(file);
  } catch (e) {
    throw new PackError(
      'missing-file',
      `The pack file "${file}" could not be read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (data.byteLength !== bytes)
    throw new PackError(
      'bad-hash',
      `The pack file "${file}" has ${data.byteLength} bytes; the manifest says ${bytes}. It is damaged or from another pack.`,
    );
  const digest = hex(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  if (digest !== sha256)
    throw new PackError(
      'bad-hash',
      `The pack file "${file}" fails its SHA-256 check: it is damaged or from another pack.`,
    );
  return data;
}

export const readJson = async (read: PackReader, file: string): Promise<unknown> => {
  try {
    return JSON.parse(new TextDecoder().decode(await read(file)));
  } catch (e) {
    throw new PackError(
      e instanceof SyntaxError ? 'bad-manifest' : 'missing-file',
      `The pack file "${file}" could not be read as JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
};
