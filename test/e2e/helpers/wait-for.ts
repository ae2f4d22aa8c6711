/** Waits with deadlines: for a polled condition, a promise, an event, or a notified change. */
import type { EventEmitter } from 'node:events'
import { once } from 'node:events'
import { vi } from 'vitest'

export interface WaitOptions {
  timeoutMs?: number
  intervalMs?: number
  /** Says what was seen instead, for the timeout's message. */
  describe?: () => string
}

/**
 * Resolves with the first defined value `probe` returns, polling every `intervalMs`;
 * rejects after `timeoutMs` with `what` and the last value `describe` gives.
 * @example
 * const logs = await waitFor(() => (read().length >= 3 ? read() : undefined), '3 log lines')
 */
export function waitFor<T>(
  probe: () => T | undefined,
  what: string,
  { timeoutMs = 5000, intervalMs = 20, describe = () => '' }: WaitOptions = {}
): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe()
      if (value === undefined) {
        throw new Error(`no ${what} within ${timeoutMs} ms${describe()}`)
      }
      return value
    },
    { timeout: timeoutMs, interval: intervalMs }
  )
}

/** Rejects with `what` (computed when it fails) if `promise` has not settled within `timeoutMs`. */
export async function within<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string | (() => string)
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`
          )
        ),
      timeoutMs
    )
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Waits that re-check their condition whenever `notify()` is called rather than on a
 * timer, so that hundreds of open sessions can each wait without polling.
 */
export function notifiedWaits() {
  const checks = new Set<() => void>()
  return {
    notify(): void {
      for (const check of checks) check()
    },
    until<T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
      let check = () => {}
      const seen = new Promise<T>((resolve, reject) => {
        check = () => {
          try {
            const value = ready()
            if (value !== undefined) resolve(value)
          } catch (error) {
            reject(error)
          }
        }
        checks.add(check)
        check()
      })
      return within(seen, timeoutMs, what).finally(() => checks.delete(check))
    },
  }
}

/** Resolves on the first `event` from `emitter`; rejects on an `error` event or after `timeoutMs`. */
export async function eventWithin(
  emitter: EventEmitter,
  event: string,
  timeoutMs: number,
  what: string
): Promise<void> {
  await within(once(emitter, event), timeoutMs, what)
}
