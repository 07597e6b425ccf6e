/**
 * Whether the head of a PNG or WebP file says it is animated: an APNG has an `acTL` chunk before
 * its first `IDAT`; an animated WebP sets the animation flag of its `VP8X` chunk. GIFs are never
 * resized, so they are not looked at. Other formats, and files too short to tell, are not animated.
 */
export function isAnimated(head: Uint8Array): boolean {
  return isApng(head) || isAnimatedWebp(head);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isApng(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (type === 'acTL') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + length;
  }
  return false;
}

function isAnimatedWebp(bytes: Uint8Array): boolean {
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length < 21 || text(0, 4) !== 'RIFF' || text(8, 12) !== 'WEBP' || text(12, 16) !== 'VP8X') return false;
  return (bytes[20]! & 0x02) !== 0;
}
