import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../src/index'
import { captureLog } from './context/helpers/captured-log'

const RAY = '0123456789abcdef-FRA'
const post = (body: string): RequestInit => ({ method: 'POST', body })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('routes', () => {
  it('answers unknown paths with a plain-text 404 that points to the usage', async () => {
    const response = await exports.default.fetch('http://example.com/nope')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await response.text()).toBe('Not found: /nope. See GET / for usage.\n')
  })

  it.each([
    ['200', 'GET', '/', {}, 200],
    ['101', 'GET', '/ws', { upgrade: 'websocket' }, 101],
    ['101 from the Durable Object', 'GET', '/ws/hibernating', { upgrade: 'websocket' }, 101],
    ['404', 'GET', '/nope', {}, 404],
    ['405', 'DELETE', '/echo', {}, 405],
    ['426', 'GET', '/ws', {}, 426],
  ])(
    'stamps a %s with x-request-id: the well-formed cf-ray',
    async (_name, method, path, headers, status) => {
      const response = await exports.default.fetch(`http://example.com${path}`, {
        method,
        headers: { ...headers, 'cf-ray': RAY },
      })
      expect(response.status).toBe(status)
      expect(response.headers.get('x-request-id')).toBe(RAY)
      response.webSocket?.accept()
      response.webSocket?.close(1000)
      await response.body?.cancel()
    }
  )

  it.each(['POST', 'DELETE'])(
    'answers %s / with 405 and Allow: GET, as every route does',
    async (method) => {
      const response = await exports.default.fetch('http://example.com/', { method })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('GET')
      expect(await response.text()).toBe('Method not allowed here. Use GET; see GET / for usage.\n')
    }
  )

  it.each<[string, () => Promise<Response> | Response, number]>([
    ['the usage at GET /', () => exports.default.fetch('http://example.com/'), 200],
    ['the echo', () => exports.default.fetch('http://example.com/echo', post('\n')), 200],
    ['a 404', () => exports.default.fetch('http://example.com/nope'), 404],
    ['a 405', () => exports.default.fetch('http://example.com/echo', { method: 'DELETE' }), 405],
    ['a 426 from /ws', () => exports.default.fetch('http://example.com/ws'), 426],
    [
      'a 426 from /ws/hibernating',
      () => exports.default.fetch('http://example.com/ws/hibernating'),
      426,
    ],
    [
      'a 500 for a bad setting',
      () =>
        worker.fetch(
          new Request('http://example.com/echo', post('x\n')),
          { ...env, MAX_LINE_BYTES: 'lots' },
          createExecutionContext()
        ),
      500,
    ],
    [
      'a 500 for a route that throws',
      () =>
        worker.fetch(
          new Request('http://example.com/ws/hibernating', { headers: { upgrade: 'websocket' } }),
          { ...env, HIBERNATING_ECHO: undefined as unknown as Env['HIBERNATING_ECHO'] },
          createExecutionContext()
        ),
      500,
    ],
  ])(
    'answers %s as plain text that is neither sniffed nor cached',
    async (_name, request, status) => {
      const response = await request()
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('cache-control')).toBe('no-store')
      await response.text()
    }
  )

  it('makes a fresh request id for each request that comes without a cf-ray', async () => {
    const ids = await Promise.all(
      [1, 2].map(async () =>
        (await exports.default.fetch('http://example.com/nope')).headers.get('x-request-id')
      )
    )
    expect(ids[0]).toMatch(UUID)
    expect(ids[1]).toMatch(UUID)
    expect(ids[0]).not.toBe(ids[1])
  })

  it('answers a failing request with a 500 that names its request id, logged with its context', async () => {
    const capture = captureLog()
    try {
      // A Worker deployed without its Durable Object binding throws in the route.
      const ctx = createExecutionContext()
      const request = new Request('http://example.com/ws/hibernating', {
        headers: { upgrade: 'websocket', 'cf-connecting-ip': '192.0.2.99', 'cf-ray': RAY },
      })
      const response = await worker.fetch(
        request,
        { ...env, HIBERNATING_ECHO: undefined as unknown as Env['HIBERNATING_ECHO'] },
        ctx
      )
      await waitOnExecutionContext(ctx)
      expect(response.status).toBe(500)
      expect(response.headers.get('x-request-id')).toBe(RAY)
      expect(await response.text()).toBe(
        `Internal error. Quote request id ${RAY} to find out why.\n`
      )
      expect(capture.lines).toMatchObject([
        { event: 'error', client: '192.0.2.99', requestId: RAY, errorName: 'TypeError' },
      ])
    } finally {
      capture.restore()
    }
  })

  it('answers every request with a 500 that names a bad setting, before any route runs', async () => {
    const capture = captureLog()
    try {
      const ctx = createExecutionContext()
      const request = new Request('http://example.com/echo', {
        method: 'POST',
        body: 'x\n',
        headers: { 'cf-connecting-ip': '192.0.2.99', 'cf-ray': RAY },
      })
      // A value of its own: an isolate logs each bad setting once, and the table above met one.
      const response = await worker.fetch(request, { ...env, MAX_LINE_BYTES: 'many' }, ctx)
      await waitOnExecutionContext(ctx)
      expect(response.status).toBe(500)
      expect(response.headers.get('x-request-id')).toBe(RAY)
      expect(await response.text()).toMatch(
        /^Invalid setting: MAX_LINE_BYTES must be a positive whole number, got "many"\. /
      )
      expect(capture.lines).toMatchObject([
        { event: 'invalid-setting', requestId: RAY, variable: 'MAX_LINE_BYTES' },
      ])
      expect(capture.lines.map((line) => line.event)).not.toContain('session-end')
    } finally {
      capture.restore()
    }
  })
})
