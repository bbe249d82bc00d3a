// Reads a step's log the way GitHub's runner does (actions/runner, ActionCommandManager / ActionCommand):
// lines are split as .NET's ReadLine splits them (LF, CR, CRLF); `::name props::data` is a command after
// the line's leading whitespace is trimmed; `##[name props]` is a (legacy) command anywhere in a line;
// after `::stop-commands::TOKEN` nothing but `::TOKEN::` (or `##[TOKEN]`) is acted on. Every name counts
// as a command here, not only the runner's registered ones, so the check is stricter than the runner.
export interface WorkflowCommand {
  name: string;
  data: string;
  line: string;
}

function parseV2(line: string): Omit<WorkflowCommand, "line"> | undefined {
  const m = line.replace(/^[\s\u0085\u180e]+/, "");
  if (!m.startsWith("::")) return undefined;
  const end = m.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = m.slice(2, end);
  const space = info.indexOf(" ");
  return { name: space < 0 ? info : info.slice(0, space), data: m.slice(end + 2) };
}

function parseV1(line: string): Omit<WorkflowCommand, "line"> | undefined {
  const start = line.indexOf("##[");
  if (start < 0) return undefined;
  const end = line.indexOf("]", start);
  if (end < 0) return undefined;
  const info = line.slice(start + 3, end);
  const space = info.indexOf(" ");
  return { name: space < 0 ? info : info.slice(0, space), data: line.slice(end + 1) };
}

/** The commands the runner would act on, in order; `open` is the stop token still in force at the end. */
export function workflowCommands(log: string): { commands: WorkflowCommand[]; open?: string } {
  let stopToken: string | undefined;
  const commands: WorkflowCommand[] = [];
  for (const line of log.split(/\r\n|\r|\n/)) {
    const cmd = parseV2(line) ?? parseV1(line);
    if (!cmd) continue;
    if (stopToken !== undefined) {
      if (cmd.name.toLowerCase() === stopToken.toLowerCase()) {
        commands.push({ ...cmd, line });
        stopToken = undefined;
      }
      continue;
    }
    if (cmd.name === "stop-commands") stopToken = cmd.data;
    commands.push({ ...cmd, line });
  }
  return { commands, open: stopToken };
}
