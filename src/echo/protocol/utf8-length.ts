/** How many bytes a string takes as UTF-8, counted without encoding it. */

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** Lone surrogates count as the 3-byte U+FFFD that TextEncoder writes for them. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    bytes += code < 0x800 ? 1 : 2
    // A surrogate pair is 2 UTF-16 units and 4 bytes: skip the low half.
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) i++
  }
  return bytes
}
