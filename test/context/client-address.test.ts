import { describe, expect, it } from 'vitest'
import { parseClientAddress, UNKNOWN_CLIENT } from '../../src/context/client-address'
import { CLIENT_ADDRESSES, NOT_CLIENT_ADDRESSES } from './helpers/client-address-cases'

describe('parseClientAddress', () => {
  it.each(CLIENT_ADDRESSES)('keeps %s exactly as given', (address) => {
    expect(parseClientAddress(address)).toBe(address)
  })

  it.each(NOT_CLIENT_ADDRESSES)('gives unknown for %s', (_name, header) => {
    expect(parseClientAddress(header)).toBe(UNKNOWN_CLIENT)
  })
})
