import { describe, expect, it } from 'vitest'
import {
  budgetSpent,
  fitsBudget,
  QUEUED_MESSAGE_OVERHEAD_BYTES,
} from '../../../src/echo/protocol/send-budget'

const OVERHEAD = QUEUED_MESSAGE_OVERHEAD_BYTES

describe('the WebSocket send budget', () => {
  it('charges each echoed message its bytes and the runtime’s queue entry', () => {
    expect(OVERHEAD).toBe(128)
    expect(budgetSpent(0, 0)).toBe(0)
    expect(budgetSpent(3, 30)).toBe(30 + 3 * OVERHEAD)
  })

  it.each([
    // lines echoed, their bytes, the next message's size, budget, fits?
    [0, 0, 1000 - OVERHEAD, 1000, true],
    [0, 0, 1001 - OVERHEAD, 1000, false],
    [1, 100, 900 - 2 * OVERHEAD, 1000, true],
    [1, 100, 901 - 2 * OVERHEAD, 1000, false],
    [0, 0, 0, OVERHEAD, true],
    [0, 0, 0, OVERHEAD - 1, false],
  ])(
    'after %i lines of %i bytes, a message of %i bytes in a budget of %i fits: %s',
    (lines, bytes, size, budget, fits) => {
      expect(fitsBudget(lines, bytes, size, budget)).toBe(fits)
    }
  )
})
