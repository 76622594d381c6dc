/** The tool's version, written into trackers so a later version can tell what wrote them. */
export function toolVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is outside rootDir; require keeps it out of the build.
  return (require("../../package.json") as { version: string }).version;
}
