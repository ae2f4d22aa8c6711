/** How the context-stamped log writes its lines, from the Worker's vars. */

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

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[]
): T {
  const chosen = value ?? allowed[0]
  if (!allowed.includes(chosen as T)) {
    throw new Error(`${name} must be ${allowed.map((a) => `"${a}"`).join(' or ')}, got "${value}"`)
  }
  return chosen as T
}

export function logSettings(vars: LogVars): LogSettings {
  return {
    format: oneOf('LOG_FORMAT', vars.LOG_FORMAT, ['object', 'json']),
    clientAddress:
      oneOf('LOG_CLIENT_ADDRESS', vars.LOG_CLIENT_ADDRESS, ['true', 'false']) === 'true',
  }
}
