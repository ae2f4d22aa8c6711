import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import {
  clientAddress,
  currentContext,
  runInContext,
  tryCurrentContext,
} from '../../src/context/context-storage'
import { requestContextVariable } from '../../src/context/crossings/request-context-variable'
import { internalError } from '../../src/context/internal-error'
import type { RequestContext } from '../../src/context/request-context'
import { withRequestContext } from '../../src/context/with-request-context'
import { captureLog } from './helpers/captured-log'
import { CLIENT_ADDRESSES, SENDABLE_NOT_CLIENT_ADDRESSES } from './helpers/client-address-cases'
import { TEST_REQUEST_ID, TEST_TRACE_ID } from './helpers/test-context'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// An app of the test's own: the context as any route of a fork would meet it.
function testApp() {
  const seen: Record<string, RequestContext | undefined> = {}
  const app = new Hono()
  app.use(async (_c, next) => {
    seen.middlewareBefore = tryCurrentContext()
    await next()
    await sleep(1)
    seen.middlewareAfter = tryCurrentContext()
  })
  app.get('/who', async (c) => {
    await sleep(1)
    return c.json({ fromContext: clientAddress() })
  })
  app.get('/hono', requestContextVariable(), (c) => c.json(c.get('requestContext')))
  app.get('/later', (c) => {
    c.executionCtx.waitUntil(sleep(5).then(() => (seen.waitUntil = tryCurrentContext())))
    return c.text('answered before the work is done\n')
  })
  app.get('/boom', () => {
    throw new Error('boom')
  })
  app.get('/upgrade', () => {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    server.accept()
    return new Response(null, { status: 101, webSocket: client })
  })
  app.get('/passed-on', () => fetch('data:text/plain,from elsewhere'))
  app.notFound((c) => {
    seen.notFound = tryCurrentContext()
    return c.text('nothing here\n', 404)
  })
  app.onError((error, c) => {
    seen.onError = tryCurrentContext()
    return internalError()(error, c)
  })
  return { fetch: withRequestContext(app.fetch), seen }
}

async function get(path: string, headers: Record<string, string> = {}) {
  const { fetch, seen } = testApp()
  const ctx = createExecutionContext()
  // Every request of these tests is in one trace, so that whole contexts can be compared.
  const traced = { traceparent: `00-${TEST_TRACE_ID}-00f067aa0ba902b7-01`, ...headers }
  const response = await fetch(
    new Request(`http://example.com${path}`, { headers: traced }),
    {},
    ctx
  )
  await waitOnExecutionContext(ctx)
  return { response, seen }
}

