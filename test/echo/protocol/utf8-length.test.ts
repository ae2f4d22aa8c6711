import { describe, expect, it } from 'vitest'
import { utf8Length } from '../../../src/echo/protocol'

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['hello\n', 6],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['a😀b', 6],
    ['\ud800', 3],
    ['\ud800é', 5],
    ['\udc00\ud800', 6],
    ['😀\ud83d', 7],
  ])('counts %j as TextEncoder does', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes)
    expect(new TextEncoder().encode(text).length).toBe(bytes)
  })
})
