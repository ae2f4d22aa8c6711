/** Turns a run's rounds into what the report shows: rates, CPU per line, spreads, targets. */
import type { Measurement } from './measure.ts'
import { CELLS, type CellId, type ServerId } from './plan.ts'
import type { RoundResults, SideBySide } from './rounds.ts'
import { spreadOf } from './samples.ts'

export interface CellSummary {
  /** Best rate over the rounds, and how far the worst round fell below it. */
  readonly best: number
  readonly spread: number
  /** Latency percentiles of the round with the best rate. */
  readonly p50Ms: number
  readonly p99Ms: number
  /** Least CPU per line over the rounds (µs), and how far the most rose above it. */
  readonly cpuUsPerLine: number
  readonly cpuSpread: number
  readonly rounds: readonly (Measurement | string)[]
}

export type Summaries = Partial<Record<CellId, Partial<Record<ServerId, CellSummary>>>>

const measured = (rounds: readonly (Measurement | string)[]) =>
  rounds.filter((r): r is Measurement => typeof r !== 'string')

/** Least and most of a cost measured in several rounds (lower is better). */
function leastOf(values: readonly number[]): { least: number; spread: number } {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return { least: Number.NaN, spread: Number.NaN }
  const least = Math.min(...finite)
  return { least, spread: least > 0 ? (Math.max(...finite) - least) / least : 0 }
}

export function summarize(results: RoundResults): Summaries {
  const summaries: Summaries = {}
  for (const [cell, servers] of Object.entries(results) as [CellId, RoundResults[CellId]][]) {
    const perServer: Partial<Record<ServerId, CellSummary>> = {}
    for (const [server, rounds = []] of Object.entries(servers) as [
      ServerId,
      (Measurement | string)[],
    ][]) {
      const ok = measured(rounds)
      const { best, spread } = spreadOf(ok.map((m) => m.rate))
      const cpu = leastOf(ok.map((m) => m.cpuUsPerLine))
      const bestRound = ok.find((m) => m.rate === best)
      perServer[server] = {
        best,
        spread,
        p50Ms: bestRound?.p50Ms ?? Number.NaN,
        p99Ms: bestRound?.p99Ms ?? Number.NaN,
        cpuUsPerLine: cpu.least,
        cpuSpread: cpu.spread,
        rounds,
      }
    }
    summaries[cell] = perServer
  }
  return summaries
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

/**
 * `met` or `not met` when every side-by-side round, and the ratio of the two measured
 * alone, fall on the same side of the target; `inconclusive` when they straddle it, as
 * their spread is then the machine's noise. Rounds alone were not enough: three runs in a
 * row judged one target met, inconclusive and not met, each run's rounds close together
 * but the runs apart, which the measurement alone caught.
 */
export type Verdict = 'met' | 'not met' | 'inconclusive'

export interface Target {
  readonly target: string
  readonly measured: string
  readonly verdict: Verdict
}

const verdictOf = (met: boolean): Verdict => (met ? 'met' : 'not met')

/** The verdict on ratios that should each be at most `bound`. */
export function verdictOfRounds(ratios: readonly number[], bound: number, alone: number): Verdict {
  const all = [...ratios, alone]
  if (all.every((r) => r <= bound)) return 'met'
  if (all.every((r) => r > bound)) return 'not met'
  return 'inconclusive'
}

const ratio = (value: number) => `${value.toFixed(2)}x`

export interface Extras {
  readonly gzipBytes: number
  /** The template's CPU per line over each baseline's, per round, measured side by side. */
  readonly sideBySide: SideBySide
  /** Resident bytes per 1,000 idle WebSocket sessions, by Worker. */
  readonly memory: Partial<Record<'worker' | 'noContext' | 'bare', number>>
}

/** The targets, each with what this run measured; then the checks that the load is valid. */
export function evaluateTargets(
  summaries: Summaries,
  { gzipBytes, sideBySide, memory }: Extras
): Target[] {
  const targets: Target[] = []
  for (const cell of CELLS) {
    const s = summaries[cell.id]
    for (const baseline of cell.baselines) {
      const ratios = sideBySide[cell.id]?.[baseline] ?? []
      const other = s?.[baseline]
      if (!s?.worker || !other || ratios.length === 0) continue
      const judged = median(ratios)
      const alone = s.worker.cpuUsPerLine / other.cpuUsPerLine
      const range = `${ratio(Math.min(...ratios))}–${ratio(Math.max(...ratios))}`
      const name = baseline === 'noContext' ? 'the no-context build' : 'the bare Worker'
      targets.push({
        target: `${cell.id}: template's CPU per ${cell.mode === 'hello' ? 'request' : 'line'} ≤ 1.05x ${name}'s`,
        measured: `${ratio(judged)} (median of ${ratios.length} side-by-side rounds, ${range}; measured alone, least of rounds: ${ratio(alone)})`,
        verdict: verdictOfRounds(ratios, 1.05, alone),
      })
    }
  }
  if (memory.worker !== undefined && memory.bare !== undefined) {
    const r = memory.worker / memory.bare
    targets.push({
      target: 'memory per 1,000 idle WebSocket sessions ≤ 1.10x the bare Worker’s',
      measured: ratio(r),
      verdict: verdictOf(r <= 1.1),
    })
  }
  const bulk = summaries['http-bulk']
  if (bulk?.worker && bulk.asyncio) {
    const r = bulk.worker.best / bulk.asyncio.best
    targets.push({
      target: 'http-bulk: ≥ 8x the asyncio server',
      measured: ratio(r),
      verdict: verdictOf(r >= 8),
    })
  }
  targets.push({
    target: 'bundle < 20 KiB gzip',
    measured: `${(gzipBytes / 1024).toFixed(2)} KiB`,
    verdict: verdictOf(gzipBytes < 20 * 1024),
  })
  for (const cell of CELLS) {
    const s = summaries[cell.id]
    const workers = [s?.worker?.best, s?.noContext?.best, s?.bare?.best].filter(Number.isFinite)
    if (!s?.node || workers.length === 0) continue
    const fastest = Math.max(...(workers as number[]))
    targets.push({
      target: `check, ${cell.id}: the load client outruns the Workers (the Node floor is faster)`,
      measured: `floor ${ratio(s.node.best / fastest)} the fastest Worker`,
      verdict: verdictOf(s.node.best > fastest),
    })
  }
  return targets
}
