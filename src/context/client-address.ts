/** Validates the caller's address as Cloudflare reports it in `cf-connecting-ip`. */
import { isIPv4, isIPv6 } from 'node:net'

/** What a session is attributed to when the header is missing or not an IP literal. */
export const UNKNOWN_CLIENT = 'unknown'
/** What a run with no request at all (a cron trigger) is attributed to. */
export const NO_CLIENT = 'none'

// The longest textual IPv6 address (with an embedded IPv4 tail) is 45 characters.
const MAX_ADDRESS_LENGTH = 45

/**
 * Returns `header` unchanged if it is an IPv4 or IPv6 literal in standard text form,
 * otherwise `unknown`. Zone IDs (`fe80::1%eth0`) are refused: Cloudflare never sends
 * them, and `%` has no business in a log line.
 */
export function parseClientAddress(header: string | null | undefined): string {
  if (!header || header.length > MAX_ADDRESS_LENGTH || header.includes('%')) {
    return UNKNOWN_CLIENT
  }
  return isIPv4(header) || isIPv6(header) ? header : UNKNOWN_CLIENT
}
