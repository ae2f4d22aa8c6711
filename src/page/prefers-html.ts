/** Content negotiation for GET /: does an Accept header ask for HTML rather than plain text? */
import type { Context } from 'hono'
import { accepts } from 'hono/accepts'

/**
 * True if the client's Accept header ranks `text/html` above plain text, or first among
 * equals, as browsers send it. A wildcard never earns the page: curl's `*\/*`, `text/*`
 * and a missing header get the plain-text usage (Hono's `accepts()`, which weighs q-values
 * and lets no wildcard match on its own).
 */
export const prefersHtml = (c: Context): boolean =>
  accepts(c, { header: 'Accept', supports: ['text/plain', 'text/html'], default: 'text/plain' }) ===
  'text/html'
