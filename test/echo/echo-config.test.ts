import { describe, expect, it } from 'vitest'
import { echoConfig } from '../../src/echo/echo-config'

describe('echoConfig', () => {
  it('reads the limits from vars', () => {
    expect(echoConfig({ MAX_LINE_BYTES: '100', IDLE_TIMEOUT_SECONDS: '2' })).toEqual({
      maxLineBytes: 100,
      idleTimeoutMs: 2000,
    })
  })

  it('falls back to 64 KiB lines and a five-minute idle timeout', () => {
    expect(echoConfig({})).toEqual({ maxLineBytes: 65536, idleTimeoutMs: 300_000 })
  })

  it.each(['0', '-1', '1.5', 'lots', ''])(
    'refuses MAX_LINE_BYTES=%j with a clear message',
    (value) => {
      expect(() => echoConfig({ MAX_LINE_BYTES: value })).toThrow(
        `MAX_LINE_BYTES must be a positive whole number, got "${value}"`
      )
    }
  )
})
