/** Measures every cell against every server, in alternating rounds after a warm-up. */
import { type LoadShape, type Measurement, measure } from './measure.ts'
import { CELLS, type CellId, roundOrder, type ServerId, transportOf } from './plan.ts'
import { progress } from './progress.ts'
import type { Servers } from './servers.ts'

/** Per cell and server: one measurement per round, or the error that round hit. */
export type RoundResults = Record<CellId, Partial<Record<ServerId, (Measurement | string)[]>>>

export async function runRounds(
  servers: Servers,
  rounds: number,
  shape: LoadShape,
  warmUp: LoadShape,
  only?: readonly CellId[]
): Promise<RoundResults> {
  const cells = CELLS.filter((cell) => !only || only.includes(cell.id))
  const results = Object.fromEntries(cells.map((cell) => [cell.id, {}])) as RoundResults
  const steps = cells.reduce((sum, cell) => sum + cell.servers.length, 0) * (rounds + 1)
  let step = 0
  for (let round = 0; round <= rounds; round++) {
    for (const cell of cells) {
      for (const server of roundOrder(cell.servers, round)) {
        const port = servers.portOf(
          server,
          cell.mode === 'hello' ? 'hello' : transportOf(cell, server)
        )
        step++
        if (port === undefined) continue
        const what = round === 0 ? 'warm-up' : `round ${round}/${rounds}`
        progress(`[${step}/${steps}] ${what}: ${cell.id}, ${server}`)
        const outcome = await measure(cell, server, port, round === 0 ? warmUp : shape).catch(
          (error: Error) => error.message
        )
        if (round > 0) {
          const perServer = results[cell.id]
          perServer[server] = [...(perServer[server] ?? []), outcome]
        }
      }
    }
  }
  return results
}
