import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { log } from '../../../src/context/context-log'
import { currentContext, runInContext } from '../../../src/context/context-storage'
import { contextMessage, withMessageContexts } from '../../../src/context/crossings/queue-context'
import type { RequestContext } from '../../../src/context/request-context'
import { captureLog } from '../helpers/captured-log'
import { TEST_TRACE_ID, testContext } from '../helpers/test-context'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TRACE_ID = /^[0-9a-f]{32}$/
const context = (client: string, traceId = TEST_TRACE_ID): RequestContext =>
  testContext(client, { traceId })
const fresh = {
  client: 'none',
  requestId: expect.stringMatching(UUID),
  traceId: expect.stringMatching(TRACE_ID),
}

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

/** Runs `consumer` on one batch of `bodies`, as the runtime would, and what it acked and retried. */
async function consume(consumer: ReturnType<typeof withMessageContexts>, bodies: unknown[]) {
  const batch = createMessageBatch(
    'jobs',
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: 0, attempts: 1, body }))
  )
  const ctx = createExecutionContext()
  await consumer(batch, env, ctx)
  const { explicitAcks, retryMessages } = await getQueueResult(batch, ctx)
  return { acked: explicitAcks, retried: retryMessages.map(({ msgId }) => msgId) }
}

const logBody = withMessageContexts((body) => log('job', { body }))

describe('the context crossing through a queue', () => {
  it('arrives with each message through a real queue, and the consumer runs in it', async () => {
    capture = captureLog()
    const senders = [
      context('203.0.113.90', 'a'.repeat(32)),
      context('2001:db8::90', 'b'.repeat(32)),
    ]
    for (const sender of senders) {
      await runInContext(sender, () => env.CONTEXT_PROBE_QUEUE.send(contextMessage(sender.client)))
    }
    const lines = await capture.waitFor('queue-message', 2)
    expect(lines.toSorted((a, b) => String(a.traceId).localeCompare(String(b.traceId)))).toEqual(
      senders.map((sender) => ({ event: 'queue-message', ...sender, body: sender.client }))
    )
  })

  it("runs each message of one batch in its own sender's context", async () => {
    capture = captureLog()
    const senders = ['192.0.2.91', '2001:db8::91', '192.0.2.92'].map((client) => context(client))
    const bodies = senders.map((sender) =>
      runInContext(sender, () => contextMessage(sender.client))
    )
    expect(await consume(logBody, bodies)).toEqual({ acked: ['m0', 'm1', 'm2'], retried: [] })
    expect(capture.lines).toEqual(
      senders.map((sender) => ({ event: 'job', ...sender, body: sender.client }))
    )
  })

  it('runs a message with a forged context in a fresh one, logging the refusal there first', async () => {
    capture = captureLog()
    const forged = { context: { ...context('192.0.2.93'), client: 'evil.example' }, body: 'x' }
    expect(await consume(logBody, [forged])).toEqual({ acked: ['m0'], retried: [] })
    expect(capture.lines).toMatchObject([
      {
        event: 'context-error',
        ...fresh,
        errorName: 'InvalidContextError',
        queue: 'jobs',
        messageId: 'm0',
      },
      { event: 'job', ...fresh, body: 'x' },
    ])
    expect(capture.lines[0]?.requestId).toBe(capture.lines[1]?.requestId)
  })

  it('runs a message sent without contextMessage() in a fresh context, saying so', async () => {
    capture = captureLog()
    expect(await consume(logBody, ['plain'])).toEqual({ acked: ['m0'], retried: [] })
    expect(capture.lines).toMatchObject([
      {
        event: 'context-error',
        ...fresh,
        error: 'message has no context: send contextMessage(body)',
      },
      { event: 'job', ...fresh, body: 'plain' },
    ])
  })

  it('retries only the message whose handler throws, logged in its context', async () => {
    capture = captureLog()
    const consumer = withMessageContexts((body) => {
      if (body === 'bad') throw new Error('cannot do bad')
      log('job', { body, client: currentContext().client })
    })
    const bodies = ['good', 'bad', 'fine'].map((body, i) =>
      runInContext(context(`192.0.2.${100 + i}`), () => contextMessage(body))
    )
    expect(await consume(consumer, bodies)).toEqual({ acked: ['m0', 'm2'], retried: ['m1'] })
    expect(capture.lines).toMatchObject([
      { event: 'job', client: '192.0.2.100', body: 'good' },
      {
        event: 'queue-message-error',
        client: '192.0.2.101',
        error: 'cannot do bad',
        messageId: 'm1',
      },
      { event: 'job', client: '192.0.2.102', body: 'fine' },
    ])
  })

  it('needs a current context to produce', () => {
    expect(() => contextMessage('x')).toThrow('No request context')
  })
})
