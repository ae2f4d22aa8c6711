/** Renders the soak as Markdown, for the terminal and lab/benchmark.md. */
import { SERVER_NAMES } from './plan.ts'
import type { SoakRun } from './soak.ts'
import { SOAK_MAX_GROWTH_BYTES, SOAK_V8_FLAGS, soakHeld } from './soak.ts'

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const per1000 = (bytes: number, sessions: number) =>
  `${(((bytes / sessions) * 1000) / 2 ** 20).toFixed(2)} MiB`
const rate = (sessions: number, seconds: number) =>
  `${Math.round(sessions / seconds).toLocaleString('en-US')}/s`

export function renderSoak(runs: readonly SoakRun[], when: string, machine: string): string {
  const rows = runs.map((run) => {
    const [before, first, second] = run.rss
    const [one, two] = run.passes
    const bad = one.bad.length + two.bad.length
    return `| ${SERVER_NAMES[run.server]} | ${run.transport} | ${one.sessions.toLocaleString('en-US')} | ${rate(one.sessions, one.seconds)} | ${per1000(first - before, one.sessions)} | ${per1000(second - first, two.sessions)} | ${mib(before)} → ${mib(first)} → ${mib(second)} | ${bad} | ${soakHeld(run) ? 'yes' : '**no**'} |`
  })
  const firstBad = runs.flatMap((run) => [...run.passes[0].bad, ...run.passes[1].bad]).slice(0, 3)
  return `Soak measured ${when} on ${machine}. Each row on a fresh workerd with V8 flags \`${SOAK_V8_FLAGS.join(' ')}\`: two passes of short sessions (two lines and a blank one, from 2,000 client addresses, 50 at a time), every answer checked byte for byte; RSS read after each pass has settled for a second.
The bound: the second pass adds at most ${mib(SOAK_MAX_GROWTH_BYTES)} to workerd's RSS, and no session ends otherwise than exactly.

| Server | Transport | Sessions per pass | Rate | RSS per 1,000 sessions, pass 1 | pass 2 | RSS: start → pass 1 → pass 2 | Wrong sessions | Held |
| --- | --- | --: | --: | --: | --: | --: | --: | --: |
${rows.join('\n')}
${firstBad.length > 0 ? `\nFirst wrong sessions:\n${firstBad.map((b) => `- ${b}`).join('\n')}\n` : ''}`
}
