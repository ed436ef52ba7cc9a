import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Md5 } from './md5';

const md5Of = (...pieces: Uint8Array[]) => {
  const hash = new Md5();
  for (const p of pieces) hash.update(p);
  return Buffer.from(hash.digest()).toString('hex');
};
const text = (s: string) => new TextEncoder().encode(s);

describe('Md5', () => {
  it('gives the test suite of RFC 1321', () => {
    expect(md5Of(text(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Of(text('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Of(text('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Of(text('1234567890'.repeat(8)))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it("agrees with Node's at every length around a block's padding, fed in any pieces", () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128, 300]) {
      const want = createHash('md5').update(bytes.subarray(0, n)).digest('hex');
      expect(md5Of(bytes.subarray(0, n))).toBe(want);
      expect(md5Of(bytes.subarray(0, 7), bytes.subarray(7, n))).toBe(want);
    }
  });
});
