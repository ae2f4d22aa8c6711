/**
 * WebSocket clients that send without reading, alone and in a crowd, and one that reads as
 * it goes. send() has no backpressure: without the bounds on what waits unread
 * (bufferedAmount), the Worker would hold everything it echoes (+575 MiB for 256 MB on /ws,
 * measured). Each case runs the built bundle on a fresh workerd with V8's heap capped,
 * sends incompressible lines with permessage-deflate off (workerd compresses otherwise,
 * which hides the growth), and reads workerd's own RSS.
 */
import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { websocketUrl } from '../../test/e2e/echo/helpers/ws-client'
import { eventWithin, notifiedWaits, waitFor } from '../../test/e2e/helpers/wait-for'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import type { BuiltWorker } from '../bench/build-worker.ts'
import { builtTemplate, type FreshWorkerd, freshWorkerd } from './helpers/fresh-workerd'
import { steadyPeak } from './helpers/workerd-memory'

const MiB = 1024 * 1024
const FLOOD_BYTES = 256 * MiB
const LINE_BYTES = 64 * 1024
// The bound. Of it, the capped heap's garbage alone takes about 66 MiB: a client
// that reads as it sends 256 MB grows /ws that much (measured).
const MAX_GROWTH_BYTES = 100 * MiB
const CLIENT = '198.51.100.60'
const goodbyeTo = (client: string) => `Good bye, client @ ${client}\n`
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`

/** Line `i`: its number, then random base64 (incompressible), `\n`; `size` bytes in all. */
const randomLine = (i: number, size: number): string =>
  `${String(i).padStart(8, '0')} ${randomBytes(size)
    .toString('base64')
    .slice(0, size - 10)}\n`

let worker: BuiltWorker
let server: FreshWorkerd | undefined
beforeAll(() => {
  worker = builtTemplate()
})
afterEach(() => server?.stop())

interface Received {
  readonly messages: string[]
  close?: { code: number; reason: string }
}

async function connect(
  url: string,
  path: string,
  client = CLIENT
): Promise<{ socket: WebSocket } & Received> {
  const socket = new WebSocket(websocketUrl(url, path), {
    perMessageDeflate: false,
    headers: { 'cf-connecting-ip': client },
  })
  const received: Received = { messages: [] }
  socket.on('message', (data: Buffer) => received.messages.push(data.toString('utf8')))
  socket.on('close', (code, reason) => {
    received.close = { code, reason: reason.toString('utf8') }
  })
  await eventWithin(socket, 'open', 5000, `a WebSocket to ${path}`)
  return Object.assign(received, { socket })
}

const send = (socket: WebSocket, line: string) =>
  new Promise<void>((resolve, reject) =>
    socket.send(line, (error) => (error ? reject(error) : resolve()))
  )

/** Samples `server`'s RSS every 50 ms while `run` runs, then until it settles; the growth. */
async function growthWhile(server: FreshWorkerd, run: () => Promise<void>): Promise<number> {
  const baseline = server.rss()
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.rss())
  }, 50)
  try {
    await run()
    // Still not reading: what the Worker holds must settle within the bound.
    peak = Math.max(peak, await steadyPeak(server.rss, baseline + MAX_GROWTH_BYTES))
  } finally {
    clearInterval(sampler)
  }
  return peak - baseline
}

/**
 * What a client that stopped reading gets once it reads: a prefix of its lines in order
 * (at least what the bound holds; the kernel's socket buffers take more), an error line
 * that names a bound, the goodbye, close 1008.
 */
function expectCutAtABound(
  received: Received,
  sent: readonly string[],
  client: string,
  least: number
) {
  expect(received.close).toEqual({ code: 1008, reason: 'over budget' })
  const echoed = received.messages.length - 2
  expect(echoed, 'lines echoed before the cut').toBeGreaterThanOrEqual(least)
  received.messages.slice(0, echoed).forEach((echo, i) => {
    if (echo !== sent[i]) expect.fail(`echo ${i} differs from line ${i} sent`)
  })
  const [error, goodbye] = received.messages.slice(echoed)
  expect(error).toMatch(/^error: .* would hold more than \d+ bytes unread.*; reconnect to go on\n$/)
  expect(goodbye).toBe(goodbyeTo(client))
  return error as string
}

describe.each(WEBSOCKET_ENDPOINTS)('$path under a flood', ({ path }) => {
  it('holds at most 100 MiB more while one client sends 256 MB unread, then returns its echoes in order, the error, the goodbye and close 1008', async () => {
    server = await freshWorkerd(worker)
    const budget = Number(worker.settings.vars.WEBSOCKET_BUDGET_BYTES)
    const client = await connect(server.url, path)
    client.socket.pause()
    const sent: string[] = []
    const growth = await growthWhile(server, async () => {
      for (let i = 0, bytes = 0; bytes < FLOOD_BYTES; i++, bytes += LINE_BYTES) {
        const line = randomLine(i, LINE_BYTES)
        // Only what the bound and the socket buffers let through comes back: keep that much.
        if (sent.length * LINE_BYTES < budget + 64 * MiB) sent.push(line)
        await send(client.socket, line)
      }
    })
    console.log(`${path}: 256 MiB sent unread; workerd RSS + ${mib(growth)}`)
    expect(growth, 'growth of workerd RSS while the client read nothing').toBeLessThanOrEqual(
      MAX_GROWTH_BYTES
    )
    client.socket.resume()
    await waitFor(() => client.close, 'the close', { timeoutMs: 30_000 })
    const error = expectCutAtABound(client, sent, CLIENT, Math.floor(budget / (LINE_BYTES + 128)))
    expect(error).toBe(
      `error: this session would hold more than ${budget} bytes unread; reconnect to go on\n`
    )
  }, 180_000)

  it('holds at most 100 MiB more while eight clients send 64 MB each unread, and cuts each one cleanly', async () => {
    server = await freshWorkerd(worker)
    const clients = await Promise.all(
      Array.from({ length: 8 }, (_, k) => connect(server?.url ?? '', path, `198.51.100.${70 + k}`))
    )
    for (const client of clients) client.socket.pause()
    const sent = clients.map((): string[] => [])
    const growth = await growthWhile(server, async () => {
      await Promise.all(
        clients.map(async (client, k) => {
          for (let i = 0, bytes = 0; bytes < 64 * MiB; i++, bytes += LINE_BYTES) {
            const line = randomLine(i, LINE_BYTES)
            if ((sent[k]?.length ?? 0) * LINE_BYTES < 48 * MiB) sent[k]?.push(line)
            await send(client.socket, line)
          }
        })
      )
    })
    console.log(`${path}: 8 x 64 MiB sent unread; workerd RSS + ${mib(growth)}`)
    expect(growth, 'growth of workerd RSS while the crowd read nothing').toBeLessThanOrEqual(
      MAX_GROWTH_BYTES
    )
    for (const client of clients) client.socket.resume()
    await Promise.all(
      clients.map((client) => waitFor(() => client.close, 'the close', { timeoutMs: 30_000 }))
    )
    clients.forEach((client, k) => {
      expectCutAtABound(client, sent[k] ?? [], `198.51.100.${70 + k}`, 0)
    })
  }, 180_000)

  it('gives a client that reads as it goes 256 MB back whole, then the goodbye', async () => {
    server = await freshWorkerd(worker)
    const client = await connect(server.url, path)
    const sizes = { sent: 0, received: 0 }
    client.socket.on('message', (data: Buffer) => {
      sizes.received += data.length
    })
    // Reading as it goes: never more than 4 MiB sent and not yet read back.
    const notified = notifiedWaits()
    client.socket.on('message', notified.notify)
    let mismatch: string | undefined
    let checked = 0
    for (let i = 0; sizes.sent < FLOOD_BYTES; i++) {
      const line = randomLine(i, LINE_BYTES)
      await notified.until(
        () => (sizes.sent - sizes.received <= 4 * MiB ? true : undefined),
        30_000,
        () => `echoes to catch up: ${mib(sizes.sent - sizes.received)} unread`
      )
      await send(client.socket, line)
      sizes.sent += line.length
      // Lines are checked as they come back, so the test keeps only a few in memory.
      for (; checked < client.messages.length; checked++) {
        if (client.messages[checked] === undefined) continue
        if (!client.messages[checked]?.startsWith(String(checked).padStart(8, '0'))) {
          mismatch ??= `echo ${checked} is not line ${checked}`
        }
        client.messages[checked] = ''
      }
    }
    await send(client.socket, '\n')
    const close = await waitFor(() => client.close, 'the close', { timeoutMs: 60_000 })
    for (; checked < client.messages.length - 1; checked++) {
      if (!client.messages[checked]?.startsWith(String(checked).padStart(8, '0'))) {
        mismatch ??= `echo ${checked} is not line ${checked}`
      }
    }
    expect(mismatch).toBeUndefined()
    expect(close).toEqual({ code: 1000, reason: 'goodbye' })
    expect(client.messages.length).toBe(FLOOD_BYTES / LINE_BYTES + 1)
    expect(client.messages.at(-1)).toBe(goodbyeTo(CLIENT))
    expect(sizes.received).toBe(FLOOD_BYTES + goodbyeTo(CLIENT).length)
  }, 180_000)
})
