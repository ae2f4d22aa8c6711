import { describe, expect, it } from 'vitest'
import { echoConfig } from '../../src/echo/echo-config'

describe('echoConfig', () => {
  it('reads the limits from vars', () => {
    expect(
      echoConfig({
        MAX_LINE_BYTES: '100',
        IDLE_TIMEOUT_SECONDS: '2',
        WEBSOCKET_BUDGET_BYTES: '5000',
      })
    ).toEqual({ maxLineBytes: 100, idleTimeoutMs: 2000, websocketBudgetBytes: 5000 })
  })

  it('falls back to 64 KiB lines, a five-minute idle timeout and a 20 MiB WebSocket budget', () => {
    expect(echoConfig({})).toEqual({
      maxLineBytes: 65536,
      idleTimeoutMs: 300_000,
      websocketBudgetBytes: 20 * 1024 * 1024,
    })
  })

  it.each([
    ['MAX_LINE_BYTES', '0'],
    ['MAX_LINE_BYTES', '-1'],
    ['MAX_LINE_BYTES', '1.5'],
    ['MAX_LINE_BYTES', 'lots'],
    ['MAX_LINE_BYTES', ''],
    ['IDLE_TIMEOUT_SECONDS', '0'],
    ['WEBSOCKET_BUDGET_BYTES', '0'],
    ['WEBSOCKET_BUDGET_BYTES', '20MiB'],
  ])('refuses %s=%j with a clear message', (name, value) => {
    expect(() => echoConfig({ [name]: value })).toThrow(
      `${name} must be a positive whole number, got "${value}"`
    )
  })
})
