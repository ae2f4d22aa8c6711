import { describe, expect, it } from 'vitest'
import { findTraces, formatTrace } from './traces.ts'

const traces = (file: string, text: string, templateName?: string) =>
  findTraces(new Map([[file, text]]), { templateName }).map(formatTrace)

describe("what a fork's files may no longer name", () => {
  it.each([
    ['test/a.test.ts', "await fetch('http://echo.test/echo')", "the echo's routes"],
    ['test/a.test.ts', "exports.default.fetch('http://example.com/ws')", "the echo's routes"],
    ['README.md', 'Run `curl -sN -T . http://localhost:8787/echo`.', "the echo's routes"],
    ['README.md', 'The `HibernatingEcho` object', "the echo's code"],
    ['src/context/x.ts', ' * withValidSettings<Env>(app.fetch, echoConfig)', "the echo's code"],
    ['README.md', 'What the lab measures', 'the lab'],
    ['README.md', 'see [the report](lab/benchmark.md)', 'a path the reset removes'],
    ['.ci/run', 'apt-get install chromium', 'the Debian clients'],
  ])('finds in %s: %s', (file, text, names) => {
    expect(traces(file, text).join('\n')).toContain(`names ${names}`)
  })

  it.each([
    ['src/index.ts', "app.get('/', (c) => c.text(renderHello()))"],
    ['README.md', 'A template literal, and a `Hello, client @ 127.0.0.1` answer.'],
  ])('lets through %s: %s', (file, text) => {
    expect(traces(file, text)).toEqual([])
  })

  it("names the template's name only once the fork took another, and not where it credits it", () => {
    const files = new Map([
      ['LICENSE', 'Copyright (c) 2026 workers-context-echo contributors'],
      ['test/e2e/setup/build-worker.ts', "mkdtempSync('context-echo-build-')"],
    ])
    expect(findTraces(files)).toEqual([])
    expect(findTraces(files, { templateName: 'workers-context-echo' }).map(formatTrace)).toEqual([
      "LICENSE:1: names the template's name (workers-context-echo): Copyright (c) 2026 workers-context-echo contributors",
      "test/e2e/setup/build-worker.ts:1: names the template's name (workers-context-echo): mkdtempSync('context-echo-build-')",
    ])
  })
})
