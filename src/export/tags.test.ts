/** Tags and chapters written into each format, read back by ffprobe (libavformat's own readers of ID3v2, Vorbis
 * comments and RIFF INFO). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeAs, type ExportFormat } from './file-formats';
import type { FileMetadata } from './tags';
import { ffprobeMetadata } from '../../e2e/sox';

const dir = mkdtempSync(join(tmpdir(), 'tags-'));
const tone = [0, 1].map(() => Float32Array.from({ length: 44100 * 3 }, (_, i) => 0.3 * Math.sin(i / 10)));
const metadata: FileMetadata = {
  tags: {
    title: 'Episode 12: Ærøskøbing',
    artist: 'Omni Studio',
    album: 'Field notes',
    track: '12',
    year: '2026',
    genre: 'Podcast',
    comment: 'Recorded on the ferry',
  },
  chapters: [
    { title: 'Intro', start: 0, end: 1.25 },
    { title: 'The harbour', start: 1.25, end: 3 },
  ],
};

/** The tags as ffprobe names them (the year is a date). */
const READ_BACK = {
  title: metadata.tags.title,
  artist: 'Omni Studio',
  album: 'Field notes',
  track: '12',
  date: '2026',
  genre: 'Podcast',
  comment: 'Recorded on the ferry',
};

async function probe(format: ExportFormat, extension: string, meta = metadata) {
  const path = join(dir, `${format}.${extension}`);
  writeFileSync(path, new Uint8Array(await encodeAs(tone, 44100, format, 128, meta)));
  return ffprobeMetadata(path);
}

describe('file tags and chapters', () => {
  it('FLAC: Vorbis comments and CHAPTERnnn, flac -t still passing', async () => {
    const { tags, chapters } = await probe('flac16', 'flac');
    expect(tags).toMatchObject(READ_BACK);
    expect(chapters).toEqual(metadata.chapters);
    execFileSync('flac', ['-t', '-s', join(dir, 'flac16.flac')]);
  });

  it('MP3: an ID3v2.4 tag with CHAP frames, the audio after it as long as before', async () => {
    const { tags, chapters, seconds } = await probe('mp3', 'mp3');
    expect(tags).toMatchObject(READ_BACK);
    expect(chapters).toEqual(metadata.chapters);
    expect(seconds).toBeCloseTo(3, 1);
  });

  it('WAV: a LIST/INFO chunk after the samples, which stay as they were', async () => {
    const { tags, seconds } = await probe('pcm16', 'wav');
    expect(tags).toMatchObject({
      title: metadata.tags.title,
      artist: 'Omni Studio',
      album: 'Field notes',
      genre: 'Podcast',
    });
    expect(seconds).toBe(3);
    const plain = new Uint8Array(await encodeAs(tone, 44100, 'pcm16', 128));
    const tagged = new Uint8Array(await encodeAs(tone, 44100, 'pcm16', 128, metadata));
    expect(tagged.subarray(8, plain.length)).toEqual(plain.subarray(8));
  });

  it('writes nothing where there is nothing to say (blank fields left out)', async () => {
    const blank = { tags: { title: '  ', artist: '' }, chapters: [] };
    expect((await probe('mp3', 'mp3', blank)).tags.title).toBeUndefined();
    const plain = new Uint8Array(await encodeAs(tone, 44100, 'pcm16', 128));
    expect(new Uint8Array(await encodeAs(tone, 44100, 'pcm16', 128, blank))).toEqual(plain);
  });
});
