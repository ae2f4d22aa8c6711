/** Measures every cell against every server, in alternating rounds after a warm-up. */
import { type LoadShape, type Measurement, measure } from './measure.ts'
import {
  type Baseline,
  CELLS,
  type Cell,
  type CellId,
  roundOrder,
  SERVER_NAMES,
  type ServerId,
  transportOf,
} from './plan.ts'
import { progress } from './progress.ts'
import type { Servers } from './servers.ts'

/** Per cell and server: one measurement per round, or the error that round hit. */
export type RoundResults = Record<CellId, Partial<Record<ServerId, (Measurement | string)[]>>>

/**
 * Per cell and baseline: the template's CPU per line over the baseline's, one ratio per
 * round, from loads run side by side, at the same time, on the same core: both then see
 * the same machine, whose speed drifts by tens of percent from one second to the next on a
 * shared host.
 */
export type SideBySide = Partial<Record<CellId, Partial<Record<Baseline, number[]>>>>

export interface Rounds {
  readonly results: RoundResults
  readonly sideBySide: SideBySide
}

const where = (servers: Servers, cell: Cell, server: ServerId) => {
  const transport = cell.mode === 'hello' ? 'hello' : transportOf(cell, server)
  const port = servers.portOf(server, transport)
  const pid = servers.pidOf(server, transport)
  return port === undefined || pid === undefined ? undefined : { port, pid }
}

export async function runRounds(
  servers: Servers,
  rounds: number,
  shape: LoadShape,
  warmUp: LoadShape,
  only?: readonly CellId[]
): Promise<Rounds> {
  const cells = CELLS.filter((cell) => !only || only.includes(cell.id))
  const results = Object.fromEntries(cells.map((cell) => [cell.id, {}])) as RoundResults
  const sideBySide: SideBySide = {}
  const steps =
    cells.reduce((sum, cell) => sum + cell.servers.length + cell.baselines.length, 0) * (rounds + 1)
  let step = 0
  for (let round = 0; round <= rounds; round++) {
    const what = round === 0 ? 'warm-up' : `round ${round}/${rounds}`
    const load = round === 0 ? warmUp : shape
    for (const cell of cells) {
      for (const server of roundOrder(cell.servers, round)) {
        const at = where(servers, cell, server)
        step++
        if (!at) continue
        progress(`[${step}/${steps}] ${what}: ${cell.id}, ${server}`)
        const outcome = await measure(cell, server, at.port, at.pid, load).catch(
          (error: Error) => error.message
        )
        if (round > 0) {
          const perServer = results[cell.id]
          perServer[server] = [...(perServer[server] ?? []), outcome]
        }
      }
      for (const baseline of cell.baselines) {
        step++
        const template = where(servers, cell, 'worker')
        const other = where(servers, cell, baseline)
        if (!template || !other) continue
        progress(
          `[${step}/${steps}] ${what}: ${cell.id}, template and ${SERVER_NAMES[baseline]} side by side`
        )
        const pair = await Promise.all([
          measure(cell, 'worker', template.port, template.pid, load),
          measure(cell, baseline, other.port, other.pid, load),
        ]).catch(() => undefined)
        if (round > 0 && pair) {
          const perBaseline = sideBySide[cell.id] ?? {}
          perBaseline[baseline] = [
            ...(perBaseline[baseline] ?? []),
            pair[0].cpuUsPerLine / pair[1].cpuUsPerLine,
          ]
          sideBySide[cell.id] = perBaseline
        }
      }
    }
  }
  return { results, sideBySide }
}
