import { createExecutionContext, createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { currentContext, tryCurrentContext } from '../../../src/context/context-storage'
import { withFreshContext } from '../../../src/context/crossings/fresh-context'
import type { RequestContext } from '../../../src/context/request-context'
import { captureLog } from '../helpers/captured-log'
import { fakeTracing } from '../helpers/fake-tracing'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TRACE_ID = /^[0-9a-f]{32}$/

/** A binding's scheduled(), which workerd has (vitest's own SELF.scheduled()) and its types omit. */
interface EventSender {
  scheduled(options: { cron: string }): Promise<unknown>
}

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

describe('withFreshContext()', () => {
  it('opens a context for a cron run, with a fresh request id and no client', async () => {
    const scheduled = withFreshContext(async () => {
      await scheduler.wait(1)
      return currentContext()
    })
    const seen = await scheduled(createScheduledController(), env, createExecutionContext())
    expect(seen).toMatchObject({
      client: 'none',
      requestId: expect.stringMatching(UUID),
      traceId: expect.stringMatching(TRACE_ID),
      traceSampled: true,
    })
    expect(tryCurrentContext()).toBeUndefined()
  })

  it('gives each run its own ids', async () => {
    const scheduled = withFreshContext(() => currentContext())
    const runs = [1, 2].map(() =>
      scheduled(createScheduledController(), env, createExecutionContext())
    )
    const [first, second] = runs as [RequestContext, RequestContext]
    expect(first.requestId).not.toBe(second.requestId)
    expect(first.traceId).not.toBe(second.traceId)
  })

  it("takes Cloudflare's trace id when Cloudflare traces the run", () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c'
    const scheduled = withFreshContext(() => currentContext().traceId)
    const ctx = { ...createExecutionContext(), tracing: fakeTracing({ isTraced: true, traceId }) }
    expect(scheduled(createScheduledController(), env, ctx)).toBe(traceId)
  })

  it('runs a real scheduled event inside a context, which every log line carries', async () => {
    capture = captureLog()
    await (env.CONTEXT_PROBE as unknown as EventSender).scheduled({ cron: '*/5 * * * *' })
    expect(capture.lines).toMatchObject([
      {
        event: 'cron-run',
        client: 'none',
        requestId: expect.stringMatching(UUID),
        traceId: expect.stringMatching(TRACE_ID),
        traceSampled: true,
        cron: '*/5 * * * *',
      },
    ])
  })
})
