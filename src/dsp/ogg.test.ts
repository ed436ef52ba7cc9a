import { describe, expect, it } from 'vitest';
import { oggCrc, oggStream } from './ogg';

/** The pages' headers: flags, granule, sequence, segment table; and each page's CRC recomputed with its field zeroed. */
function readPages(pages: Uint8Array[]) {
  return pages.map((page) => {
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const count = page[26];
    const zeroed = page.slice();
    zeroed.fill(0, 22, 26);
    return {
      magic: new TextDecoder().decode(page.subarray(0, 4)),
      flags: page[5],
      granule: view.getUint32(6, true) + view.getUint32(10, true) * 2 ** 32,
      serial: view.getUint32(14, true),
      sequence: view.getUint32(18, true),
      segments: [...page.subarray(27, 27 + count)],
      crcHolds: view.getUint32(22, true) === oggCrc(zeroed),
      bodyLength: page.length - 27 - count,
    };
  });
}

describe('Ogg pages', () => {
  it("takes Ogg's CRC (CRC-32 from zero, unreflected, nothing xored: cksum's before its final xor)", () => {
    expect(oggCrc(new TextEncoder().encode('123456789'))).toBe(0x89a1897f); // 0x765e7680 xor 0xffffffff
  });

  it('puts each header on a page, laces packets of 255 bytes with a closing 0, and ends with the final granule', () => {
    const bytes = (n: number) => new Uint8Array(n).fill(7);
    const audio = [255, 100, 510, 3].map((n, i) => ({ data: bytes(n), granule: 1000 * (i + 1) }));
    const pages = readPages(oggStream([bytes(19), bytes(40)], audio, 3500, 42));
    expect(pages.map((p) => [p.magic, p.flags, p.sequence, p.serial, p.crcHolds])).toEqual([
      ['OggS', 2, 0, 42, true],
      ['OggS', 0, 1, 42, true],
      ['OggS', 4, 2, 42, true],
    ]);
    expect(pages[2].segments).toEqual([255, 0, 100, 255, 255, 0, 3]);
    expect(pages[2].bodyLength).toBe(255 + 100 + 510 + 3);
    expect(pages[2].granule).toBe(3500);
  });

  it('closes a page at about 4 KB, its granule that of the last packet it completes', () => {
    const audio = Array.from({ length: 30 }, (_, i) => ({ data: new Uint8Array(400), granule: 960 * (i + 1) }));
    const pages = readPages(oggStream([new Uint8Array(19)], audio, 960 * 30 - 100, 1)).slice(1);
    expect(pages.length).toBe(3);
    expect(pages.map((p) => p.bodyLength)).toEqual([4000, 4000, 4000]);
    expect(pages.map((p) => p.granule)).toEqual([960 * 10, 960 * 20, 960 * 30 - 100]);
    expect(pages.map((p) => p.flags)).toEqual([0, 0, 4]);
  });
});
