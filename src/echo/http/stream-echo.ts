/** The HTTP echo's loop over a request body, and what it does with input after an early end. */
import type { IdleWatchdog } from '../idle-watchdog'
import type { SessionEnd } from '../protocol/echo-protocol'
import type { LineEcho } from '../protocol/line-echo'
import { clientIo } from './client-io'
import { readWithin, TIMED_OUT } from './read-within'

// After a session ends early the client may still be uploading. Ending the response
// then resets the connection and can lose the goodbye, so keep reading (and
// discarding) for a while, bounded, before ending it.
const DRAIN_MAX_BYTES = 1024 * 1024
const DRAIN_MAX_MS = 5000

/** Echoes the body's lines as they arrive, one write per chunk, until the session ends. */
export async function echoLines(
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
export async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DRAIN_MAX_MS
  let drained = 0
  while (drained <= DRAIN_MAX_BYTES) {
    const read = await clientIo(readWithin(reader, deadline - Date.now()))
    if (read === TIMED_OUT || read.done) return
    drained += read.value.length
  }
}
