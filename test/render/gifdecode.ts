/** A small GIF reader for tests: the frames as full-canvas RGBA pictures, and their delays. */

export interface DecodedGif {
  width: number;
  height: number;
  loops: boolean;
  frames: { delayMs: number; box: { x: number; y: number; w: number; h: number }; rgba: Uint8Array }[];
}

function lzw(data: Uint8Array, minCodeSize: number, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels);
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  let size = minCodeSize + 1;
  let dict: number[][] = [];
  const reset = () => {
    dict = [];
    for (let i = 0; i < clear; i++) dict[i] = [i];
    dict[clear] = [];
    dict[eoi] = [];
    size = minCodeSize + 1;
  };
  reset();
  let bits = 0;
  let acc = 0;
  let pos = 0;
  let o = 0;
  let prev: number[] | undefined;
  while (pos < data.length || bits >= size) {
    while (bits < size && pos < data.length) {
      acc |= data[pos++]! << bits;
      bits += 8;
    }
    if (bits < size) break;
    const code = acc & ((1 << size) - 1);
    acc >>>= size;
    bits -= size;
    if (code === clear) {
      reset();
      prev = undefined;
      continue;
    }
    if (code === eoi) break;
    let entry: number[];
    if (code < dict.length) entry = dict[code]!;
    else if (prev) entry = [...prev, prev[0]!];
    else throw new Error("bad LZW code");
    for (const v of entry) if (o < pixels) out[o++] = v;
    if (prev && dict.length < 4096) {
      dict.push([...prev, entry[0]!]);
      if (dict.length === 1 << size && size < 12) size++;
    }
    prev = entry;
  }
  return out;
}

export function decodeGif(bytes: Uint8Array): DecodedGif {
  const text = (a: number, b: number) => String.fromCharCode(...bytes.subarray(a, b));
  if (text(0, 6) !== "GIF89a") throw new Error("not a GIF89a file");
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  const width = u16(6);
  const height = u16(8);
  const packed = bytes[10]!;
  let pos = 13;
  let global: Uint8Array | undefined;
  if (packed & 0x80) {
    const n = 2 << (packed & 7);
    global = bytes.subarray(pos, pos + 3 * n);
    pos += 3 * n;
  }
  const canvas = new Uint8Array(width * height * 4);
  const frames: DecodedGif["frames"] = [];
  let delayMs = 0;
  let transparent = -1;
  let loops = false;
  const subBlocks = (): Uint8Array => {
    const parts: number[] = [];
    while (bytes[pos] !== 0) {
      const n = bytes[pos]!;
      for (let i = 1; i <= n; i++) parts.push(bytes[pos + i]!);
      pos += n + 1;
    }
    pos++;
    return Uint8Array.from(parts);
  };
  for (;;) {
    const b = bytes[pos++];
    if (b === 0x3b) break;
    if (b === 0x21) {
      const label = bytes[pos++];
      if (label === 0xf9) {
        const p = bytes[pos + 1]!;
        delayMs = u16(pos + 2) * 10;
        transparent = p & 1 ? bytes[pos + 4]! : -1;
        pos += 6;
      } else {
        if (label === 0xff && text(pos + 1, pos + 12) === "NETSCAPE2.0") loops = true;
        pos += bytes[pos]! + 1;
        subBlocks();
      }
      continue;
    }
    if (b !== 0x2c) throw new Error(`unexpected block 0x${(b ?? 0).toString(16)} at ${pos - 1}`);
    const box = { x: u16(pos), y: u16(pos + 2), w: u16(pos + 4), h: u16(pos + 6) };
    const fp = bytes[pos + 8]!;
    pos += 9;
    let table = global;
    if (fp & 0x80) {
      const n = 2 << (fp & 7);
      table = bytes.subarray(pos, pos + 3 * n);
      pos += 3 * n;
    }
    const min = bytes[pos++]!;
    const indices = lzw(subBlocks(), min, box.w * box.h);
    for (let y = 0; y < box.h; y++) {
      for (let x = 0; x < box.w; x++) {
        const v = indices[y * box.w + x]!;
        if (v === transparent) continue;
        const o = ((box.y + y) * width + box.x + x) * 4;
        canvas[o] = table![v * 3]!;
        canvas[o + 1] = table![v * 3 + 1]!;
        canvas[o + 2] = table![v * 3 + 2]!;
        canvas[o + 3] = 255;
      }
    }
    frames.push({ delayMs, box, rgba: canvas.slice() });
  }
  return { width, height, loops, frames };
}
