/** The video files a project scores, by id: in memory while the page lives, and in the studio's database so that a
 * reload brings the picture back with the project. */
import { open } from '../persist/autosave';

const files = new Map<string, File>();
const key = (id: string) => `video:${id}`;

export async function keepVideoFile(id: string, file: File): Promise<void> {
  files.set(id, file);
  const db = await open();
  await db.put('project', file, key(id));
}

/** The file, from memory or the database; null when it is gone (the project then asks for it again). */
export async function videoFile(id: string): Promise<File | null> {
  const known = files.get(id);
  if (known) return known;
  const db = await open();
  const stored = (await db.get('project', key(id))) as File | undefined;
  if (stored) files.set(id, stored);
  return stored ?? null;
}
