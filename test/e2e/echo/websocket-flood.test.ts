/**
 * A WebSocket client that sends without reading. workerd's send() has no backpressure, so
 * without the session's send budget the Worker would hold everything it echoes (+575 MiB
 * for 256 MB on /ws, measured). Each case runs the built bundle on a fresh workerd with
 * V8's heap capped, sends incompressible lines with permessage-deflate off (workerd
 * compresses otherwise, which hides the growth), and reads workerd's own RSS.
 */
import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { BuiltWorker } from '../../../bench/build-worker.ts'
import { renderOverBudget } from '../../../src/echo/protocol/echo-protocol'
import { QUEUED_MESSAGE_OVERHEAD_BYTES } from '../../../src/echo/protocol/send-budget'
import { WEBSOCKET_ENDPOINTS } from '../../echo/helpers/websocket-endpoints'
import { eventWithin, waitFor } from '../helpers/wait-for'
import { buildTemplate, type FreshWorkerd, freshWorkerd } from './helpers/fresh-workerd'
import { steadyPeak } from './helpers/workerd-memory'

const MiB = 1024 * 1024
const FLOOD_BYTES = 256 * MiB
const LINE_BYTES = 64 * 1024
// The bound. Of it, the capped heap's garbage alone takes about 66 MiB: a client
// that reads as it sends 256 MB grows /ws that much (measured).
const MAX_GROWTH_BYTES = 100 * MiB
const CLIENT = '198.51.100.60'
const goodbye = `Good bye, client @ ${CLIENT}\n`
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`

/** Line `i`: its number, then random base64 (incompressible), `\n`; `size` bytes in all. */
const randomLine = (i: number, size: number): string =>
  `${String(i).padStart(8, '0')} ${randomBytes(size)
    .toString('base64')
    .slice(0, size - 10)}\n`

let worker: BuiltWorker
let server: FreshWorkerd | undefined
beforeAll(async () => {
  worker = await buildTemplate()
}, 60_000)
afterEach(() => server?.stop())

interface Received {
  readonly messages: string[]
  close?: { code: number; reason: string }
}

async function connect(url: string, path: string): Promise<{ socket: WebSocket } & Received> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, {
    perMessageDeflate: false,
    headers: { 'cf-connecting-ip': CLIENT },
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

describe.each(WEBSOCKET_ENDPOINTS)('$path and a client that sends without reading', ({ path }) => {
  it('holds at most 100 MiB more while 256 MB arrive unread, then returns its echoes in order, the error, the goodbye and close 1008', async () => {
    server = await freshWorkerd(worker)
    const budget = Number(worker.settings.vars.WEBSOCKET_BUDGET_BYTES)
    const client = await connect(server.url, path)
    client.socket.pause()
    const baseline = server.rss()
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, (server as FreshWorkerd).rss())
    }, 50)
    const sent: string[] = []
    try {
      for (let i = 0, bytes = 0; bytes < FLOOD_BYTES; i++, bytes += LINE_BYTES) {
        const line = randomLine(i, LINE_BYTES)
        // Only what the budget lets through comes back; keep just enough to compare.
        if (sent.length * LINE_BYTES < budget + LINE_BYTES) sent.push(line)
        await send(client.socket, line)
      }
      // Still not reading: what the Worker holds must settle within the bound.
      peak = Math.max(peak, await steadyPeak(server.rss, baseline + MAX_GROWTH_BYTES))
    } finally {
      clearInterval(sampler)
    }
    const growth = peak - baseline
    console.log(`${path}: 256 MiB sent unread; workerd RSS ${mib(baseline)} + ${mib(growth)}`)
    expect(growth, 'growth of workerd RSS while the client read nothing').toBeLessThanOrEqual(
      MAX_GROWTH_BYTES
    )

    client.socket.resume()
    const close = await waitFor(() => client.close, 'the close', { timeoutMs: 30_000 })
    const echoed = Math.floor(budget / (LINE_BYTES + QUEUED_MESSAGE_OVERHEAD_BYTES))
    expect(close).toEqual({ code: 1008, reason: 'over budget' })
    expect(client.messages.length).toBe(echoed + 2)
    // Compared one by one: a mismatch then names its line rather than printing 20 MiB.
    client.messages.slice(0, echoed).forEach((echo, i) => {
      if (echo !== sent[i]) expect.fail(`echo ${i} differs from line ${i} sent`)
    })
    expect(client.messages.slice(echoed)).toEqual([renderOverBudget(budget), goodbye])
  }, 180_000)

  it('gives a client that reads as it sends 16 MiB every line back, then the goodbye', async () => {
    server = await freshWorkerd(worker)
    const client = await connect(server.url, path)
    const lines = Array.from({ length: (16 * MiB) / 1024 }, (_, i) => randomLine(i, 1024))
    for (const line of lines) await send(client.socket, line)
    await send(client.socket, '\n')
    const close = await waitFor(() => client.close, 'the close', { timeoutMs: 60_000 })
    expect(close).toEqual({ code: 1000, reason: 'goodbye' })
    expect(client.messages.length).toBe(lines.length + 1)
    client.messages.slice(0, lines.length).forEach((echo, i) => {
      if (echo !== lines[i]) expect.fail(`echo ${i} differs from line ${i} sent`)
    })
    expect(client.messages.at(-1)).toBe(goodbye)
  }, 120_000)
})
