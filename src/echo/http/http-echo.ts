/** POST/PUT /echo: echoes a streamed request body line by line while it is still arriving. */
import type { Handler } from 'hono'
import { PLAIN_TEXT_HEADERS } from '../../plain-text'
import { type EchoConfig, echoConfig } from '../echo-config'
import { IdleWatchdog } from '../idle-watchdog'
import { renderGoodbye, renderLineTooLong, type SessionEnd } from '../protocol/echo-protocol'
import { LineEcho } from '../protocol/line-echo'
import { logSessionEnd } from '../session-log'
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
    end = await Promise.race([echoLines(reader, writer, echo, watchdog), idle.promise])
    if (end === 'line-too-long') await writer.write(encoder.encode(renderLineTooLong(maxLineBytes)))
    await writer.write(encoder.encode(renderGoodbye()))
    if (reader && (end === 'blank-line' || end === 'line-too-long')) await drain(reader)
    await writer.close()
  } catch {
    end = 'client-gone'
    // Closing quietly: abort() would make workerd log "Network connection lost".
    writer.close().catch(() => {})
  } finally {
    watchdog.stop()
    logSessionEnd({ transport: 'http', lines: echo.lines, bytes: echo.bytes, end, startedAt })
  }
}
