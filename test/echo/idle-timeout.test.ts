import { createExecutionContext, env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IdleWatchdog } from '../../src/echo/http'
import worker from '../../src/index'
import { captureSessionLogs } from './helpers/session-logs'

let capture: ReturnType<typeof captureSessionLogs> | undefined
afterEach(() => {
  capture?.restore()
  vi.useRealTimers()
})

describe('IdleWatchdog', () => {
  it('fires once input has been awaited for its whole limit', () => {
    vi.useFakeTimers()
    const onIdle = vi.fn()
    const watchdog = new IdleWatchdog(1000, onIdle)
    vi.advanceTimersByTime(999)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onIdle).toHaveBeenCalledOnce()
    expect(watchdog.expired).toBe(true)
  })

  it('restarts the limit whenever input is awaited again', () => {
    vi.useFakeTimers()
    const onIdle = vi.fn()
    const watchdog = new IdleWatchdog(1000, onIdle)
    vi.advanceTimersByTime(600)
    watchdog.waiting()
    vi.advanceTimersByTime(600)
    watchdog.waiting()
    vi.advanceTimersByTime(999)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onIdle).toHaveBeenCalledOnce()
  })

  it('does not count time spent busy, as a write waits on a slow reader', () => {
    vi.useFakeTimers()
    const onIdle = vi.fn()
    const watchdog = new IdleWatchdog(1000, onIdle)
    watchdog.busy()
    vi.advanceTimersByTime(5000)
    expect(onIdle).not.toHaveBeenCalled()
    watchdog.waiting()
    vi.advanceTimersByTime(1000)
    expect(onIdle).toHaveBeenCalledOnce()
  })

  it('never fires once stopped', () => {
    vi.useFakeTimers()
    const onIdle = vi.fn()
    new IdleWatchdog(1000, onIdle).stop()
    vi.advanceTimersByTime(5000)
    expect(onIdle).not.toHaveBeenCalled()
  })
})

describe('POST /echo idle timeout', () => {
  it('says goodbye and ends the response when the client sends nothing for the limit', async () => {
    capture = captureSessionLogs()
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    const writer = writable.getWriter()
    const response = await worker.fetch(
      new Request('http://example.com/echo', {
        method: 'POST',
        body: readable,
        headers: { 'cf-connecting-ip': '192.0.2.40' },
      }),
      { ...env, IDLE_TIMEOUT_SECONDS: '1' },
      createExecutionContext()
    )
    await writer.write(new TextEncoder().encode('a\n'))
    const text = await Promise.race([
      response.text(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no idle timeout within 5 s')), 5000)
      ),
    ])
    expect(text).toBe('a\nGood bye, client @ 192.0.2.40\n')
    const [log] = await capture.waitFor(1)
    expect(log).toMatchObject({ client: '192.0.2.40', end: 'idle-timeout', lines: 1 })
    expect(log?.durationMs).toBeGreaterThanOrEqual(1000)
  })
})
