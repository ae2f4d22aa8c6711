/** A `ws` client that records every message and the close, with waits that time out. */
import { onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { eventWithin, notifiedWaits } from '../../helpers/wait-for'

export interface ReceivedMessage {
  readonly data: Buffer
  readonly binary: boolean
}

export interface WebSocketClient {
  readonly socket: WebSocket
  /** The headers of the server's 101 response. */
  readonly upgradeHeaders: Readonly<Record<string, string | string[] | undefined>>
  readonly messages: ReceivedMessage[]
  /** Resolves with the first `count` messages, or rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>
  /** Resolves with the close code and reason the client saw. */
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>
}

export const websocketUrl = (httpUrl: string, path = '/ws'): string =>
  `${httpUrl.replace(/^http/, 'ws')}${path}`

/** Connects to the Worker's `path` as `clientIp`; the socket is terminated when the test ends. */
export async function openWebSocket(
  httpUrl: string,
  clientIp?: string,
  { path = '/ws', timeoutMs = 5000, headers = {} as Record<string, string> } = {}
): Promise<WebSocketClient> {
  const socket = new WebSocket(websocketUrl(httpUrl, path), {
    headers: clientIp === undefined ? headers : { ...headers, 'cf-connecting-ip': clientIp },
    handshakeTimeout: timeoutMs,
  })
  onTestFinished(() => socket.terminate())
  let upgradeHeaders: WebSocketClient['upgradeHeaders'] = {}
  socket.once('upgrade', (response) => {
    upgradeHeaders = response.headers
  })
  const messages: ReceivedMessage[] = []
  let close: { code: number; reason: string } | undefined
  // Event-driven waits: hundreds of sessions at once must not each poll a timer.
  const waits = notifiedWaits()
  socket.on('message', (data, binary) => {
    messages.push({ data: data as Buffer, binary })
    waits.notify()
  })
  socket.on('close', (code, reason) => {
    close = { code, reason: reason.toString('utf8') }
    waits.notify()
  })
  await eventWithin(socket, 'open', timeoutMs, `a WebSocket to ${httpUrl}${path} to open`)
  const got = (what: string) => () => `${what}; got ${JSON.stringify(texts(messages))}`
  return {
    socket,
    upgradeHeaders,
    messages,
    waitForMessages: (count, wait = 5000) =>
      waits.until(
        () => (messages.length >= count ? messages.slice(0, count) : undefined),
        wait,
        got(`${count} messages`)
      ),
    closed: (wait = 5000) => waits.until(() => close, wait, got('the close')),
  }
}

/** The messages as text, for asserting a whole conversation at once. */
export const texts = (messages: readonly ReceivedMessage[]): string[] =>
  messages.map((message) => message.data.toString('utf8'))
