// Reads an option from the raw command line, before (or without) yargs: the launcher's guess, and the
// language of an error that yargs itself raised. The last occurrence wins, as it does in the CLI.
export function lastOptionValue(args: string[], name: string): string | undefined {
  const flag = `--${name}`;
  const i = args.reduce((last, a, k) => (a === flag || a.startsWith(`${flag}=`) ? k : last), -1);
  if (i < 0) return undefined;
  return args[i].includes("=") ? args[i].slice(flag.length + 1) : args[i + 1];
}
