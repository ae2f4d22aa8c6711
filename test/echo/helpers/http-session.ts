/** Drives POST /echo through the Worker with a request body written piece by piece. */
import { exports } from 'cloudflare:workers'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export interface HttpSession {
  readonly response: Response
  /** Sends text or raw bytes as one chunk of the request body. */
  send(data: string | Uint8Array): Promise<void>
  /** Reads the response until its text ends with `suffix`, failing after `timeoutMs`. */
  readUntil(suffix: string, timeoutMs?: number): Promise<string>
  /** Ends the request body and returns the rest of the response. */
  end(timeoutMs?: number): Promise<string>
  /** Returns the rest of the response as bytes; with `close`, ends the request body first. */
  readToEnd(options?: { close?: boolean; timeoutMs?: number }): Promise<Uint8Array>
  /** Hangs up as a fetch client does, by aborting the request: both directions end. */
  disconnect(): void
}

export async function openHttpSession(
  headers: Record<string, string> = {},
  path = '/echo'
): Promise<HttpSession> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
  const writer = writable.getWriter()
  const hangUp = new AbortController()
  const response = await exports.default.fetch(`http://example.com${path}`, {
    method: 'POST',
    body: readable,
    headers,
    signal: hangUp.signal,
  })
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  let text = ''
  const raw: Uint8Array[] = []
  const readMore = async (timeoutMs: number) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no response within ${timeoutMs} ms; got ${JSON.stringify(text)}`)),
        timeoutMs
      )
    })
    try {
      const read = await Promise.race([reader.read(), timeout])
      if (!read.done) {
        raw.push(read.value)
        text += decoder.decode(read.value, { stream: true })
      }
      return read.done
    } finally {
      clearTimeout(timer)
    }
  }
  return {
    response,
    send: (data) => writer.write(typeof data === 'string' ? encoder.encode(data) : data),
    async readUntil(suffix, timeoutMs = 2000) {
      while (!text.endsWith(suffix)) {
        if (await readMore(timeoutMs))
          throw new Error(
            `response ended before ${JSON.stringify(suffix)}: ${JSON.stringify(text)}`
          )
      }
      const seen = text
      text = ''
      return seen
    },
    async end(timeoutMs = 2000) {
      await writer.close()
      while (!(await readMore(timeoutMs))) {}
      return text
    },
    async readToEnd({ close = false, timeoutMs = 2000 } = {}) {
      if (close) await writer.close()
      raw.length = 0
      while (!(await readMore(timeoutMs))) {}
      return new Uint8Array(await new Blob(raw).arrayBuffer())
    },
    // Aborting the request body instead (writer.abort) reaches the Worker as a plain end
    // of input, and workerd logs the abort reason as an uncaught exception.
    disconnect() {
      hangUp.abort()
    },
  }
}

/** Posts a whole body at once and returns the response text. */
export async function postEcho(body: BodyInit | null, ip = '198.51.100.7'): Promise<Response> {
  return exports.default.fetch('http://example.com/echo', {
    method: 'POST',
    body,
    headers: { 'cf-connecting-ip': ip },
  })
}
