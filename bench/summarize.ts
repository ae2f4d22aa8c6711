/** Turns a run's rounds into what the report shows: best rates, spreads, ratios, targets. */
import type { Measurement } from './measure.ts'
import { CELLS, type CellId, type ServerId } from './plan.ts'
import type { RoundResults } from './rounds.ts'
import { spreadOf } from './samples.ts'

export interface CellSummary {
  /** Best rate over the rounds, and how far the worst round fell below it. */
  readonly best: number
  readonly spread: number
  /** Latency percentiles of the round with the best rate. */
  readonly p50Ms: number
  readonly p99Ms: number
  readonly rounds: readonly (Measurement | string)[]
}

export type Summaries = Partial<Record<CellId, Partial<Record<ServerId, CellSummary>>>>

export function summarize(results: RoundResults): Summaries {
  const summaries: Summaries = {}
  for (const [cell, servers] of Object.entries(results) as [CellId, RoundResults[CellId]][]) {
    const perServer: Partial<Record<ServerId, CellSummary>> = {}
    for (const [server, rounds = []] of Object.entries(servers) as [
      ServerId,
      (Measurement | string)[],
    ][]) {
      const measured = rounds.filter((r): r is Measurement => typeof r !== 'string')
      const { best, spread } = spreadOf(measured.map((m) => m.rate))
      const bestRound = measured.find((m) => m.rate === best)
      perServer[server] = {
        best,
        spread,
        p50Ms: bestRound?.p50Ms ?? Number.NaN,
        p99Ms: bestRound?.p99Ms ?? Number.NaN,
        rounds,
      }
    }
    summaries[cell] = perServer
  }
  return summaries
}

/**
 * The median over rounds of `a`'s value divided by `b`'s in the same round. Pairing
 * rounds cancels the drift of a shared machine better than comparing two bests.
 */
export function pairedRatio(
  a: readonly (Measurement | string)[] | undefined,
  b: readonly (Measurement | string)[] | undefined,
  value: (m: Measurement) => number
): number {
  const ratios: number[] = []
  for (let i = 0; i < Math.min(a?.length ?? 0, b?.length ?? 0); i++) {
    const [x, y] = [a?.[i], b?.[i]]
    if (typeof x === 'object' && typeof y === 'object') ratios.push(value(x) / value(y))
  }
  return median(ratios)
}

/** The middle value (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q)
  const middle = sorted.length / 2
  if (sorted.length === 0) return Number.NaN
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
    : (sorted[Math.floor(middle)] as number)
}

export interface Target {
  readonly target: string
  readonly measured: string
  readonly met: boolean
}

const ratio = (value: number) => `${value.toFixed(2)}x`
const rate = (m: Measurement) => m.rate

export interface Extras {
  readonly gzipBytes: number
}

/** The targets, each with what this run measured. */
export function evaluateTargets(summaries: Summaries, { gzipBytes }: Extras): Target[] {
  const targets: Target[] = []
  for (const cell of CELLS) {
    const s = summaries[cell.id]
    if (!s?.worker || !s.bare) continue
    const r = pairedRatio(s.worker.rounds, s.bare.rounds, rate)
    targets.push({
      target: `${cell.id}: Hono + context ≥ 0.95x the bare Worker's rate`,
      measured: `${ratio(r)} (median of paired rounds; bests ${ratio(s.worker.best / s.bare.best)})`,
      met: r >= 0.95,
    })
    if (cell.mode === 'ping-pong') {
      const p50 = pairedRatio(s.worker.rounds, s.bare.rounds, (m) => m.p50Ms)
      const p99 = pairedRatio(s.worker.rounds, s.bare.rounds, (m) => m.p99Ms)
      targets.push({
        target: `${cell.id}: p50 and p99 ≤ 1.05x the bare Worker's`,
        measured: `p50 ${ratio(p50)}, p99 ${ratio(p99)}`,
        met: p50 <= 1.05 && p99 <= 1.05,
      })
    }
    if (s.node) {
      const floor = s.node.best
      targets.push({
        target: `${cell.id}: load client outruns the Workers (Node floor is faster)`,
        measured: `floor ${ratio(floor / Math.max(s.worker.best, s.bare.best))} the faster Worker`,
        met: floor > Math.max(s.worker.best, s.bare.best),
      })
    }
  }
  const bulk = summaries['http-bulk']
  if (bulk?.worker && bulk.asyncio) {
    const r = bulk.worker.best / bulk.asyncio.best
    targets.push({ target: 'http-bulk: ≥ 8x the asyncio server', measured: ratio(r), met: r >= 8 })
  }
  targets.push({
    target: 'bundle < 20 KiB gzip',
    measured: `${(gzipBytes / 1024).toFixed(2)} KiB`,
    met: gzipBytes < 20 * 1024,
  })
  return targets
}
