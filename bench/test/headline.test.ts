import { describe, expect, it } from 'vitest'
import { renderHeadline } from '../headline.ts'
import type { Report } from '../report-table.ts'

const report = (targets: [string, boolean][]): Report =>
  ({
    date: '2026-11-25 10:15 UTC',
    machine: { cpu: 'AMD EPYC', cores: 2 },
    targets: targets.map(([target, met], i) => ({ target, measured: `${i}x`, met })),
  }) as unknown as Report

describe('renderHeadline', () => {
  it('counts the targets met, leaving the load checks out, and lists each one missed', () => {
    const headline = renderHeadline(
      report([
        ['a', true],
        ['b', false],
        ['check, c', true],
      ]),
      'docs/benchmark.md'
    )
    expect(headline).toBe(
      'Measured 2026-11-25 10:15 UTC on AMD EPYC, 2 cores, by `npm run bench`: 1 of 2 targets met.\n' +
        '- not met: b; measured 1x\n\n' +
        'The whole report, its method, the soak and what each change bought: [docs/benchmark.md](docs/benchmark.md).'
    )
  })

  it('says when a load check failed, as the figures then measure the client', () => {
    expect(renderHeadline(report([['check, c', false]]), 'x.md')).toContain(
      '- the load was not valid here: check, c; measured 0x'
    )
  })
})
