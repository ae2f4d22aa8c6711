/** Waits for a Worker's memory to stop growing. */
import { waitFor } from '../../../test/e2e/helpers/wait-for'

/**
 * Samples `read` until it has set no new peak (by more than 1 MiB) for `steadySamples`
 * samples in a row, or until the peak passes `limit`, and resolves with the peak. Memory
 * still growing on a slow machine is waited out rather than cut at a fixed time, and a
 * peak past the limit is reported at once.
 */
export async function steadyPeak(
  read: () => number,
  limit: number,
  { intervalMs = 100, steadySamples = 10, timeoutMs = 30_000 } = {}
): Promise<number> {
  let peak = read()
  let steady = 0
  await waitFor(
    () => {
      const now = read()
      steady = now > peak + 1024 * 1024 ? 0 : steady + 1
      peak = Math.max(peak, now)
      return steady >= steadySamples || peak > limit ? true : undefined
    },
    'memory to stop growing',
    { timeoutMs, intervalMs, describe: () => `; peak ${(peak / 1024 / 1024).toFixed(1)} MiB` }
  )
  return peak
}
