/** Reads the echo's limits from the Worker's vars, refusing values that make no sense. */

export interface EchoConfig {
  /** Longest line or message echoed, in bytes, terminator included. */
  readonly maxLineBytes: number
  /** A session that receives nothing for this long ends with the goodbye. */
  readonly idleTimeoutMs: number
}

export interface EchoVars {
  readonly MAX_LINE_BYTES?: string
  readonly IDLE_TIMEOUT_SECONDS?: string
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new Error(`${name} must be a positive whole number, got "${value}"`)
  }
  return number
}

export function echoConfig(vars: EchoVars): EchoConfig {
  return {
    maxLineBytes: positiveInteger('MAX_LINE_BYTES', vars.MAX_LINE_BYTES, 65536),
    idleTimeoutMs: positiveInteger('IDLE_TIMEOUT_SECONDS', vars.IDLE_TIMEOUT_SECONDS, 300) * 1000,
  }
}
