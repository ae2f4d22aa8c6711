/**
 * `npm run bench`'s options: parsed and checked before anything starts, so that a typo
 * is refused with the real options or cells instead of running a different benchmark.
 */
import { parseArgs } from 'node:util'
import { CELLS, type CellId } from './plan.ts'

const OPTIONS = {
  rounds: { type: 'string', default: '3', help: 'side-by-side rounds per cell' },
  seconds: { type: 'string', default: '2', help: 'seconds per timed load' },
  only: { type: 'string', help: 'run only these cells, comma-separated (see below)' },
  against: {
    type: 'string',
    help: 'serve the bundle in DIR (wrangler deploy --dry-run --outdir DIR) in the no-context build’s place; writes nothing',
  },
  'no-write': { type: 'boolean', default: false, help: 'print the report, write no file' },
  soak: { type: 'boolean', default: false, help: 'run the soak instead (lab/benchmark.md)' },
  sessions: { type: 'string', default: '10000', help: 'WebSocket sessions of the soak' },
  help: { type: 'boolean', default: false, help: 'print this and exit' },
} as const

const PLACEHOLDERS: Record<string, string> = { seconds: 'S', only: 'CELLS', against: 'DIR' }

export interface BenchOptions {
  readonly rounds: number
  readonly seconds: number
  readonly only: readonly CellId[] | undefined
  readonly against: string | undefined
  readonly write: boolean
  readonly soak: boolean
  readonly sessions: number
  readonly help: boolean
}

/** A command line the bench refuses; its message says why and what it takes. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function usage(): string {
  const lines = Object.entries(OPTIONS).map(([name, option]) => {
    const value = option.type === 'string' ? ` ${PLACEHOLDERS[name] ?? 'N'}` : ''
    const fallback = 'default' in option && option.type === 'string' ? ` (${option.default})` : ''
    return `${`  --${name}${value}`.padEnd(20)}${option.help}${fallback}`
  })
  const cells = CELLS.map((cell) => cell.id).join(', ')
  return `Usage: npm run bench -- [options]\n\n${lines.join('\n')}\n\nCells: ${cells}\n`
}

const wholeFromOne = (name: string, text: string): number => {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} takes a whole number from 1, got "${text}"`)
  return n
}

/** The options of `args`; throws UsageError for an unknown option, cell or value. */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | undefined>
  try {
    const options = Object.fromEntries(
      Object.entries(OPTIONS).map(([name, { help: _help, ...option }]) => [name, option])
    )
    values = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const seconds = Number(values.seconds)
  if (!(seconds > 0))
    throw new UsageError(`--seconds takes a positive number, got "${values.seconds}"`)
  const known = CELLS.map((cell) => cell.id as string)
  const only = typeof values.only === 'string' ? values.only.split(',') : undefined
  const unknown = only?.filter((cell) => !known.includes(cell)) ?? []
  if (unknown.length > 0) {
    throw new UsageError(
      `--only: no cell ${unknown.map((c) => `"${c}"`).join(', ')}; the cells are ${known.join(', ')}`
    )
  }
  return {
    rounds: wholeFromOne('rounds', String(values.rounds)),
    seconds,
    only: only as CellId[] | undefined,
    against: values.against as string | undefined,
    write: !values['no-write'],
    soak: values.soak === true,
    sessions: wholeFromOne('sessions', String(values.sessions)),
    help: values.help === true,
  }
}
