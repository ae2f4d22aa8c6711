// Wrangler's default module rules import `*.html` as a Text module (its content as a string);
// the Vitest integration does the same.
declare module '*.html' {
  const text: string
  export default text
}
