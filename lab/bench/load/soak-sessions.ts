/** Short echo sessions for the soak, each checked byte for byte, from many client addresses. */
import WebSocket from 'ws'

export type SoakTransport = 'http' | 'websocket' | 'websocket-hibernating'

/** The address of session `i`: one of `addresses` distinct ones, as many clients would be. */
export const soakAddress = (i: number, addresses: number): string => {
  const n = i % addresses
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

const linesOf = (i: number) => [`session ${i}: first line\n`, `session ${i}: second line é\n`]
const goodbye = (address: string) => `Good bye, client @ ${address}\n`

/** One session over HTTP: two lines and a blank one; undefined if the answer was exact. */
async function httpSession(port: number, i: number, address: string): Promise<string | undefined> {
  const lines = linesOf(i)
  const response = await fetch(`http://127.0.0.1:${port}/echo`, {
    method: 'POST',
    body: `${lines.join('')}\n`,
    headers: { 'cf-connecting-ip': address },
    signal: AbortSignal.timeout(10_000),
  })
  const text = await response.text()
  const expected = `${lines.join('')}${goodbye(address)}`
  return text === expected ? undefined : `HTTP ${response.status}: ${JSON.stringify(text)}`
}

/** One session over a WebSocket: two messages and a blank one, then the goodbye and close 1000. */
function websocketSession(port: number, path: string, i: number, address: string) {
  return new Promise<string | undefined>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, {
      headers: { 'cf-connecting-ip': address },
      perMessageDeflate: false,
    })
    const timer = setTimeout(() => {
      socket.terminate()
      resolve(`no close within 10 s; got ${JSON.stringify(received)}`)
    }, 10_000)
    const lines = linesOf(i)
    const received: string[] = []
    socket.on('open', () => {
      for (const line of lines) socket.send(line)
      socket.send('\n')
    })
    socket.on('message', (data) => received.push(data.toString()))
    socket.on('error', (error) => received.push(`error: ${error.message}`))
    socket.on('close', (code) => {
      clearTimeout(timer)
      const expected = [...lines, goodbye(address)]
      const exact = code === 1000 && JSON.stringify(received) === JSON.stringify(expected)
      resolve(exact ? undefined : `close ${code}; got ${JSON.stringify(received)}`)
    })
  })
}

export interface SoakPass {
  readonly sessions: number
  readonly seconds: number
  /** What was wrong with each session that did not end exactly as the protocol says. */
  readonly bad: readonly string[]
}

/** Runs `count` sessions over `transport`, `concurrency` at a time, from `addresses` clients. */
export async function soakPass(
  port: number,
  transport: SoakTransport,
  count: number,
  { concurrency = 50, addresses = 2000 } = {}
): Promise<SoakPass> {
  const started = performance.now()
  const bad: string[] = []
  let next = 0
  const path = transport === 'websocket' ? '/ws' : '/ws/hibernating'
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const address = soakAddress(i, addresses)
      const problem = await (transport === 'http'
        ? httpSession(port, i, address)
        : websocketSession(port, path, i, address)
      ).catch((error: Error) => error.message)
      if (problem) bad.push(`session ${i} from ${address}: ${problem}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { sessions: count, seconds: (performance.now() - started) / 1000, bad }
}
