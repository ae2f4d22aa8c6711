/** A `[vars]` value the Worker cannot use, named with the values it allows. */
export class InvalidSetting extends Error {
  override readonly name = 'InvalidSetting'

  constructor(
    readonly variable: string,
    readonly allowed: string,
    value: string
  ) {
    super(`${variable} must be ${allowed}, got "${value}"`)
  }
}

/**
 * `parse`, run once per vars object (an isolate has one) and its outcome kept, a throw
 * included: a setting is checked once, not on every log line or request.
 */
export function parsedOnce<V extends object, T>(parse: (vars: V) => T): (vars: V) => T {
  const outcomes = new WeakMap<V, { value: T } | { error: unknown }>()
  return function parsed(vars) {
    let outcome = outcomes.get(vars)
    if (!outcome) {
      try {
        outcome = { value: parse(vars) }
      } catch (error) {
        outcome = { error }
      }
      outcomes.set(vars, outcome)
    }
    if ('error' in outcome) throw outcome.error
    return outcome.value
  }
}
