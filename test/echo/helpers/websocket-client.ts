/** Opens WebSocket sessions through the Worker and waits for what it sends, with timeouts. */
import { exports } from 'cloudflare:workers'
import { orUncaughtError } from '../../context/helpers/uncaught-errors'

export interface WebSocketClient {
  /** The 101 response, headers and all. */
  readonly upgrade: Response
  readonly socket: WebSocket
  readonly messages: (string | ArrayBuffer)[]
  /** Resolves with the first `count` messages, or rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<(string | ArrayBuffer)[]>
  /** Resolves with the close code and reason the server sent. */
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>
}

export async function openWebSocket(
  ip: string | undefined = '203.0.113.9',
  path = '/ws',
  cfRay?: string
): Promise<WebSocketClient> {
  const headers: Record<string, string> = { upgrade: 'websocket' }
  if (ip !== undefined) headers['cf-connecting-ip'] = ip
  if (cfRay !== undefined) headers['cf-ray'] = cfRay
  return acceptWebSocket(await exports.default.fetch(`http://example.com${path}`, { headers }))
}

/** Accepts the client end of an upgrade response, from the Worker or straight from an object. */
export function acceptWebSocket(response: Response): WebSocketClient {
  const socket = response.webSocket
  if (!socket) throw new Error(`expected a WebSocket, got ${response.status}`)
  socket.binaryType = 'arraybuffer'
  socket.accept()
  const messages: (string | ArrayBuffer)[] = []
  let onChange = () => {}
  let close: { code: number; reason: string } | undefined
  socket.addEventListener('message', (event) => {
    messages.push(event.data as string | ArrayBuffer)
    onChange()
  })
  socket.addEventListener('close', (event) => {
    close = { code: event.code, reason: event.reason }
    onChange()
  })
  const waitFor = <T>(ready: () => T | undefined, what: string, timeoutMs: number) =>
    orUncaughtError(
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages)}`)),
          timeoutMs
        )
        const check = () => {
          const value = ready()
          if (value === undefined) return
          clearTimeout(timer)
          resolve(value)
        }
        onChange = check
        check()
      })
    )
  return {
    upgrade: response,
    socket,
    messages,
    waitForMessages: (count, timeoutMs = 2000) =>
      waitFor(
        () => (messages.length >= count ? messages.slice(0, count) : undefined),
        `${count} messages`,
        timeoutMs
      ),
    closed: (timeoutMs = 2000) => waitFor(() => close, 'close', timeoutMs),
  }
}
