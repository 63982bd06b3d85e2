import type { ClassConstraints, Entrant } from './types.js';

/** Students grouped into blocks that move together, and apart-partners by student index. */
export interface Units {
  /** Block of each student. */
  blockOf: Int32Array;
  /** Members of each block (student indices). */
  blocks: number[][];
  /** Apart-partners of each student. */
  partners: number[][];
}

/** Merges overlapping together-groups (union–find) and checks the constraints can be met. */
export function buildUnits(
  students: readonly Entrant[],
  constraints: ClassConstraints,
  maxSize: number,
): Units {
  const index = new Map<string, number>();
  students.forEach((s, i) => {
    if (index.has(s.id)) throw new RangeError(`学生编号重复：${s.id}`);
    index.set(s.id, i);
  });
  const find = (id: string) => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`分班约束中的学生不存在：${id}`);
    return i;
  };
  const parent = students.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const g of constraints.together ?? []) {
    const ids = g.map(find);
    for (const i of ids.slice(1)) parent[root(i)] = root(ids[0]!);
  }
  const blockOf = new Int32Array(students.length);
  const blocks: number[][] = [];
  const byRoot = new Map<number, number>();
  students.forEach((_, i) => {
    const r = root(i);
    let b = byRoot.get(r);
    if (b === undefined) {
      b = blocks.length;
      byRoot.set(r, b);
      blocks.push([]);
    }
    blocks[b]!.push(i);
    blockOf[i] = b;
  });
  for (const b of blocks) {
    if (b.length > maxSize) {
      throw new RangeError(
        `同班组 ${b.map((i) => students[i]!.id).join('、')} 有 ${b.length} 人，超过班额 ${maxSize}`,
      );
    }
  }
  const partners: number[][] = students.map(() => []);
  for (const [a, b] of constraints.apart ?? []) {
    const i = find(a);
    const j = find(b);
    if (blockOf[i] === blockOf[j]) throw new RangeError(`${a} 与 ${b} 既要求同班又要求分开`);
    partners[i]!.push(j);
    partners[j]!.push(i);
  }
  return { blockOf, blocks, partners };
}
