// The --format choices, apart from the reporters themselves so that the command line can offer them
// without loading every reporter (index.ts checks that each name has its reporter).
export const reporterNames = ["human", "json", "junit", "github"] as const;
export type ReporterName = (typeof reporterNames)[number];
