import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { runInContext } from '../../../src/context/context-storage'
import { contextFetch } from '../../../src/context/crossings/context-fetch'
import type { RequestContext } from '../../../src/context/request-context'
import { fakeTracing } from '../helpers/fake-tracing'
import { TEST_REQUEST_ID, TEST_TRACE_ID, testContext } from '../helpers/test-context'

const sent = testContext('203.0.113.80')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TRACEPARENT = new RegExp(`^00-${TEST_TRACE_ID}-([0-9a-f]{16})-01$`)

interface Described {
  received: Record<string, string>
  context: RequestContext
}

/** Calls the tests' service (a real service binding) with contextFetch(), inside `sent`. */
const callService = (init?: RequestInit, context = sent) =>
  runInContext(context, async () => {
    const response = await contextFetch(env.CONTEXT_PROBE)('https://probe.test/', init)
    return (await response.json()) as Described
  })

describe('contextFetch() through a service binding', () => {
  it("sends the request id and a traceparent in the caller's trace, and nothing else of it", async () => {
    const { received } = await callService()
    expect(received).toEqual({
      'x-request-id': TEST_REQUEST_ID,
      traceparent: expect.stringMatching(TRACEPARENT),
    })
  })

  it("puts the other side's context in the same trace: the logs of both join on traceId", async () => {
    const { context } = await callService()
    expect(context).toMatchObject({
      client: 'unknown',
      requestId: expect.stringMatching(UUID),
      traceId: sent.traceId,
      traceSampled: true,
    })
  })

  it("keeps the caller's sampled flag: a trace its caller does not record stays unrecorded", async () => {
    const unsampled = { ...sent, traceSampled: false }
    const { received, context } = await callService(undefined, unsampled)
    expect(received.traceparent).toMatch(new RegExp(`^00-${TEST_TRACE_ID}-[0-9a-f]{16}-00$`))
    expect(context).toMatchObject({ traceId: sent.traceId, traceSampled: false })
  })

  it("takes the active span's id as the parent when Cloudflare records the trace", async () => {
    const spans = fakeTracing({ isTraced: true, traceId: sent.traceId })
    const { received } = await runInContext(sent, async () => {
      const response = await contextFetch(env.CONTEXT_PROBE, spans)('https://probe.test/')
      return (await response.json()) as Described
    })
    expect(received.traceparent).toBe(`00-${sent.traceId}-00f067aa0ba902b7-01`)
  })

  it('gives each request a new parent-id', async () => {
    const parents = await Promise.all(
      [1, 2, 3].map(
        async () => TRACEPARENT.exec((await callService()).received.traceparent ?? '')?.[1]
      )
    )
    expect(new Set(parents).size).toBe(3)
  })

  it("replaces ids the request already had, as the caller's context is what they identify", async () => {
    const { received } = await callService({
      headers: {
        'x-request-id': 'forged',
        traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`,
      },
    })
    expect(received['x-request-id']).toBe(sent.requestId)
    expect(received.traceparent).toMatch(TRACEPARENT)
  })

  it('needs a current context to send', () => {
    expect(() => contextFetch(env.CONTEXT_PROBE)('https://probe.test/')).toThrow(
      'No request context'
    )
  })
})
