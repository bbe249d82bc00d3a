// Canvas' "Download Submissions": one flat folder (or zip) of files named
//   <name>[_late]_<user id>_<submission id>_<file name as handed in>
// e.g. `zhangsan_late_12345_67890_ip_classify.py`, `lisi_12346_67891_ip_classify-1.py`. Canvas appends
// "-1", "-2" ... to a file handed in again under the same name. Each student's files become one
// submission, named by the name part (plus the user id when two students share a name part).
export interface CanvasFile {
  name: string;
  user: string;
  submission: string;
  file: string;
  path: string;
}

const PATTERN = /^([^_]+?)(?:_late)?_(\d+)_(\d+)_(.+)$/i;

/** The parts of a Canvas download's file name, or undefined for any other name. */
export function canvasFile(fileName: string): Omit<CanvasFile, "path"> | undefined {
  const m = PATTERN.exec(fileName);
  if (!m || m[4] === "." || m[4] === ".." || m[4].includes("/")) return undefined;
  return { name: m[1], user: m[2], submission: m[3], file: m[4] };
}

type Source = { name: string; path: string; kind: "zip" } | { name: string; path: string; kind: "files"; files: { from: string; name: string }[] };

/** One source per student; `entries` are the course's entry files (a re-uploaded `ip_classify-1.py` is `ip_classify.py`). */
export function groupCanvas(files: CanvasFile[], entries: string[]): Source[] {
  const students = new Map<string, CanvasFile[]>();
  for (const f of files) students.set(`${f.name}\0${f.user}`, [...(students.get(`${f.name}\0${f.user}`) ?? []), f]);
  const namesUsed = new Map<string, number>();
  for (const [, mine] of students) namesUsed.set(mine[0].name, (namesUsed.get(mine[0].name) ?? 0) + 1);
  const out: Source[] = [];
  for (const [, mine] of students) {
    const { name: part, user } = mine[0];
    const name = namesUsed.get(part)! > 1 ? `${part}_${user}` : part;
    // The latest copy of each file: the highest "-N", then the highest submission id.
    const handed = new Set(mine.map((f) => f.file));
    const latest = new Map<string, { f: CanvasFile; rank: number }>();
    for (const f of mine) {
      const m = /^(.*?)-(\d+)(\.[^./]*)?$/.exec(f.file);
      const restored = m && (entries.includes(m[1] + (m[3] ?? "")) || handed.has(m[1] + (m[3] ?? ""))) ? m[1] + (m[3] ?? "") : undefined;
      const key = restored ?? f.file;
      const rank = restored ? Number(m![2]) : 0;
      const had = latest.get(key);
      if (!had || rank > had.rank || (rank === had.rank && Number(f.submission) > Number(had.f.submission))) latest.set(key, { f, rank });
    }
    const kept = [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    if (kept.length === 1 && /\.zip$/i.test(kept[0][0])) out.push({ name, path: kept[0][1].f.path, kind: "zip" });
    else out.push({ name, path: kept[0][1].f.path, kind: "files", files: kept.map(([file, { f }]) => ({ from: f.path, name: file })) });
  }
  return out;
}
