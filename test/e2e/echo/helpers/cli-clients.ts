/** `it` for a test whose client comes from a Debian package: curl here, more in the lab. */
import { spawnSync } from 'node:child_process'
import { it, type TestContext } from 'vitest'

const runs = (command: string, args: readonly string[]) =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0

/**
 * `it` for a test whose client comes from a Debian package: skipped, with the package
 * named, where it is missing, but failing in CI (CI=true), where .ci/run installs it.
 * The package is looked for when a test starts, never when the file loads, so a missing
 * one cannot stop the file's other tests from running. `.each` works as on `it`.
 */
export function itWithDebianPackage(
  debianPackage: string,
  available: () => boolean,
  base: typeof it = it
) {
  let installed: boolean | undefined
  return base.extend<{ [debianPackage: string]: undefined }>({
    [debianPackage]: [
      async ({ skip, task }: TestContext, use: (value: undefined) => Promise<void>) => {
        installed ??= available()
        if (!installed) {
          const missing = `Debian package ${debianPackage} is missing (apt-get install ${debianPackage})`
          if (process.env.CI === 'true') throw new Error(missing)
          console.warn(`skipping "${task.name}": ${missing}`)
          skip(missing)
        }
        await use(undefined)
      },
      { auto: true },
    ],
  })
}

/** `it` for a test that runs curl (helpers/curl-session.ts). */
export const itWithCurl = itWithDebianPackage('curl', () => runs('curl', ['--version']))
