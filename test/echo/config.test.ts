import { describe, expect, it } from 'vitest'
import { echoConfig } from '../../src/echo/config'

describe('echoConfig', () => {
  it('reads the limits from vars', () => {
    expect(
      echoConfig({
        MAX_LINE_BYTES: '100',
        IDLE_TIMEOUT_SECONDS: '2',
        WEBSOCKET_BUDGET_BYTES: '5000',
        WEBSOCKET_ISOLATE_BUDGET_BYTES: '6000',
        WEBSOCKET_OBJECT_BUDGET_BYTES: '7000',
      })
    ).toEqual({
      maxLineBytes: 100,
      idleTimeoutMs: 2000,
      websocketBudgetBytes: 5000,
      websocketIsolateBudgetBytes: 6000,
      websocketObjectBudgetBytes: 7000,
    })
  })

  it('falls back to 64 KiB lines, a five-minute idle timeout, 8 MiB unread per WebSocket and 16 MiB per isolate and per object', () => {
    expect(echoConfig({})).toEqual({
      maxLineBytes: 65536,
      idleTimeoutMs: 300_000,
      websocketBudgetBytes: 8 * 1024 * 1024,
      websocketIsolateBudgetBytes: 16 * 1024 * 1024,
      websocketObjectBudgetBytes: 16 * 1024 * 1024,
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
    ['WEBSOCKET_ISOLATE_BUDGET_BYTES', '0'],
    ['WEBSOCKET_OBJECT_BUDGET_BYTES', 'x'],
  ])('refuses %s=%j with a clear message', (name, value) => {
    expect(() => echoConfig({ [name]: value })).toThrow(
      `${name} must be a positive whole number, got "${value}"`
    )
  })
})
