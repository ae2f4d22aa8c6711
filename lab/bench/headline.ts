/**
 * The benchmark's headline for README: how many targets the run met, each one it did not
 * meet (an inconclusive one is counted, and left to the report), and where the rest is.
 */
import type { Report } from './report-table.ts'

/** Rows that check the load itself (the client outruns the servers) rather than the template. */
const isCheck = (target: string) => target.startsWith('check, ')

export function renderHeadline(report: Report, reportPage: string): string {
  const { machine } = report
  const targets = report.targets.filter((t) => !isCheck(t.target))
  const failedChecks = report.targets.filter((t) => isCheck(t.target) && t.verdict !== 'met')
  const met = targets.filter((t) => t.verdict === 'met').length
  const unsure = targets.filter((t) => t.verdict === 'inconclusive').length
  const missed = targets.filter((t) => t.verdict === 'not met')
  const inconclusive = unsure > 0 ? `, ${unsure} inconclusive` : ''
  const summary = `Measured ${report.date} on ${machine.cpu}, ${machine.cores} cores, by \`npm run bench\`: ${met} of ${targets.length} targets met${inconclusive}.`
  const lines = [
    ...missed.map((t) => `- ${t.verdict}: ${t.target}; measured ${t.measured}`),
    ...failedChecks.map(
      (t) => `- the load was not valid here: ${t.target}; measured ${t.measured}`
    ),
  ]
  return [
    summary,
    ...lines,
    '',
    `The whole report, its method, the soak and what each change bought: [${reportPage}](${reportPage}).`,
  ].join('\n')
}
