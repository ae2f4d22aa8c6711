/**
 * Checks the Worker's `[vars]` before any route runs. A bad value is named once, in one
 * logged line per isolate and in the 500 that every request gets until it is fixed,
 * rather than surface as a throw from whichever line first reads it.
 */

import { logError } from './context-log'
import { InvalidSetting } from './invalid-setting'
import { logSettings } from './log-settings'
import { plainTextResponse } from './plain-text'
import type { FetchHandler } from './with-request-context'

/** Each takes the Worker's env and throws InvalidSetting for a value it does not allow. */
export type SettingsCheck<E> = (env: E) => unknown

const reported = new Set<string>()

/**
 * Runs `fetch` once the log's settings and every `checks` pass; each keeps its outcome
 * per env (`parsedOnce()`), so a request pays a lookup, not a parse.
 * @example
 * withRequestContext(withValidSettings<Env>(app.fetch, mySettings))
 */
export function withValidSettings<E>(
  fetch: FetchHandler<E>,
  ...checks: SettingsCheck<E>[]
): FetchHandler<E> {
  const all = [logSettings as SettingsCheck<E>, ...checks]
  return function fetchWithValidSettings(request, env, ctx) {
    try {
      for (const check of all) check(env)
    } catch (error) {
      if (!(error instanceof InvalidSetting)) throw error
      return invalidSettingResponse(error)
    }
    return fetch(request, env, ctx)
  }
}

function invalidSettingResponse(error: InvalidSetting): Response {
  if (!reported.has(error.message)) {
    reported.add(error.message)
    logError('invalid-setting', error, { variable: error.variable })
  }
  const text = `Invalid setting: ${error.message}. Fix it in wrangler.toml's [vars] (or the dashboard) and deploy again.\n`
  return plainTextResponse(text, 500)
}
