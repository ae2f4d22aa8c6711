import { describe, expect, it } from 'vitest'
import { runInContext } from '../../../src/context/context-storage'
import {
  isBlankLine,
  isBlankText,
  renderGoodbye,
  renderLineTooLong,
  renderMessageTooLong,
} from '../../../src/echo/protocol'
import { testContext } from '../../context/helpers/test-context'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('echo protocol', () => {
  it.each(['', '\n', '\r\n', ' \t\v\f\r\n', '   '])('treats %j as blank', (line) => {
    expect(isBlankLine(bytes(line))).toBe(true)
    expect(isBlankText(line)).toBe(true)
  })

  it.each(['a\n', ' x \n', '\u00a0\n', '\u2003\n', '\0\n', '.'])('treats %j as a line', (line) => {
    expect(isBlankLine(bytes(line))).toBe(false)
    expect(isBlankText(line)).toBe(false)
  })

  it('tests only the given range of a buffer', () => {
    expect(isBlankLine(bytes('x \n y'), 1, 3)).toBe(true)
  })

  it('renders the goodbye from the client context, with no argument', () => {
    const goodbye = runInContext(testContext('192.0.2.1'), renderGoodbye)
    expect(goodbye).toBe('Good bye, client @ 192.0.2.1\n')
  })

  it('cannot render a goodbye outside a session', () => {
    expect(() => renderGoodbye()).toThrow('No request context')
  })

  it('names the limit in the error lines', () => {
    expect(renderLineTooLong(65536)).toBe('error: line longer than 65536 bytes\n')
    expect(renderMessageTooLong(10)).toBe('error: message longer than 10 bytes\n')
  })
})
