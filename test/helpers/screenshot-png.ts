import sharp from 'sharp';

/**
 * A PNG like a large desktop screenshot (2880 × 1800: a dark side bar, a header, lines of "text"
 * on a gradient) with fine noise, as photos and anti-aliasing leave in real ones: over 4 MB.
 * Deterministic (a fixed pseudo-random sequence).
 */
export async function screenshotPng(width = 2880, height = 1800): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      const base = x < width / 5 ? [36, 41, 46] : y < height / 15 ? [206, 218, 230] : [200 + (40 * x) / width, 210, 220 - (30 * y) / height];
      const ink = y % 40 < 22 && x % 600 > 40 && random() < 0.5 ? 0.4 : 1;
      const noise = (random() - 0.5) * 7;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.max(0, Math.min(255, Math.round(base[c]! * ink + noise)));
    }
  }
  return new Uint8Array(await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer());
}

/** A plain PNG of this size (one colour), made with sharp. */
export async function plainPng(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 } } }).png().toBuffer());
}