describe('withRequestContext()', () => {
  it.each(CLIENT_ADDRESSES)('keeps cf-connecting-ip %s for the whole request', async (address) => {
    const { response } = await get('/who', { 'cf-connecting-ip': address })
    expect(await response.json()).toEqual({ fromContext: address })
  })

  it.each<readonly [string, Record<string, string>]>([
    ['no cf-connecting-ip', {}],
    ['only x-forwarded-for', { 'x-forwarded-for': '192.0.2.66' }],
    ...SENDABLE_NOT_CLIENT_ADDRESSES.map(
      ([name, value]) => [name, { 'cf-connecting-ip': value }] as const
    ),
  ])('records unknown for %s', async (_name, headers) => {
    const { response } = await get('/who', headers)
    expect(await response.json()).toEqual({ fromContext: 'unknown' })
  })

  it.each([
    ['200', '/who', 200],
    ['101', '/upgrade', 101],
    ['404 from notFound', '/nowhere', 404],
    ['500 from onError', '/boom', 500],
    ['response of a fetch() passed on, whose headers cannot change', '/passed-on', 200],
  ])('stamps a %s with x-request-id, the well-formed cf-ray', async (_name, path, status) => {
    const capture = captureLog()
    try {
      const { response } = await get(path, { 'cf-ray': TEST_REQUEST_ID })
      expect(response.status).toBe(status)
      expect(response.headers.get('x-request-id')).toBe(TEST_REQUEST_ID)
      response.webSocket?.accept()
      await response.body?.cancel()
    } finally {
      capture.restore()
    }
  })

  it('runs every middleware inside the context, before and after next()', async () => {
    const { seen } = await get('/who', {
      'cf-connecting-ip': '192.0.2.10',
      'cf-ray': TEST_REQUEST_ID,
    })
    const context = {
      client: '192.0.2.10',
      requestId: TEST_REQUEST_ID,
      traceId: TEST_TRACE_ID,
      traceSampled: true,
    }
    expect(seen).toMatchObject({ middlewareBefore: context, middlewareAfter: context })
  })

  it('runs notFound inside the context', async () => {
    const { seen } = await get('/nowhere', {
      'cf-connecting-ip': '192.0.2.11',
      'cf-ray': TEST_REQUEST_ID,
    })
    expect(seen.notFound).toMatchObject({
      client: '192.0.2.11',
      requestId: TEST_REQUEST_ID,
      traceId: TEST_TRACE_ID,
      traceSampled: true,
    })
  })

  it('runs onError inside the context: the 500 names the request id, the log line the client', async () => {
    const capture = captureLog()
    try {
      const { response, seen } = await get('/boom', {
        'cf-connecting-ip': '192.0.2.12',
        'cf-ray': TEST_REQUEST_ID,
      })
      expect(seen.onError).toMatchObject({
        client: '192.0.2.12',
        requestId: TEST_REQUEST_ID,
        traceId: TEST_TRACE_ID,
        traceSampled: true,
      })
      expect(await response.text()).toBe(
        `Internal error. Quote request id ${TEST_REQUEST_ID} to find out why.\n`
      )
      expect(capture.lines).toMatchObject([
        {
          event: 'error',
          client: '192.0.2.12',
          requestId: TEST_REQUEST_ID,
          traceId: TEST_TRACE_ID,
          traceSampled: true,
          error: 'boom',
        },
      ])
    } finally {
      capture.restore()
    }
  })

  it('keeps the context in ctx.waitUntil() work that runs after the response was returned', async () => {
    const { response, seen } = await get('/later', {
      'cf-connecting-ip': '192.0.2.13',
      'cf-ray': TEST_REQUEST_ID,
    })
    expect(await response.text()).toBe('answered before the work is done\n')
    expect(seen.waitUntil).toMatchObject({
      client: '192.0.2.13',
      requestId: TEST_REQUEST_ID,
      traceId: TEST_TRACE_ID,
      traceSampled: true,
    })
  })

  it("gives Hono handlers the context as c.get('requestContext') with requestContextVariable()", async () => {
    const { response } = await get('/hono', {
      'cf-connecting-ip': '192.0.2.14',
      'cf-ray': TEST_REQUEST_ID,
    })
    expect(await response.json()).toMatchObject({
      client: '192.0.2.14',
      requestId: TEST_REQUEST_ID,
      traceId: TEST_TRACE_ID,
      traceSampled: true,
    })
  })
})

describe('a field learnt later in the request, in a nested context', () => {
  // As README shows it: a middleware that authenticates the caller adds a user id for
  // the code below it. workerd has no enterWith(): the code above it never sees the field.
  type WithUser = RequestContext & { readonly userId?: string }
  const seenUser = () => (tryCurrentContext() as WithUser | undefined)?.userId

  it('reaches the code below the middleware that adds it, and never the code above', async () => {
    const seen: Record<string, string | undefined> = {}
    const app = new Hono()
    app.use(async (_c, next) => {
      await next()
      seen.aboveAfterNext = seenUser()
    })
    app.use((_c, next) =>
      runInContext({ ...currentContext(), userId: 'user-42' } as WithUser, next)
    )
    app.get('/', async (c) => {
      await sleep(1)
      seen.below = seenUser()
      return c.text('ok')
    })
    const fetch = withRequestContext(app.fetch)
    await fetch(new Request('http://example.com/'), {}, createExecutionContext())
    expect(seen).toEqual({ below: 'user-42', aboveAfterNext: undefined })
  })
})
