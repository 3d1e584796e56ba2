/**
 * A string's UTF-16 code units in a reusable typed array, for scans that read every unit, some of
 * them several times. On the server Node's Buffer copies a long string natively, several times
 * faster than a charCodeAt loop; in the browser (keyword previews) the loop does it.
 */
type NativeBytes = { write(text: string, offset: number, encoding: "utf16le"): number };
type NativeBuffer = { from(memory: ArrayBuffer, byteOffset: number, length: number): NativeBytes };

// Read from globalThis, so a browser bundle neither polyfills Buffer nor breaks without it.
const nodeBuffer = (globalThis as { Buffer?: NativeBuffer }).Buffer;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const native = nodeBuffer && littleEndian ? nodeBuffer : null;
/** Shorter strings are read unit by unit: the native call costs more than it saves. */
const NATIVE_FROM = 64;

export type UnitReader = {
  /** The units of `text` and one 0 unit after them; valid until the next read. */
  read(text: string): Uint16Array;
};

export function unitReader(initialSize = 1024): UnitReader {
  let units = new Uint16Array(0);
  let bytes: NativeBytes | null = null;
  const grow = (size: number) => {
    units = new Uint16Array(size);
    bytes = native ? native.from(units.buffer, 0, size * 2) : null;
  };
  grow(initialSize);
  return {
    read(text) {
      const n = text.length;
      if (units.length <= n) grow(Math.max(n + 1, units.length * 2));
      if (bytes && n >= NATIVE_FROM) bytes.write(text, 0, "utf16le");
      else for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
      units[n] = 0;
      return units;
    },
  };
}
