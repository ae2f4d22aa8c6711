/** A stream read that gives up after a timeout instead of waiting forever. */

export const TIMED_OUT = Symbol('timed out')

/**
 * Reads one chunk, or returns `TIMED_OUT` after `ms`. A read that times out stays
 * pending on the stream; its eventual failure is ignored rather than left unhandled.
 */
export async function readWithin<T>(
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
