/** POST/PUT /echo: echoes a streamed request body line by line while it is still arriving. */
import type { Handler } from 'hono'
import { logError } from '../../context/context-log'
import { PLAIN_TEXT_HEADERS } from '../../context/plain-text'
import { type EchoConfig, echoConfig } from '../echo-config'
import { IdleWatchdog } from '../idle-watchdog'
import { renderGoodbye, renderLineTooLong, type SessionEnd } from '../protocol/echo-protocol'
import { LineEcho } from '../protocol/line-echo'
import { logSessionEnd } from '../session-log'
import { ClientGoneError, clientIo } from './client-io'
import { drain, echoLines } from './stream-echo'

const encoder = new TextEncoder()

/**
 * The HTTP transport. A native IdentityTransformStream carries the response, rather
 * than Hono's stream() helper, which adds two JS streams per chunk and swallows the
 * write error that tells the echo its client has gone.
 */
export const httpEcho = (): Handler<{ Bindings: Env }> => {
  return function httpEcho(c) {
    const { readable, writable } = new IdentityTransformStream()
    c.executionCtx.waitUntil(echoBody(c.req.raw.body, writable.getWriter(), echoConfig(c.env)))
    return c.body(readable, 200, {
      'content-type': 'text/plain; charset=utf-8',
      ...PLAIN_TEXT_HEADERS,
    })
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
