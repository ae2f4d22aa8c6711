/** Latency samples in a growable typed array, and the percentiles the report shows. */

export class Samples {
  #values = new Float64Array(1024)
  #count = 0

  get count(): number {
    return this.#count
  }

  push(value: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2)
      grown.set(this.#values)
      this.#values = grown
    }
    this.#values[this.#count++] = value
  }

  /** The `p`-th percentile (0-100), nearest rank; NaN when there are no samples. */
  percentile(p: number): number {
    return percentile(this.#values.subarray(0, this.#count).sort(), p)
  }
}

/** Nearest-rank percentile of already sorted values; NaN for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

export interface Spread {
  readonly best: number
  readonly worst: number
  /** (best - worst) / best: how far the rounds disagree. */
  readonly spread: number
}

/** Best and worst of a rate measured in several rounds (higher is better). */
export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return { best: Number.NaN, worst: Number.NaN, spread: Number.NaN }
  const best = Math.max(...finite)
  const worst = Math.min(...finite)
  return { best, worst, spread: best > 0 ? (best - worst) / best : 0 }
}
