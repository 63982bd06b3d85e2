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
  type Catalogue,
  checkEntrants,
  classLists,
  defaultClassNames,
  message,
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
import { type CliContext, InputError, inFile } from './input.js';

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

type Words = Catalogue['cli']['classes'];
const column = (name: keyof Words['column']) => message(`cli.classes.column.${name}`);
const row = (name: keyof Words['row']) => message(`cli.classes.row.${name}`);

function classTable(rows: readonly ReportClass[], scores: boolean): string {
  const right = (name: keyof Words['column']) => ({ header: column(name), align: 'right' as const });
  return renderTable(
    [
      { header: column('class') },
      right('size'),
      ...(scores ? [right('meanScore'), right('sdScore')] : []),
      right('male'),
      right('female'),
      right('specialNeeds'),
      right('leftBehind'),
      { header: column('constraints') },
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
    throw new InputError(message('cli.classes.badClasses', { value: String(props.classes) }));
  if (!existsSync(props.file)) throw new InputError(message('cli.common.fileNotFound', { file: props.file }));
  const name = basename(props.file);
  const read = await importEntrantsBuffer(readFileSync(props.file), name);
  if (!read.entrants) {
    throw new InputError(
      [
        message('cli.classes.errors', { file: name, count: errorCount(read.errors) }),
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
        message('cli.classes.fix'),
      ].join('\n'),
    );
  }
  for (const w of read.warnings) ctx.log(message('cli.common.hint', { text: w }));
  const grade = props.grade ?? message('cli.classes.defaultGrade');
  const names = defaultClassNames(grade, props.classes);
  const seed = props.seed ?? '1';
  let result: ReturnType<typeof balanceRoster>;
  let roster: ReturnType<typeof checkEntrants>;
  try {
    roster = checkEntrants(read.entrants);
    if (props.classes > roster.length)
      throw new InputError(
        message('cli.classes.tooManyClasses', { classes: props.classes, students: roster.length }),
      );
    result = balanceRoster(roster, names, seed);
  } catch (e) {
    if (e instanceof RosterInputError) throw new InputError(inFile(name, e));
    throw e;
  }
  const r = result.report;
  const s = r.spread;
  const lines = [
    message('cli.classes.summary', { file: name, students: roster.length, classes: props.classes, seed }),
    '',
    message('cli.classes.balanced'),
    classTable(r.classes, r.hasScores),
    '',
    message('cli.classes.snake'),
    classTable(r.snake, r.hasScores),
    '',
    message('cli.classes.spread'),
    renderTable(
      [
        { header: column('item') },
        { header: column('ours'), align: 'right' },
        { header: column('snake'), align: 'right' },
      ],
      [
        [row('size'), String(s.ours.size), String(s.snake.size)],
        ...(r.hasScores
          ? [
              [row('meanScore'), f3(s.ours.meanScore), f3(s.snake.meanScore)],
              [row('sdScore'), f3(s.ours.sdScore), f3(s.snake.sdScore)],
            ]
          : []),
        [row('male'), String(s.ours.male), String(s.snake.male)],
        [row('female'), String(s.ours.female), String(s.snake.female)],
        [row('specialNeeds'), String(s.ours.specialNeeds), String(s.snake.specialNeeds)],
        [row('leftBehind'), String(s.ours.leftBehind), String(s.snake.leftBehind)],
        [
          row('violations'),
          String(r.violations.ours.together + r.violations.ours.apart),
          String(r.violations.snake.together + r.violations.snake.apart),
        ],
      ],
    ),
  ];
  if (r.hasScores) {
    lines.push(
      r.meanSpreadRatio !== null
        ? message('cli.classes.spreadRatio', { ratio: r.meanSpreadRatio.toFixed(1) })
        : s.snake.meanScore > 0
          ? message('cli.classes.spreadOursZero', { snake: f3(s.snake.meanScore) })
          : message('cli.classes.spreadBothZero'),
    );
  }
  if (r.constraints.length > 0) {
    lines.push('', message('cli.classes.constraints'));
    for (const c of r.constraints) {
      const line = message('cli.classes.constraint', {
        mark: c.honoured ? '✓' : '✗',
        kind: message(c.kind === 'together' ? 'cli.classes.together' : 'cli.classes.apart'),
        code: c.code,
        members: c.members.join('、'),
        classes: [...new Set(c.classes)].join('、'),
        snake: c.snakeHonoured ? '' : message('cli.classes.snakeUnmet'),
      });
      lines.push(`  ${line}`);
    }
  }
  lines.push('', r.allHonoured ? message('cli.classes.allHonoured') : message('cli.classes.notAllHonoured'));
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
    lines.push(message('cli.classes.written', { file: props.out }));
  }
  ctx.print(lines.join('\n'));
  return 0;
}
