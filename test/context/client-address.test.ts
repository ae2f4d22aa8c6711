import { describe, expect, it } from 'vitest'
import { parseClientAddress, UNKNOWN_CLIENT } from '../../src/context/client-address'

describe('parseClientAddress', () => {
  it.each([
    '203.0.113.9',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    '2001:db8::1',
    '2001:DB8:0:0:8:800:200C:417A',
    '::ffff:192.0.2.128',
    'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
  ])('keeps %s exactly as given', (address) => {
    expect(parseClientAddress(address)).toBe(address)
  })

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['a host name', 'example.com'],
    ['an IPv4 octet over 255', '256.1.1.1'],
    ['an IPv4 octet with a leading zero', '010.0.0.1'],
    ['three IPv4 octets', '1.2.3'],
    ['surrounding spaces', ' 1.2.3.4'],
    ['a port', '1.2.3.4:80'],
    ['a bracketed IPv6', '[::1]'],
    ['an IPv6 zone', 'fe80::1%eth0'],
    ['two IPv6 compressions', '1::2::3'],
    ['nine IPv6 groups', '1:2:3:4:5:6:7:8:9'],
    ['a list of addresses', '1.2.3.4, 5.6.7.8'],
    ['a CRLF', '1.2.3.4\r\nx: y'],
    ['markup', '<script>'],
    ['10 KB of digits', '1'.repeat(10_000)],
  ])('gives unknown for %s', (_name, header) => {
    expect(parseClientAddress(header)).toBe(UNKNOWN_CLIENT)
  })
})
