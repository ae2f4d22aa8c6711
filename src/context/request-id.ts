/** The request id: Cloudflare's own ray id when it is there, so logs line up with its dashboards. */

// 16 hex digits, a dash, and the three-letter code of the data centre: 8f2a9c1d3e4b5a67-LHR.
const RAY_ID = /^[0-9a-f]{16}-[A-Z]{3}$/
// What crypto.randomUUID() makes, for requests that came without a ray id.
const RANDOM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** `cf-ray` if it is well formed, else undefined. Cloudflare sets it; locally a client can. */
export function requestIdFromRay(header: string | null | undefined): string | undefined {
  return header && RAY_ID.test(header) ? header : undefined
}

/** True for a ray id or a random id: what a context may carry as its request id. */
export const isRequestId = (value: unknown): value is string =>
  typeof value === 'string' && (RAY_ID.test(value) || RANDOM_ID.test(value))
