/** Plain Hono's POST/PUT /echo: the template's HTTP echo, with who it serves passed in. */
import type { Handler } from 'hono'
import { PLAIN_TEXT_HEADERS } from '../../../src/context/plain-text'
import { type EchoConfig, echoConfig } from '../../../src/echo/echo-config'
import { drain, echoLines } from '../../../src/echo/http/stream-echo'
import { IdleWatchdog } from '../../../src/echo/idle-watchdog'
import { renderLineTooLong, type SessionEnd } from '../../../src/echo/protocol/echo-protocol'
import { LineEcho } from '../../../src/echo/protocol/line-echo'
import { goodbye, log } from './plain-log'
import type { RequestInfo } from './request-info'

const encoder = new TextEncoder()

export const httpEcho = (): Handler<{ Bindings: Env }> => {
  return function httpEcho(c) {
    const { readable, writable } = new IdentityTransformStream()
    const session = echoBody(
      c.req.raw.body,
      writable.getWriter(),
      echoConfig(c.env),
      c.get('requestInfo')
    )
    c.executionCtx.waitUntil(session)
    return c.body(readable, 200, {
      'content-type': 'text/plain; charset=utf-8',
      ...PLAIN_TEXT_HEADERS,
    })
  }
}

async function echoBody(
  body: ReadableStream<Uint8Array> | null,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  { maxLineBytes, idleTimeoutMs }: EchoConfig,
  info: RequestInfo
): Promise<void> {
  const startedAt = Date.now()
  const echo = new LineEcho(maxLineBytes)
  const reader = body?.getReader()
  let end: SessionEnd = 'end-of-input'
  const idle = Promise.withResolvers<SessionEnd>()
  const watchdog = new IdleWatchdog(idleTimeoutMs, () => idle.resolve('idle-timeout'))
  try {
    end = await Promise.race([echoLines(reader, writer, echo, watchdog), idle.promise])
    if (end === 'line-too-long') await writer.write(encoder.encode(renderLineTooLong(maxLineBytes)))
    await writer.write(encoder.encode(goodbye(info)))
    if (reader && (end === 'blank-line' || end === 'line-too-long')) await drain(reader)
    await writer.close()
  } catch {
    end = 'client-gone'
    writer.close().catch(() => {})
  } finally {
    watchdog.stop()
    const { lines, bytes } = echo
    log('session-end', info, {
      transport: 'http',
      lines,
      bytes,
      end,
      durationMs: Date.now() - startedAt,
    })
  }
}
