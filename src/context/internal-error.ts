/** What a request that threw answers: a 500 that names its request id, logged with its context. */
import type { ErrorHandler } from 'hono'
import { logError } from './context-log'
import { tryCurrentContext } from './context-storage'
import { plainText } from './plain-text'

/**
 * `app.onError()` handler. It runs inside `app.fetch`, and so inside the context that
 * `withRequestContext()` opened: the log line carries the context, and the body the id a
 * user can quote to find that line.
 */
export const internalError = (): ErrorHandler => {
  return function internalError(error, c) {
    logError('error', error)
    const id = tryCurrentContext()?.requestId ?? 'unknown'
    return plainText(c, `Internal error. Quote request id ${id} to find out why.\n`, 500)
  }
}
