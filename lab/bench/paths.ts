/** Where the lab finds the template it measures, and its own servers and results. */
import { join, resolve } from 'node:path'

/** The template's root: its wrangler.toml, src/, README and node_modules. */
export const TEMPLATE = resolve(import.meta.dirname, '..', '..')
export const SERVERS = join(import.meta.dirname, 'servers')
export const RESULTS = join(import.meta.dirname, 'results')
/** The full report's page; the template's README carries its headline. */
export const REPORT_PAGE = 'lab/benchmark.md'
