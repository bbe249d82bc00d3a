// The --sandbox choices, apart from open.ts so that the command line can offer them without loading the
// sandbox itself.
export type SandboxMode = "auto" | "bwrap" | "none";
export const sandboxModes: SandboxMode[] = ["auto", "bwrap", "none"];
