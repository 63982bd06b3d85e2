/**
 * @module `junheng classes balance <新生名单.xlsx|.csv> --classes N [--seed S] [--out 文件]`: 均衡分班
 * of one grade from the 新生名单 template (same reader and checks as the web import), printed as the
 * per-class balance report next to the snake draft on the same students, with the constraint checks.
 * `--out` writes the class lists with masked names (the form that is published).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  balanceRoster,
  checkEntrants,
  classLists,
  defaultClassNames,
  type ReportClass,
  RosterInputError,
} from '@junheng/core';
import {
  errorCount,
  formatImportError,
  importEntrantsBuffer,
  listedErrors,
  writeClassListsWorkbook,
} from '@junheng/io';
import { renderTable } from '../terminal/table.js';
import { type CliContext, InputError } from './input.js';

export interface ClassesBalanceProps {
  file: string;
  classes: number;
  seed?: string;
  /** 年级名称 (class names 七年级（1）班 …). */
  grade?: string;
  out?: string;
}

const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const f3 = (x: number) => x.toFixed(3);

function classTable(rows: readonly ReportClass[], scores: boolean): string {
  return renderTable(
    [
      { header: '班级' },
      { header: '人数', align: 'right' },
      ...(scores
        ? [
            { header: '平均分', align: 'right' as const },
            { header: '标准差', align: 'right' as const },
          ]
        : []),
      { header: '男', align: 'right' },
      { header: '女', align: 'right' },
      { header: '随班就读', align: 'right' },
      { header: '留守', align: 'right' },
      { header: '约束' },
    ],
    rows.map((c) => [
      c.name,
      String(c.size),
      ...(scores ? [f2(c.meanScore), f2(c.sdScore)] : []),
      String(c.male),
      String(c.female),
      String(c.specialNeeds),
      String(c.leftBehind),
      c.notes.join('；'),
    ]),
  );
}

/** @returns exit code 0 @throws InputError (exit 2) for a missing or invalid file or option */
export async function runClassesBalance(ctx: CliContext, props: ClassesBalanceProps): Promise<number> {
  if (!Number.isSafeInteger(props.classes) || props.classes < 1 || props.classes > 60)
    throw new InputError(`--classes 应为 1～60 的整数（班级数），收到 ${String(props.classes)}`);
  if (!existsSync(props.file)) throw new InputError(`找不到文件 ${props.file}：请检查路径`);
  const name = basename(props.file);
  const read = await importEntrantsBuffer(readFileSync(props.file), name);
  if (!read.entrants) {
    throw new InputError(
      [
        `${name} 有 ${errorCount(read.errors)} 处错误，未分班：`,
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
        '请按上列位置改正后重新运行（模板：网页“均衡分班”页的“下载模板”）。',
      ].join('\n'),
    );
  }
  for (const w of read.warnings) ctx.log(`提示：${w}`);
  const grade = props.grade ?? '七年级';
  const names = defaultClassNames(grade, props.classes);
  const seed = props.seed ?? '1';
  let result: ReturnType<typeof balanceRoster>;
  let roster: ReturnType<typeof checkEntrants>;
  try {
    roster = checkEntrants(read.entrants);
    if (props.classes > roster.length)
      throw new InputError(`--classes ${props.classes} 多于学生人数 ${roster.length}：请减少班级数`);
    result = balanceRoster(roster, names, seed);
  } catch (e) {
    if (e instanceof RosterInputError) throw new InputError(`${name}：${e.message}`);
    throw e;
  }
  const r = result.report;
  const s = r.spread;
  const lines = [
    `${name}：${roster.length} 名学生分为 ${props.classes} 个班（随机种子 ${seed}）`,
    '',
    '均衡分班（本系统）：',
    classTable(r.classes, r.hasScores),
    '',
    '蛇形分班（同一批学生）：',
    classTable(r.snake, r.hasScores),
    '',
    '各项极差（最大 − 最小）：',
    renderTable(
      [{ header: '项目' }, { header: '本系统', align: 'right' }, { header: '蛇形分班', align: 'right' }],
      [
        ['人数', String(s.ours.size), String(s.snake.size)],
        ...(r.hasScores
          ? [
              ['平均分', f3(s.ours.meanScore), f3(s.snake.meanScore)],
              ['标准差', f3(s.ours.sdScore), f3(s.snake.sdScore)],
            ]
          : []),
        ['男生', String(s.ours.male), String(s.snake.male)],
        ['女生', String(s.ours.female), String(s.snake.female)],
        ['随班就读', String(s.ours.specialNeeds), String(s.snake.specialNeeds)],
        ['留守儿童', String(s.ours.leftBehind), String(s.snake.leftBehind)],
        [
          '未满足的约束',
          String(r.violations.ours.together + r.violations.ours.apart),
          String(r.violations.snake.together + r.violations.snake.apart),
        ],
      ],
    ),
  ];
  if (r.hasScores) {
    lines.push(
      r.meanSpreadRatio !== null
        ? `平均分极差：蛇形分班是本系统的 ${r.meanSpreadRatio.toFixed(1)} 倍`
        : s.snake.meanScore > 0
          ? `平均分极差：本系统为 0，蛇形分班为 ${f3(s.snake.meanScore)}`
          : '平均分极差：两种分班均为 0',
    );
  }
  if (r.constraints.length > 0) {
    lines.push('', '约束检查：');
    for (const c of r.constraints) {
      const what = c.kind === 'together' ? '同班组' : '分开组';
      lines.push(
        `  ${c.honoured ? '✓' : '✗'} ${what} ${c.code}（${c.members.join('、')}）：${[...new Set(c.classes)].join('、')}${c.snakeHonoured ? '' : '（蛇形分班未满足）'}`,
      );
    }
  }
  lines.push(
    '',
    r.allHonoured
      ? '结论：✓ 人数、性别、随班就读、留守各班相差不超过 1，约束全部满足'
      : '结论：✗ 有未满足的要求（见上）',
  );
  if (props.out) {
    const bytes = await writeClassListsWorkbook({
      schoolName: name.replace(/\.(xlsx|csv)$/i, ''),
      year: new Date().getFullYear(),
      gradeLabel: grade,
      classes: classLists(roster, result.assignment, names).map((c) => ({
        name: c.name,
        students: c.students,
      })),
      figures: r.classes,
    });
    writeFileSync(props.out, bytes);
    lines.push(`已写入各班名单（姓名已脱敏）：${props.out}`);
  }
  ctx.print(lines.join('\n'));
  return 0;
}
