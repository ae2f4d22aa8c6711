/** What every plain-text answer carries: the 500s of this folder, and the Worker's own answers. */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Never sniffed as another type (the text may repeat what a client sent), never cached
 * (it names the client, the request id or the request's own origin).
 */
export const PLAIN_TEXT_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const

/** `c.text()` with PLAIN_TEXT_HEADERS, and any headers of its own (`allow`, `upgrade`). */
export function plainText(
  c: Context,
  text: string,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {}
): Response {
  return c.text(text, status, { ...PLAIN_TEXT_HEADERS, ...headers })
}

/**
 * The same answer where there is no Hono context (a Durable Object, the settings check), or
 * where the text is a stream written while the request is still arriving.
 */
export function plainTextResponse(text: BodyInit, status: number): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=UTF-8', ...PLAIN_TEXT_HEADERS },
  })
}
