/** POST/PUT /echo: echoes a streamed request body line by line while it is still arriving. */
import type { Handler } from 'hono'
import { logError } from '../context/context-log'
import { plainTextResponse } from '../context/plain-text'
import { type EchoConfig, echoConfig } from './config'
import { LineEcho, renderGoodbye, renderLineTooLong, type SessionEnd } from './protocol'
import { logSessionEnd } from './session-log'

const encoder = new TextEncoder()

// After a session ends early the client may still be uploading. Ending the response
// then resets the connection and can lose the goodbye, so keep reading (and
// discarding) for a while, bounded, before ending it.
const DRAIN_MAX_BYTES = 1024 * 1024
const DRAIN_MAX_MS = 5000

/**
 * The HTTP transport. A native IdentityTransformStream carries the response, rather
 * than Hono's stream() helper, which adds two JS streams per chunk and swallows the
 * write error that tells the echo its client has gone.
 */
export const httpEcho = (): Handler<{ Bindings: Env }> => {
  return function httpEcho(c) {
    const { readable, writable } = new IdentityTransformStream()
    c.executionCtx.waitUntil(echoBody(c.req.raw.body, writable.getWriter(), echoConfig(c.env)))
    return plainTextResponse(readable, 200)
  }
}

async function echoBody(
  body: ReadableStream<Uint8Array> | null,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  { maxLineBytes, idleTimeoutMs }: EchoConfig
): Promise<void> {
  const startedAt = Date.now()
  const echo = new LineEcho(maxLineBytes)
  const reader = body?.getReader()
  let end: SessionEnd = 'end-of-input'
  const idle = Promise.withResolvers<SessionEnd>()
  const watchdog = new IdleWatchdog(idleTimeoutMs, () => idle.resolve('idle-timeout'))
  try {
    // On idle the read stays pending (workerd settles neither a cancel nor a releaseLock
    // of it), so the session races it once, rather than racing a timer on every read.
    const lines = echoLines(reader, writer, echo, watchdog)
    // If idle wins, the losing read may still fail later, when the client goes: ignore it.
    lines.catch(() => {})
    end = await Promise.race([lines, idle.promise])
    const write = (text: string) => clientIo(writer.write(encoder.encode(text)))
    if (end === 'line-too-long') await write(renderLineTooLong(maxLineBytes))
    await write(renderGoodbye())
    if (reader && (end === 'blank-line' || end === 'line-too-long')) await drain(reader)
    await clientIo(writer.close())
  } catch (error) {
    end = error instanceof ClientGoneError ? 'client-gone' : 'internal-error'
    if (end === 'internal-error') logError('http-echo-error', error)
    // Closing quietly: abort() would make workerd log "Network connection lost".
    writer.close().catch(() => {})
  } finally {
    watchdog.stop()
    logSessionEnd({ transport: 'http', lines: echo.lines, bytes: echo.bytes, end, startedAt })
  }
}

/** Echoes the body's lines as they arrive, one write per chunk, until the session ends. */
async function echoLines(
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  echo: LineEcho,
  watchdog: IdleWatchdog
): Promise<SessionEnd> {
  for (;;) {
    watchdog.waiting()
    const read = reader ? await clientIo(reader.read()) : { done: true as const }
    watchdog.busy()
    if (watchdog.expired) return 'idle-timeout'
    const step = read.done ? echo.finish() : echo.push(read.value)
    // Awaiting each write is the backpressure: a client that stops reading stops us reading.
    if (step.echo.length > 0) await clientIo(writer.write(step.echo))
    if (step.end) return step.end
  }
}

/** Reads and discards what the client still sends, up to 1 MiB or 5 s. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DRAIN_MAX_MS
  let drained = 0
  while (drained <= DRAIN_MAX_BYTES) {
    const read = await clientIo(readWithin(reader, deadline - Date.now()))
    if (read === TIMED_OUT || read.done) return
    drained += read.value.length
  }
}

const TIMED_OUT = Symbol('timed out')

/**
 * Reads one chunk, or returns `TIMED_OUT` after `ms`. A read that times out stays
 * pending on the stream; its eventual failure is ignored rather than left unhandled.
 */
async function readWithin<T>(
  reader: ReadableStreamDefaultReader<T>,
  ms: number
): Promise<ReadableStreamReadResult<T> | typeof TIMED_OUT> {
  if (ms <= 0) return TIMED_OUT
  const read = reader.read()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT)
  })
  try {
    const result = await Promise.race([read, timeout])
    if (result === TIMED_OUT) read.catch(() => {})
    return result
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Tells a client that has gone from a bug. A read or write of the client's streams that
 * fails means the client hung up; anything else that throws in a session is the Worker's
 * own error, and is logged as one.
 */
class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError'
}

/** `io`, with its failure marked as the client gone. */
function clientIo<T>(io: Promise<T>): Promise<T> {
  return io.catch((cause: unknown) => {
    throw new ClientGoneError('the client has gone', { cause })
  })
}

/**
 * An idle limit for a whole session that costs one timer, not a timer per read: calls
 * `onIdle` once input has been awaited for `ms` without arriving. Marking activity only
 * moves a timestamp; the single timer re-arms itself for whatever time is left.
 */
export class IdleWatchdog {
  #waitingSince = Date.now()
  #timer: ReturnType<typeof setTimeout>
  #expired = false
  readonly #ms: number
  readonly #onIdle: () => void

  constructor(ms: number, onIdle: () => void) {
    this.#ms = ms
    this.#onIdle = onIdle
    this.#timer = setTimeout(this.#check, ms)
  }

  get expired(): boolean {
    return this.#expired
  }

  /** Input is awaited from now on: idle time starts counting. */
  waiting(): void {
    this.#waitingSince = Date.now()
  }

  /** Input arrived and is being handled (a write may wait on the client): not idle. */
  busy(): void {
    this.#waitingSince = Number.NaN
  }

  stop(): void {
    clearTimeout(this.#timer)
  }

  #check = (): void => {
    const since = this.#waitingSince
    const left = Number.isNaN(since) ? this.#ms : since + this.#ms - Date.now()
    if (left > 0) {
      this.#timer = setTimeout(this.#check, left)
      return
    }
    this.#expired = true
    this.#onIdle()
  }
}
