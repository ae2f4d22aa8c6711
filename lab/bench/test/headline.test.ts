import { describe, expect, it } from 'vitest'
import { renderHeadline } from '../headline.ts'
import type { Report } from '../report-table.ts'
import type { Verdict } from '../summarize.ts'

const report = (targets: [string, Verdict][]): Report =>
  ({
    date: '2026-11-25 10:15 UTC',
    machine: { cpu: 'AMD EPYC', cores: 2 },
    targets: targets.map(([target, verdict], i) => ({ target, measured: `${i}x`, verdict })),
  }) as unknown as Report

describe('renderHeadline', () => {
  it('counts the targets met, leaving the load checks out, and lists each one missed', () => {
    const headline = renderHeadline(
      report([
        ['a', 'met'],
        ['b', 'not met'],
        ['check, c', 'met'],
      ]),
      'lab/benchmark.md'
    )
    expect(headline).toBe(
      'Measured 2026-11-25 10:15 UTC on AMD EPYC, 2 cores, by `npm run bench`: 1 of 2 targets met.\n' +
        '- not met: b; measured 1x\n\n' +
        'The whole report, its method, the soak and what each change bought: [lab/benchmark.md](lab/benchmark.md).'
    )
  })

  it('counts the inconclusive ones apart, and leaves them to the report', () => {
    const headline = renderHeadline(
      report([
        ['a', 'met'],
        ['b', 'inconclusive'],
        ['c', 'not met'],
      ]),
      'x.md'
    )
    expect(headline).toContain(
      ': 1 of 3 targets met, 1 inconclusive.\n- not met: c; measured 2x\n\n'
    )
    expect(headline).not.toContain('- inconclusive')
  })

  it('says when a load check failed, as the figures then measure the client', () => {
    expect(renderHeadline(report([['check, c', 'not met']]), 'x.md')).toContain(
      '- the load was not valid here: check, c; measured 0x'
    )
  })
})
