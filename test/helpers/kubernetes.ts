// The Kubernetes template (templates/kubernetes/grade-class.yaml), read as the documents kubectl applies.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { root } from "./cli.js";

export const kubernetesTemplatePath = path.join(root, "templates", "kubernetes", "grade-class.yaml");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function kubernetesTemplate(): Promise<Record<string, any>[]> {
  const docs = parseAllDocuments(await readFile(kubernetesTemplatePath, "utf8"));
  for (const d of docs) if (d.errors.length) throw new Error(`${kubernetesTemplatePath}: ${d.errors.map((e) => e.message).join("; ")}`);
  return docs.map((d) => d.toJSON());
}
