import { describe, expect, it } from 'vitest'
import { runInContext, tryCurrentContext } from '../../../src/context/context-storage'
import {
  CONTEXT_HEADER,
  contextFromWorker,
  contextHeaders,
} from '../../../src/context/crossings/durable-object-context'
import { InvalidContextError } from '../../../src/context/request-context'
import { testContext } from '../helpers/test-context'

const context = testContext('2001:db8::40')

/** The request a Worker sends to an object from inside `sent`'s context, as fetch() builds it. */
const requestFrom = (sent: object) =>
  runInContext(
    sent as typeof context,
    () => new Request('http://object/socket', { headers: contextHeaders({ upgrade: 'websocket' }) })
  )

describe('the context crossing to a Durable Object', () => {
  it('arrives whole, through real Headers, where no context is current', () => {
    const request = requestFrom(context)
    expect(tryCurrentContext()).toBeUndefined()
    expect(request.headers.get('upgrade')).toBe('websocket')
    expect(contextFromWorker(request)).toEqual(context)
  })

  it('carries a field outside Latin-1 as printable ASCII, which every Headers takes', () => {
    const sent = { ...context, userName: '😀 ☃' }
    const header = requestFrom(sent).headers.get(CONTEXT_HEADER) ?? ''
    expect(header).toMatch(/^[\x21-\x7e]+$/)
    expect(JSON.parse(decodeURIComponent(header))).toEqual(sent)
  })

  it('is checked field by field in the object, which refuses a forged client', () => {
    const request = requestFrom({ ...context, client: 'evil.example' })
    expect(() => contextFromWorker(request)).toThrow('context field client is not valid')
  })

  it.each([
    ['no header', {}],
    ['a header that is not encoded JSON', { [CONTEXT_HEADER]: '%E0%A4%A' }],
    ['a header that holds no object', { [CONTEXT_HEADER]: 'null' }],
  ])('is refused with %s', (_name, headers) => {
    const request = new Request('http://object/socket', { headers })
    expect(() => contextFromWorker(request)).toThrow(InvalidContextError)
  })

  it('needs a current context to send', () => {
    expect(() => contextHeaders()).toThrow('No request context')
  })
})
