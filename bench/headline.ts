/** The benchmark's headline for README: which targets the run met, and where the rest is. */
import type { Report } from './report-table.ts'

/** Rows that check the load itself (the client outruns the servers) rather than the template. */
const isCheck = (target: string) => target.startsWith('check, ')

export function renderHeadline(report: Report, reportPage: string): string {
  const { machine } = report
  const targets = report.targets.filter((t) => !isCheck(t.target))
  const failedChecks = report.targets.filter((t) => isCheck(t.target) && !t.met)
  const missed = targets.filter((target) => !target.met)
  const summary = `Measured ${report.date} on ${machine.cpu}, ${machine.cores} cores, by \`npm run bench\`: ${targets.length - missed.length} of ${targets.length} targets met.`
  const lines = [
    ...missed.map((t) => `- not met: ${t.target}; measured ${t.measured}`),
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
