/**
 * Reads the PNG files the card renderer writes (8-bit RGBA or RGB, not interlaced), so that tests look at
 * the pixels people get rather than at another rendering of the same card.
 */
import { inflateSync } from 'node:zlib'

export interface Picture {
  width: number
  height: number
  /** Bytes per pixel: 4 (RGBA) or 3 (RGB). */
  channels: number
  data: Buffer
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

export function decodePng(png: Buffer): Picture {
  const { width, height } = pngSize(png)
  const depth = png[24]
  const colorType = png[25]
  const interlace = png[28]
  if (depth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0)
    throw new Error(`unsupported PNG: depth ${depth}, color type ${colorType}, interlace ${interlace}`)
  const channels = colorType === 6 ? 4 : 3
  const idat: Buffer[] = []
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length))
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const data = Buffer.alloc(stride * height)
  // Each row names its filter; each filter predicts a byte from the one on its left (a), above (b), or both.
  const n = channels
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    const out = y * stride
    const up = y > 0 ? out - stride : -1
    const b = (x: number) => (up < 0 ? 0 : (data[up + x] as number))
    if (filter === 0) data.set(row, out)
    else if (filter === 1) {
      for (let x = 0; x < stride; x++)
        data[out + x] = ((row[x] as number) + (x >= n ? (data[out + x - n] as number) : 0)) & 0xff
    } else if (filter === 2) {
      for (let x = 0; x < stride; x++) data[out + x] = ((row[x] as number) + b(x)) & 0xff
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const a = x >= n ? (data[out + x - n] as number) : 0
        data[out + x] = ((row[x] as number) + ((a + b(x)) >> 1)) & 0xff
      }
    } else {
      for (let x = 0; x < stride; x++) {
        const a = x >= n ? (data[out + x - n] as number) : 0
        const c = x >= n ? b(x - n) : 0
        data[out + x] = ((row[x] as number) + paeth(a, b(x), c)) & 0xff
      }
    }
  }
  return { width, height, channels, data }
}

/** Pixels (x, y) in the rectangle that differ from `rgb`. */
export function pixelsUnlike(
  picture: Picture,
  rgb: [number, number, number],
  box: { left: number; top: number; right: number; bottom: number },
): number {
  let count = 0
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      const at = (y * picture.width + x) * picture.channels
      if (picture.data[at] !== rgb[0] || picture.data[at + 1] !== rgb[1] || picture.data[at + 2] !== rgb[2])
        count += 1
    }
  }
  return count
}
