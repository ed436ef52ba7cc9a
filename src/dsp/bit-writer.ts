/** Writes a stream of bits, most significant first (as FLAC lays them out), into a byte array that grows. */
export class BitWriter {
  private bytes: Uint8Array;
  private length = 0;
  private acc = 0; // the bits not yet a whole byte
  private accBits = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Bytes written so far (whole ones). */
  get byteLength(): number {
    return this.length;
  }

  /** The low `count` bits of `value` (a non-negative number under 2^count, count <= 32). */
  write(value: number, count: number): void {
    if (count > 24) {
      this.write(Math.floor(value / 2 ** 24), count - 24);
      this.write(value % 2 ** 24, 24);
      return;
    }
    this.acc = (this.acc << count) | value;
    this.accBits += count;
    while (this.accBits >= 8) {
      this.accBits -= 8;
      this.push((this.acc >>> this.accBits) & 0xff);
    }
    this.acc &= (1 << this.accBits) - 1;
  }

  /** `count` zero bits: a Rice code's unary part. */
  writeZeros(count: number): void {
    for (; count > 24; count -= 24) this.write(0, 24);
    this.write(0, count);
  }

  /** Zero bits up to the next whole byte. */
  alignToByte(): void {
    if (this.accBits > 0) this.write(0, 8 - this.accBits);
  }

  writeBytes(bytes: Uint8Array): void {
    for (const b of bytes) this.write(b, 8);
  }

  /** The whole bytes from `start` (the writer must be on a byte boundary to hand them all over). */
  view(start = 0): Uint8Array {
    return this.bytes.subarray(start, this.length);
  }

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }
}

/** A table-driven CRC of `width` 8 or 16 bits, most significant bit first, starting from zero (FLAC's two). */
function crcTable(poly: number, width: 8 | 16): Uint16Array {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  return Uint16Array.from({ length: 256 }, (_, byte) => {
    let crc = byte << (width - 8);
    for (let bit = 0; bit < 8; bit++) crc = crc & top ? ((crc << 1) ^ poly) & mask : (crc << 1) & mask;
    return crc;
  });
}

const CRC8 = crcTable(0x07, 8);
const CRC16 = crcTable(0x8005, 16);

/** CRC-8, polynomial x^8 + x^2 + x + 1: a FLAC frame header's check. */
export function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = CRC8[crc ^ b];
  return crc;
}

/** CRC-16, polynomial x^16 + x^15 + x^2 + 1: a whole FLAC frame's check. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >>> 8) ^ b];
  return crc;
}
