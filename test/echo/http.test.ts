import { exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LineEcho } from '../../src/echo/protocol'
import { captureLog } from '../context/helpers/captured-log'
import { openHttpSession, postEcho } from './helpers/http-session'
import { captureSessionLogs } from './helpers/session-logs'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`
let capture: ReturnType<typeof captureSessionLogs> | undefined
afterEach(() => capture?.restore())

describe('POST /echo', () => {
  it('answers 200 with plain, unsniffable, uncached text', async () => {
    const response = await postEcho('a\n')
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/plain; charset=UTF-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    await response.text()
  })

  it('echoes each line before the client sends the next (full duplex)', async () => {
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.10' })
    for (const line of ['first\n', 'second\r\n', 'third\n']) {
      await session.send(line)
      expect(await session.readUntil(line)).toBe(line)
    }
    await session.send('\n')
    expect(await session.readUntil('\n')).toBe(goodbye('192.0.2.10'))
    expect(await session.end()).toBe('')
  })

  it('stops at a blank line and echoes nothing after it', async () => {
    const response = await postEcho('a\r\nb\n\r\nnot echoed\n', '192.0.2.11')
    expect(await response.text()).toBe(`a\r\nb\n${goodbye('192.0.2.11')}`)
  })

  it('stops at a whitespace-only line', async () => {
    const response = await postEcho('a\n \t\v\f\r\nb\n', '192.0.2.11')
    expect(await response.text()).toBe(`a\n${goodbye('192.0.2.11')}`)
  })

  it('echoes a last unterminated line with a newline at end of input', async () => {
    const response = await postEcho('a\nlast', '192.0.2.12')
    expect(await response.text()).toBe(`a\nlast\n${goodbye('192.0.2.12')}`)
  })

  it.each([
    ['an empty body', ''],
    ['no body', null],
  ])('says only goodbye for %s', async (_name, body) => {
    const response = await postEcho(body, '192.0.2.13')
    expect(await response.text()).toBe(goodbye('192.0.2.13'))
  })

  it('accepts PUT, as curl -T sends', async () => {
    const response = await exports.default.fetch('http://example.com/echo', {
      method: 'PUT',
      body: 'x\n',
      headers: { 'cf-connecting-ip': '192.0.2.14' },
    })
    expect(await response.text()).toBe(`x\n${goodbye('192.0.2.14')}`)
  })

  it('echoes bytes exactly, invalid UTF-8 included, wherever chunks split them', async () => {
    const input = Uint8Array.from([0xf0, 0x9f, 0x98, 0x80, 0x0d, 0x0a, 0xff, 0xc3, 0x0a])
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.15' })
    for (const byte of input) await session.send(Uint8Array.of(byte))
    await session.send('\n')
    expect([...(await session.readToEnd({ close: true }))]).toEqual([
      ...input,
      ...new TextEncoder().encode(goodbye('192.0.2.15')),
    ])
  })

  it('refuses a line over MAX_LINE_BYTES with an error line, then the goodbye', async () => {
    const response = await postEcho(`ok\n${'x'.repeat(65536)}\nafter\n`, '192.0.2.16')
    expect(await response.text()).toBe(
      `ok\nerror: line longer than 65536 bytes\n${goodbye('192.0.2.16')}`
    )
  })

  it('accepts a line of exactly MAX_LINE_BYTES', async () => {
    const line = `${'x'.repeat(65535)}\n`
    const response = await postEcho(`${line}\n`, '192.0.2.16')
    expect(await response.text()).toBe(`${line}${goodbye('192.0.2.16')}`)
  })

  it('refuses an endless line without buffering it', async () => {
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.17' })
    const chunk = new Uint8Array(16 * 1024).fill(0x61)
    for (let sent = 0; sent <= 65536; sent += chunk.length) await session.send(chunk)
    expect(await session.readUntil('\n', 2000)).toBe('error: line longer than 65536 bytes\n')
    expect(await session.readUntil('\n')).toBe(goodbye('192.0.2.17'))
    expect(await session.end()).toBe('')
  })

  it('stops reading a client that does not read the echo (backpressure), then echoes every byte', async () => {
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.30' })
    const chunk = new TextEncoder().encode(`${'x'.repeat(63)}\n`.repeat(16384)) // 1 MiB of lines
    const stalled = (write: Promise<void>) =>
      Promise.race([write.then(() => false), new Promise<boolean>((r) => setTimeout(r, 300, true))])
    let accepted = 0
    let pending: Promise<void> | undefined
    while (accepted < 32 * chunk.length) {
      pending = session.send(chunk)
      if (await stalled(pending)) break
      accepted += chunk.length
    }
    // Unbounded buffering would accept all 32 MiB without the echo being read.
    expect(accepted).toBeLessThan(8 * chunk.length)
    const goodbye = 'Good bye, client @ 192.0.2.30\n'
    const [echoed] = await Promise.all([
      session.readUntil(goodbye, 10_000),
      pending?.then(() => session.send('\n')),
    ])
    const lines = (accepted + chunk.length) / 64
    expect(echoed.length).toBe(lines * 64 + goodbye.length)
    expect(echoed).toBe(`${'x'.repeat(63)}\n`.repeat(lines) + goodbye)
    expect(await session.end()).toBe('')
  }, 20_000)

  it('keeps reading a client still uploading after the goodbye, then ends', async () => {
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.18' })
    await session.send('a\n\n')
    expect(await session.readUntil(goodbye('192.0.2.18'))).toBe(`a\n${goodbye('192.0.2.18')}`)
    for (let i = 0; i < 10; i++) await session.send('still sending\n')
    expect(await session.end()).toBe('')
  })

  it('ends the response when the drained upload passes 1 MiB, without the client closing', async () => {
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.19' })
    await session.send('\n')
    expect(await session.readUntil('\n')).toBe(goodbye('192.0.2.19'))
    const chunk = new Uint8Array(64 * 1024).fill(0x62)
    // Not awaited: once the Worker stops draining, these writes may never complete.
    for (let i = 0; i < 24; i++) void session.send(chunk).catch(() => {})
    expect(await session.readToEnd({ timeoutMs: 7000 })).toEqual(new Uint8Array())
  })

  it.each([
    ['no cf-connecting-ip', {}],
    ['a host name', { 'cf-connecting-ip': 'evil.example' }],
    ['an address with a port', { 'cf-connecting-ip': '192.0.2.1:443' }],
  ])('says goodbye to unknown for %s', async (_name, headers) => {
    const response = await exports.default.fetch('http://example.com/echo', {
      method: 'POST',
      body: '\n',
      headers,
    })
    expect(await response.text()).toBe(goodbye('unknown'))
  })

  it('logs one line per session, with the client and request id from the context', async () => {
    capture = captureSessionLogs()
    const response = await exports.default.fetch('http://example.com/echo', {
      method: 'POST',
      body: 'one\ntwo\n\n',
      headers: { 'cf-connecting-ip': '2001:db8::20', 'cf-ray': '00000000000000aa-AMS' },
    })
    expect(response.headers.get('x-request-id')).toBe('00000000000000aa-AMS')
    await response.text()
    const [log] = await capture.waitFor(1)
    expect(log).toMatchObject({
      event: 'session-end',
      transport: 'http',
      client: '2001:db8::20',
      requestId: '00000000000000aa-AMS',
      lines: 2,
      bytes: 8,
      end: 'blank-line',
    })
    expect(log?.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('stops quietly and logs client-gone when the client disconnects mid-session', async () => {
    capture = captureSessionLogs()
    const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.21' })
    await session.send('a\n')
    await session.readUntil('a\n')
    await session.disconnect()
    const [log] = await capture.waitFor(1)
    expect(log).toMatchObject({ client: '192.0.2.21', end: 'client-gone', lines: 1 })
  })

  it('tells a bug from a client gone: logs the error and ends with internal-error', async () => {
    const logs = captureLog()
    // A bug in the protocol, as a fork could make one.
    vi.spyOn(LineEcho.prototype, 'push').mockImplementation(() => {
      throw new TypeError('a bug')
    })
    try {
      const session = await openHttpSession({ 'cf-connecting-ip': '192.0.2.22' })
      await session.send('a\n')
      const [error] = await logs.waitFor('http-echo-error', 1)
      const [end] = await logs.waitFor('session-end', 1)
      expect(error).toMatchObject({ client: '192.0.2.22', error: 'a bug', errorName: 'TypeError' })
      expect(end).toMatchObject({ client: '192.0.2.22', end: 'internal-error' })
    } finally {
      vi.restoreAllMocks()
      logs.restore()
    }
  })
})

describe('other methods on /echo', () => {
  it.each(['GET', 'DELETE', 'PATCH'])('answers %s /echo with 405 and Allow', async (method) => {
    const response = await exports.default.fetch('http://example.com/echo', { method })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST, PUT')
    expect(await response.text()).toBe(
      'Method not allowed here. Use POST, PUT; see GET / for usage.\n'
    )
  })
})
