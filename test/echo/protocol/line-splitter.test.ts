import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LineSplitter, type SplitStatus } from '../../../src/echo/protocol'

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part))
  )

interface Split {
  lines: number[][]
  status: SplitStatus
}

/** Feeds `chunks` through a splitter and collects copies of every line and the last status. */
function split(chunks: Uint8Array[], maxLineBytes = 1024): Split {
  const splitter = new LineSplitter(maxLineBytes)
  const lines: number[][] = []
  const collect = (b: Uint8Array, start: number, end: number) => {
    lines.push([...b.subarray(start, end)])
    return true
  }
  for (const chunk of chunks) {
    const status = splitter.push(chunk, collect)
    if (status !== 'more') return { lines, status }
  }
  return { lines, status: splitter.flush(collect) }
}

/** The reference: split the whole input at once, the obvious way. */
function referenceSplit(input: Uint8Array): number[][] {
  const lines: number[][] = []
  let start = 0
  for (let i = 0; i < input.length; i++) {
    if (input[i] === 0x0a) {
      lines.push([...input.subarray(start, i + 1)])
      start = i + 1
    }
  }
  if (start < input.length) lines.push([...input.subarray(start)])
  return lines
}

/** Every way to cut `input` in two. */
const everyCut = (input: Uint8Array): Uint8Array[][] =>
  Array.from({ length: input.length + 1 }, (_, at) => [input.subarray(0, at), input.subarray(at)])

describe('LineSplitter', () => {
  it.each([
    ['LF lines', ['a\nbc\n'], ['a\n', 'bc\n']],
    ['CRLF lines', ['a\r\nb\r\n'], ['a\r\n', 'b\r\n']],
    ['a last line without terminator', ['a\nb'], ['a\n', 'b']],
    ['no phantom line after a final newline', ['a\n'], ['a\n']],
    ['blank lines kept', ['\n\r\n \n'], ['\n', '\r\n', ' \n']],
    ['empty chunks', ['', 'abc\nd', '', 'ef', ''], ['abc\n', 'def']],
    ['a CR alone is not a terminator', ['a\rb\n'], ['a\rb\n']],
    ['empty input', [], []],
  ])('splits %s', (_name, chunks, expected) => {
    const encoded = chunks.map((chunk) => bytes(chunk))
    const expectedBytes = expected.map((line) => [...bytes(line)])
    expect(split(encoded)).toEqual({ lines: expectedBytes, status: 'more' })
  })

  it.each([
    ['CRLF', bytes('one\r\ntwo\r\n')],
    ['multibyte UTF-8', bytes('é€😀\n🇫🇷\n')],
    ['invalid UTF-8', bytes([0xff, 0xfe, 0x0a, 0xc3, 0x28, 0x0a, 0xed, 0xa0, 0x80])],
  ])('splits %s identically at every cut point', (_name, input) => {
    for (const chunks of everyCut(input)) {
      expect(split(chunks).lines).toEqual(referenceSplit(input))
    }
  })

  it('keeps 20,000 lines of one chunk', () => {
    const input = bytes('x\n'.repeat(20_000))
    expect(split([input]).lines).toHaveLength(20_000)
  })

  it('joins a 4096-byte line sent in 7-byte chunks', () => {
    const input = bytes(`${'y'.repeat(4095)}\n`)
    const chunks = Array.from({ length: Math.ceil(input.length / 7) }, (_, i) =>
      input.subarray(i * 7, i * 7 + 7)
    )
    expect(split(chunks, 4096).lines).toEqual([[...input]])
  })

  it('accepts a line of exactly the limit, terminator included', () => {
    expect(split([bytes('abc\n')], 4)).toEqual({ lines: [[...bytes('abc\n')]], status: 'more' })
  })

  it('refuses a line one byte over the limit inside one chunk, after the lines before it', () => {
    expect(split([bytes('ok\nabcd\nnext\n')], 4)).toEqual({
      lines: [[...bytes('ok\n')]],
      status: 'line-too-long',
    })
  })

  it('refuses an unterminated line as soon as it passes the limit', () => {
    expect(split([bytes('ab'), bytes('cde')], 4)).toEqual({ lines: [], status: 'line-too-long' })
  })

  it('refuses a line whose terminator arrives one byte past the limit', () => {
    expect(split([bytes('abcd'), bytes('\n')], 4)).toEqual({ lines: [], status: 'line-too-long' })
  })

  it('stops when the visitor says so', () => {
    const splitter = new LineSplitter(100)
    const seen: string[] = []
    const status = splitter.push(bytes('a\nb\nc\n'), (b, s, e) => {
      seen.push(new TextDecoder().decode(b.subarray(s, e)))
      return seen.length < 2
    })
    expect({ seen, status }).toEqual({ seen: ['a\n', 'b\n'], status: 'stopped' })
  })

  it('hands over the lines of one push as ranges of one buffer that starts with them', () => {
    const splitter = new LineSplitter(100)
    splitter.push(bytes('par'), () => true)
    const ranges: [Uint8Array, number, number][] = []
    splitter.push(bytes('tial\nnext\nrest'), (b, s, e) => ranges.push([b, s, e]) > 0)
    expect(ranges.map(([, s, e]) => [s, e])).toEqual([
      [0, 8],
      [8, 13],
    ])
    expect(ranges[0]?.[0]).toBe(ranges[1]?.[0])
  })

  it('splits random bytes cut at random places exactly like the reference', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }).map((b) => b.map((x) => (x % 4 === 0 ? 0x0a : x))),
        fc.array(fc.nat(300), { maxLength: 20 }),
        (input, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b)
          const chunks = [0, ...points].map((from, i) =>
            input.subarray(from, points[i] ?? input.length)
          )
          expect(split(chunks, 1024).lines).toEqual(referenceSplit(input))
        }
      ),
      { numRuns: 500 }
    )
  })
})
