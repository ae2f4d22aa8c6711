/** A small seeded PRNG (mulberry32), so that a failing random case can be replayed. */

export interface Random {
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** `length` random bytes. */
  bytes(length: number): Uint8Array
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    seed,
    next,
    int,
    bytes: (length) => Uint8Array.from({ length }, () => int(0, 255)),
  }
}

/** A fresh seed for a run; print it, so that a failure can be replayed with it. */
export const randomSeed = (): number => Math.floor(Math.random() * 2 ** 32)
