#!/usr/bin/env node
/**
 * Generates the PWA icons in public/icons/ with no native dependencies:
 * pixels are computed here (4x4 supersampled) and written as PNG via node:zlib.
 *
 * Design: a blue rounded square with a white "tap" mark (ring + dot).
 *  - icon-192.png / icon-512.png: rounded square, transparent corners (purpose "any")
 *  - maskable-512.png: full-bleed background, mark inside the 80% safe zone
 *  - apple-touch-icon-180.png: full-bleed (iOS applies its own mask)
 *
 * Run: npm run icons
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons')

const TOP = [0x1a, 0x6b, 0xe8] // gradient top
const BOTTOM = [0x0b, 0x47, 0xb0] // gradient bottom
const WHITE = [0xff, 0xff, 0xff]
const ACCENT = [0xff, 0xb3, 0x2e] // small warm accent dot

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type RGBA
  ihdr[10] = 0
  ihdr[11] = 0
  ihdr[12] = 0
  const stride = size * 4
  const raw = Buffer.alloc((stride + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0 // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Inside a rounded square covering [0,1]^2 with corner radius r. */
function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r)
  const cy = Math.min(Math.max(y, r), 1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

/** Colour of the design at unit coordinates (x, y), or null if transparent. */
function sample(x, y, { fullBleed }) {
  if (!fullBleed && !inRoundedSquare(x, y, 0.22)) return null
  const d = Math.hypot(x - 0.5, y - 0.5)
  // Warm accent: a dot sitting on the ring's upper-right, ringed in white.
  const accent = Math.hypot(x - 0.5 - 0.245 * Math.SQRT1_2, y - 0.5 + 0.245 * Math.SQRT1_2)
  if (accent <= 0.062) return ACCENT
  if (accent <= 0.09) return WHITE
  // White ring and centre dot: the "one tap" mark.
  if ((d >= 0.205 && d <= 0.285) || d <= 0.105) return WHITE
  const t = y
  return TOP.map((c, i) => c + (BOTTOM[i] - c) * t)
}

function render(size, options) {
  const SS = 4
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const colour = sample((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, options)
          if (colour) {
            r += colour[0]
            g += colour[1]
            b += colour[2]
            a += 1
          }
        }
      }
      const o = (py * size + px) * 4
      if (a > 0) {
        rgba[o] = Math.round(r / a)
        rgba[o + 1] = Math.round(g / a)
        rgba[o + 2] = Math.round(b / a)
      }
      rgba[o + 3] = Math.round((a / (SS * SS)) * 255)
    }
  }
  return encodePng(size, rgba)
}

const ICONS = [
  { file: 'icon-192.png', size: 192, fullBleed: false },
  { file: 'icon-512.png', size: 512, fullBleed: false },
  { file: 'maskable-512.png', size: 512, fullBleed: true },
  { file: 'apple-touch-icon-180.png', size: 180, fullBleed: true },
]

mkdirSync(OUT, { recursive: true })
for (const { file, size, fullBleed } of ICONS) {
  const png = render(size, { fullBleed })
  writeFileSync(join(OUT, file), png)
  console.log(`wrote public/icons/${file} (${size}x${size}, ${png.length} bytes)`)
}
