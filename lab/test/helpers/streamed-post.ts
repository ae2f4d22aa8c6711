/** A streamed POST /echo from Node's own HTTP client: a body written piece by piece, read at will. */
import { type Agent, type IncomingMessage, request } from 'node:http'
import { onTestFinished } from 'vitest'
import { notifiedWaits } from '../../../test/e2e/helpers/wait-for'

export interface StreamedPost {
  /** Sends one piece of the body; resolves once the socket accepted it (backpressure). */
  write(data: string | Uint8Array): Promise<void>
  /** Ends the body. */
  end(): void
  /** Waits until the response holds at least `bytes` bytes. */
  waitForBytes(bytes: number, timeoutMs?: number): Promise<Buffer>
  /** Waits for the end of the response and returns all of it. */
  finished(timeoutMs?: number): Promise<Buffer>
  /** Stops reading the response (TCP pushes back on the Worker), or starts again. */
  pauseReading(): void
  resumeReading(): void
}

export function streamedPost(
  url: string,
  { clientIp, agent }: { clientIp?: string; agent?: Agent } = {}
): StreamedPost {
  const headers: Record<string, string> =
    clientIp === undefined ? {} : { 'cf-connecting-ip': clientIp }
  const req = request(url, { method: 'POST', headers, ...(agent ? { agent } : {}) })
  onTestFinished(() => {
    req.destroy()
  })
  const chunks: Buffer[] = []
  let length = 0
  let ended = false
  let failure: Error | undefined
  let response: IncomingMessage | undefined
  let paused = false
  const waits = notifiedWaits()
  req.on('error', (error) => {
    failure = error
    waits.notify()
  })
  req.once('response', (res: IncomingMessage) => {
    response = res
    if (paused) res.pause()
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      length += chunk.length
      waits.notify()
    })
    res.on('end', () => {
      ended = true
      waits.notify()
    })
    res.on('error', (error) => {
      failure = error
      waits.notify()
    })
  })
  const received = () => Buffer.concat(chunks, length)
  const got = (what: string) => () =>
    `${what}; got ${length} bytes${failure ? `, error ${failure.message}` : ''}: ${JSON.stringify(received().subarray(-200).toString('latin1'))}`
  const unlessFailed = <T>(value: T | undefined): T | undefined => {
    if (failure) throw failure
    return value
  }
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure)
        if (req.write(data)) return resolve()
        const onError = (error: Error) => {
          req.off('drain', onDrain)
          reject(error)
        }
        const onDrain = () => {
          req.off('error', onError)
          resolve()
        }
        req.once('drain', onDrain)
        req.once('error', onError)
      }),
    end: () => req.end(),
    waitForBytes: (bytes, timeoutMs = 5000) =>
      waits.until(
        () => unlessFailed(length >= bytes ? received() : undefined),
        timeoutMs,
        got(`${bytes} bytes`)
      ),
    finished: (timeoutMs = 5000) =>
      waits.until(
        () => unlessFailed(ended ? received() : undefined),
        timeoutMs,
        got('the end of the response')
      ),
    pauseReading() {
      paused = true
      response?.pause()
    },
    resumeReading() {
      paused = false
      response?.resume()
    },
  }
}
