/**
 * What an exported file says about itself, as Audacity's Metadata Editor writes it: title, artist, album, track, year,
 * genre and comment, and chapters (a podcast's, from the labels written by hand). Each format has its own place for
 * them: FLAC's and Opus's Vorbis comments (chapters as CHAPTERnnn and CHAPTERnnnNAME, which ffmpeg and players read),
 * an MP3's ID3v2.4 tag (chapters as CHAP frames under a CTOC, the ID3 chapter addendum podcast apps read) and a WAV's
 * LIST/INFO chunk (no chapters: WAV has no standard place players read them from).
 */
import { concatBytes } from '../dsp/bytes';
import type { FileTags } from '../project/types';

export const TAG_FIELDS: { key: keyof FileTags; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'artist', label: 'Artist' },
  { key: 'album', label: 'Album' },
  { key: 'track', label: 'Track number' },
  { key: 'year', label: 'Year' },
  { key: 'genre', label: 'Genre' },
  { key: 'comment', label: 'Comment' },
];

export interface Chapter {
  title: string;
  /** Seconds from the file's start. */
  start: number;
  end: number;
}

/** Tags and chapters for one file; what is empty is left out. */
export interface FileMetadata {
  tags: FileTags;
  chapters: Chapter[];
}

const filled = (tags: FileTags) =>
  TAG_FIELDS.map(({ key }) => [key, tags[key]?.trim() ?? ''] as const).filter(([, v]) => v);

const VORBIS_NAMES: Record<keyof FileTags, string> = {
  title: 'TITLE',
  artist: 'ARTIST',
  album: 'ALBUM',
  track: 'TRACKNUMBER',
  year: 'DATE',
  genre: 'GENRE',
  comment: 'COMMENT',
};

/** h:mm:ss.mmm, as the CHAPTERnnn comments of the Ogg chapter extension write a time. */
function chapterTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** FLAC's (and Ogg's) Vorbis comments: NAME=value. */
export function vorbisComments({ tags, chapters }: FileMetadata): string[] {
  const comments = filled(tags).map(([key, v]) => `${VORBIS_NAMES[key]}=${v}`);
  chapters.forEach((c, i) => {
    const n = String(i + 1).padStart(3, '0');
    comments.push(`CHAPTER${n}=${chapterTime(c.start)}`, `CHAPTER${n}NAME=${c.title}`);
  });
  return comments;
}

const INFO_IDS: Record<keyof FileTags, string> = {
  title: 'INAM',
  artist: 'IART',
  album: 'IPRD',
  track: 'ITRK',
  year: 'ICRD',
  genre: 'IGNR',
  comment: 'ICMT',
};

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A RIFF chunk: id, little-endian size, the body, a pad byte to an even length. */
function riffChunk(id: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  out.set(utf8(id));
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

/** A WAV's LIST/INFO chunk (strings NUL-terminated, UTF-8); none where there are no tags. */
export function wavInfoChunk(tags: FileTags): Uint8Array | null {
  const fields = filled(tags);
  if (!fields.length) return null;
  const body = concatBytes([utf8('INFO'), ...fields.map(([key, v]) => riffChunk(INFO_IDS[key], utf8(`${v}\0`)))]);
  return riffChunk('LIST', body);
}

/** The WAV file with the chunk added at its end and the RIFF size grown to hold it. */
export function appendRiffChunk(wav: ArrayBuffer, chunk: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(wav.byteLength + chunk.length);
  out.set(new Uint8Array(wav));
  out.set(chunk, wav.byteLength);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out.buffer;
}

const ID3_TEXT: Record<keyof FileTags, string> = {
  title: 'TIT2',
  artist: 'TPE1',
  album: 'TALB',
  track: 'TRCK',
  year: 'TDRC',
  genre: 'TCON',
  comment: 'COMM',
};

/** A 28-bit number as ID3v2.4 writes sizes: 7 bits a byte, the top bit clear. */
function syncsafe(n: number): Uint8Array {
  return Uint8Array.of((n >>> 21) & 0x7f, (n >>> 14) & 0x7f, (n >>> 7) & 0x7f, n & 0x7f);
}

function id3Frame(id: string, body: Uint8Array): Uint8Array {
  return concatBytes([utf8(id), syncsafe(body.length), Uint8Array.of(0, 0), body]);
}

const UTF8_ENCODING = Uint8Array.of(3);

/** A text frame (UTF-8); COMM also carries a language and an empty description. */
function id3Text(id: string, value: string): Uint8Array {
  if (id === 'COMM') return id3Frame(id, concatBytes([UTF8_ENCODING, utf8('eng'), Uint8Array.of(0), utf8(value)]));
  return id3Frame(id, concatBytes([UTF8_ENCODING, utf8(value)]));
}

function uint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0);
  return out;
}

/** The chapters as CHAP frames (times in ms, byte offsets unknown) and the table of contents that orders them. */
function id3Chapters(all: Chapter[]): Uint8Array[] {
  const chapters = all.slice(0, 255); // the table of contents counts them in a byte
  if (!chapters.length) return [];
  const ids = chapters.map((_, i) => utf8(`ch${i}\0`));
  const frames = chapters.map((c, i) =>
    id3Frame(
      'CHAP',
      concatBytes([
        ids[i],
        uint32(Math.round(c.start * 1000)),
        uint32(Math.round(c.end * 1000)),
        uint32(0xffffffff),
        uint32(0xffffffff),
        id3Text('TIT2', c.title),
      ]),
    ),
  );
  const toc = id3Frame('CTOC', concatBytes([utf8('toc\0'), Uint8Array.of(0x03, chapters.length), ...ids]));
  return [toc, ...frames];
}

/** An ID3v2.4 tag to put before an MP3's frames; none where there is nothing to say. */
export function id3Tag(metadata: FileMetadata): Uint8Array | null {
  const frames = [
    ...filled(metadata.tags).map(([key, v]) => id3Text(ID3_TEXT[key], v)),
    ...id3Chapters(metadata.chapters),
  ];
  if (!frames.length) return null;
  const body = concatBytes(frames);
  return concatBytes([utf8('ID3'), Uint8Array.of(4, 0, 0), syncsafe(body.length), body]);
}

export const withPrefix = (prefix: Uint8Array | null, bytes: Uint8Array) =>
  prefix ? concatBytes([prefix, bytes]) : bytes;
