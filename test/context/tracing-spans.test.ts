import { createExecutionContext } from 'cloudflare:test'
import { tracing } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { log } from '../../src/context/context-log'
import { currentContext, runInContext } from '../../src/context/context-storage'
import type { RequestContext } from '../../src/context/request-context'
import { withRequestContext } from '../../src/context/with-request-context'
import { captureLog } from './helpers/captured-log'
import { testContext } from './helpers/test-context'

const context: RequestContext = testContext('203.0.113.95')

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

describe('spans of tracing.enterSpan() and the context', () => {
  it('keep the context inside a span, across awaits: its log lines carry the trace id', async () => {
    capture = captureLog()
    await runInContext(context, () =>
      tracing.enterSpan('lookup', async () => {
        await scheduler.wait(1)
        log('in-span')
      })
    )
    expect(capture.lines).toEqual([{ event: 'in-span', ...context }])
  })

  it('are given no attribute by the context: it reads the active span, and writes nothing', async () => {
    const calls: string[] = []
    const span = new Proxy({} as Span, {
      get: (_target, name) => {
        calls.push(String(name))
        if (name === 'isTraced') return true
        if (name === 'spanContext')
          return () => ({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: 1 })
        return () => span
      },
    })
    const ctx = Object.assign(createExecutionContext(), { tracing: { getActiveSpan: () => span } })
    const fetch = withRequestContext(() => Response.json(currentContext()))
    const response = await fetch(new Request('http://example.com/'), {}, ctx as ExecutionContext)
    expect(await response.json()).toMatchObject({ traceId: 'c'.repeat(32) })
    expect(calls).toEqual(['isTraced', 'spanContext'])
  })
})
