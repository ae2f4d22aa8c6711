/** What a Worker with an invalid [vars] value answers every request, from one source. */
import { expect } from 'vitest'

/** The 500's body for `message` (`LOG_FORMAT must be …, got "xml"`). */
export const invalidSettingBody = (message: string): string =>
  `Invalid setting: ${message}. Fix it in wrangler.toml's [vars] (or the dashboard) and deploy again.\n`

/** Sends each request to `url` and expects the 500 that names the setting, with a request id. */
export async function expectInvalidSettingAnswers(
  url: string,
  requests: readonly (readonly [path: string, init: RequestInit])[],
  message: string
): Promise<void> {
  for (const [path, init] of requests) {
    const response = await fetch(`${url}${path}`, init)
    expect(response.status, path).toBe(500)
    expect(response.headers.get('x-request-id'), path).toMatch(/\S/)
    expect(await response.text(), path).toBe(invalidSettingBody(message))
  }
}
