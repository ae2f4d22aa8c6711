/** The benchmark's headline for README: which targets the run met, and where the rest is. */
import type { Report } from './report-table.ts'

export function renderHeadline(report: Report, reportPage: string): string {
  const { targets, machine } = report
  const missed = targets.filter((target) => !target.met)
  const summary = `Measured ${report.date} on ${machine.cpu}, ${machine.cores} cores, by \`npm run bench\`: ${targets.length - missed.length} of ${targets.length} targets met.`
  const misses = missed.map((target) => `- not met: ${target.target}; measured ${target.measured}`)
  return [
    summary,
    ...misses,
    '',
    `The whole report, its method and what each change bought: [${reportPage}](${reportPage}).`,
  ].join('\n')
}
