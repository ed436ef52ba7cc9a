/** A take written to storage as it is recorded, so a tab that closes or crashes mid-take loses at most the last
 * second of it: the next start finds the journal and brings the take back as a track (src/app/record.ts). */
import { joinChunks } from '../playback/capture-chunks';
import { open } from './autosave';

const META_KEY = 'take';
/** Blocks are written together about once a second, not as each arrives. */
const FLUSH_EVERY_FRAMES = 44_100;

/** What the journal knows of its take: its rate, where on the timeline it starts, and when it began. */
export interface TakeMeta {
  sampleRate: number;
  from: number;
  startedAt: number;
}

// Keys in the studio's 'chunks' store that sort in order and keep apart from the audio saved there.
const blockKey = (seq: number) => `take/${String(seq).padStart(8, '0')}`;
const blocks = () => IDBKeyRange.bound('take/', 'take/\uffff'); // made when used: tests run where IndexedDB is not

/** The journal of the take now recording: an earlier one finishing late must not forget the newer one's blocks. */
let current: TakeJournal | null = null;

export class TakeJournal {
  private pending: Float32Array[][] = [];
  private pendingFrames = 0;
  private seq = 0;
  private writing: Promise<void>;

  /** A new journal, in place of any earlier one; writes queue behind its start, so blocks can come at once. */
  constructor(
    meta: TakeMeta,
    private readonly onError: (message: string) => void,
  ) {
    current = this;
    this.writing = discardTake()
      .then(async () => void (await (await open()).put('project', meta, META_KEY)))
      .catch((e) => this.onError(`The take could not be kept safe as it recorded (${String(e)}).`));
  }

  append(chunk: Float32Array[]): void {
    this.pending.push(chunk);
    this.pendingFrames += chunk[0]?.length ?? 0;
    if (this.pendingFrames >= FLUSH_EVERY_FRAMES) void this.flush();
  }

  /** Writes what is pending, after what was queued before it. */
  flush(): Promise<void> {
    const joined = joinChunks(this.pending);
    this.pending = [];
    this.pendingFrames = 0;
    if (joined.length === 0) return this.writing;
    const key = blockKey(this.seq++);
    this.writing = this.writing
      .then(async () => void (await (await open()).put('chunks', joined, key)))
      .catch((e) => this.onError(`The take could not be kept safe as it recorded (${String(e)}).`));
    return this.writing;
  }

  /** Forgets the take, once it is in the project (after what is queued, so nothing is written after). */
  async discard(): Promise<void> {
    this.pending = [];
    await this.writing;
    if (current !== this) return; // a newer take's journal replaced this one's already
    current = null;
    await discardTake();
  }
}

/** The take a closed tab left behind, or null. */
export async function unfinishedTake(): Promise<{ meta: TakeMeta; channels: Float32Array[] } | null> {
  const db = await open();
  const meta = (await db.get('project', META_KEY)) as TakeMeta | undefined;
  if (!meta) return null;
  const written = (await db.getAll('chunks', blocks())) as Float32Array[][];
  return { meta, channels: joinChunks(written) };
}

/** Forgets the journal (a take that ended, or one brought back). */
export async function discardTake(): Promise<void> {
  const db = await open();
  await db.delete('chunks', blocks());
  await db.delete('project', META_KEY);
}
