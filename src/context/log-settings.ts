/** How the context-stamped log writes its lines, from the Worker's vars. */
import { InvalidSetting, parsedOnce } from './invalid-setting'

export interface LogSettings {
  /**
   * `object`: each line is an object passed to console.log, whose fields Workers Logs
   * indexes (production). `json`: each line is one JSON string, which `wrangler dev`
   * prints as it is, for people and the end-to-end tests (npm start sets it).
   */
  readonly format: 'object' | 'json'
  /** The client's address is personal data: `false` leaves it out of every line. */
  readonly clientAddress: boolean
}

export interface LogVars {
  readonly LOG_FORMAT?: string
  readonly LOG_CLIENT_ADDRESS?: string
}

/** What the log falls back to while a setting is invalid: plain objects, no address. */
const SAFEST: LogSettings = { format: 'object', clientAddress: false }

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[]
): T {
  const chosen = value ?? allowed[0]
  if (!allowed.includes(chosen as T)) {
    throw new InvalidSetting(name, allowed.map((a) => `"${a}"`).join(' or '), String(value))
  }
  return chosen as T
}

/** The log's settings; throws InvalidSetting for a value it does not allow. */
export const logSettings = parsedOnce(function logSettings(vars: LogVars): LogSettings {
  return {
    format: oneOf('LOG_FORMAT', vars.LOG_FORMAT, ['object', 'json']),
    clientAddress:
      oneOf('LOG_CLIENT_ADDRESS', vars.LOG_CLIENT_ADDRESS, ['true', 'false']) === 'true',
  }
})

/**
 * What `log()` uses: never throws, so that the line naming a bad setting can be written
 * at all, while `withValidSettings()` refuses the requests.
 */
export function logSettingsOrSafest(vars: LogVars): LogSettings {
  try {
    return logSettings(vars)
  } catch {
    return SAFEST
  }
}
