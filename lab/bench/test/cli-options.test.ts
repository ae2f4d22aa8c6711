import { describe, expect, it } from 'vitest'
import { parseBenchOptions, UsageError, usage } from '../cli-options.ts'
import { CELLS } from '../plan.ts'

describe("npm run bench's options", () => {
  it('default to 3 rounds of 2 s, every cell, writing the report', () => {
    expect(parseBenchOptions([])).toEqual({
      rounds: 3,
      seconds: 2,
      only: undefined,
      against: undefined,
      write: true,
      soak: false,
      sessions: 10000,
      help: false,
    })
  })

  it('take the real cells and values', () => {
    expect(
      parseBenchOptions(['--rounds', '5', '--only', 'websocket-ping-pong,hello', '--no-write'])
    ).toMatchObject({ rounds: 5, only: ['websocket-ping-pong', 'hello'], write: false })
  })

  it.each([
    [['--only', 'ws-ping-pong'], 'no cell "ws-ping-pong"; the cells are http-ping-pong, http-bulk'],
    [['--round', '5'], "Unknown option '--round'"],
    [['extra'], 'extra'],
    [['--rounds', '0'], '--rounds takes a whole number from 1, got "0"'],
    [['--rounds', '2.5'], '--rounds takes a whole number from 1, got "2.5"'],
    [['--seconds', 'soon'], '--seconds takes a positive number, got "soon"'],
    [['--sessions=-3'], '--sessions takes a whole number from 1, got "-3"'],
  ])('refuse %j before anything starts', (args, message) => {
    expect(() => parseBenchOptions(args)).toThrow(UsageError)
    expect(() => parseBenchOptions(args)).toThrow(message)
  })

  it('list every option with its default, and every cell, in --help', () => {
    const text = usage()
    for (const option of [
      'rounds',
      'seconds',
      'only',
      'against',
      'no-write',
      'soak',
      'sessions',
      'help',
    ]) {
      expect(text).toContain(`--${option}`)
    }
    expect(text).toMatch(/--rounds N\s+side-by-side rounds per cell \(3\)/)
    expect(text).toMatch(/--sessions N\s+.*\(10000\)/)
    for (const cell of CELLS) expect(text).toContain(cell.id)
    expect(parseBenchOptions(['--help']).help).toBe(true)
  })
})
