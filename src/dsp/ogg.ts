/**
 * The Ogg container (RFC 3533) for one logical stream: packets laid into pages, each page with its segment table, the
 * granule position of the last packet it completes and a CRC-32. What Opus files (RFC 7845) are made of.
 */

/** Ogg's CRC-32: polynomial 0x04c11db7, most significant bit first, from zero, nothing xored at the end. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
  return crc;
}

export interface OggPacket {
  data: Uint8Array;
  /** The granule position once this packet is decoded (for Opus: 48 kHz samples, pre-skip included). */
  granule: number;
}

/** Most segments a page holds (its table's count is one byte). */
const MAX_SEGMENTS = 255;
/** Pages of audio are closed at about this size, as encoders keep them (a seek reads a page at a time). */
const PAGE_TARGET = 4096;

const BOS = 0x02;
const EOS = 0x04;

/** Lacing values of a packet: 255 for each full 255 bytes, then the rest (0 where it divides evenly). */
function lacing(length: number): number[] {
  return [...Array(Math.floor(length / 255)).fill(255), length % 255];
}

function page(packets: OggPacket[], granule: number, flags: number, serial: number, sequence: number): Uint8Array {
  const segments = packets.flatMap((p) => lacing(p.data.length));
  if (segments.length > MAX_SEGMENTS) throw new Error('An Ogg packet this large would need several pages.');
  const bodyLength = packets.reduce((n, p) => n + p.data.length, 0);
  const out = new Uint8Array(27 + segments.length + bodyLength);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
  view.setUint8(4, 0); // version
  view.setUint8(5, flags);
  view.setUint32(6, granule % 2 ** 32, true);
  view.setUint32(10, Math.floor(granule / 2 ** 32), true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  view.setUint8(26, segments.length);
  out.set(segments, 27);
  let at = 27 + segments.length;
  for (const p of packets) {
    out.set(p.data, at);
    at += p.data.length;
  }
  view.setUint32(22, oggCrc(out), true); // over the page with its CRC field still zero
  return out;
}

/** One logical stream: each header packet on a page of its own (the first marked as the stream's beginning), then the
 * audio packets a page of about 4 KB at a time, the last page marked as the end with `finalGranule` (which tells the
 * decoder how many samples of the last packets to keep). */
export function oggStream(
  headers: Uint8Array[],
  audio: OggPacket[],
  finalGranule: number,
  serial: number,
): Uint8Array[] {
  const pages = headers.map((data, i) => page([{ data, granule: 0 }], 0, i === 0 ? BOS : 0, serial, i));
  let pending: OggPacket[] = [];
  let bytes = 0;
  let segments = 0;
  const flush = (last: boolean) => {
    const granule = last ? finalGranule : pending[pending.length - 1].granule;
    pages.push(page(pending, granule, last ? EOS : 0, serial, pages.length));
    [pending, bytes, segments] = [[], 0, 0];
  };
  audio.forEach((packet, i) => {
    const count = lacing(packet.data.length).length;
    if (pending.length && (segments + count > MAX_SEGMENTS || bytes + packet.data.length > PAGE_TARGET)) flush(false);
    pending.push(packet);
    bytes += packet.data.length;
    segments += count;
    if (i === audio.length - 1) flush(true);
  });
  return pages;
}
