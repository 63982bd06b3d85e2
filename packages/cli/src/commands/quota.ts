/**
 * @module `junheng quota <学校名单.xlsx|.csv> --places N [--share 0.5] [--rural-tilt 1.2] [--minimum 1]
 * [--out 文件]`: 指标到校 by largest remainder (core allocateQuota), printed as the whole calculation
 * table so anyone can recompute it; `--out` writes the same table as .xlsx.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  allocateQuota,
  QUOTA_COLUMNS,
  QUOTA_SHARE_2017,
  type QuotaAllocation,
  quotaTable,
} from '@junheng/core';
import {
  errorCount,
  formatImportError,
  importQuotaSchoolsBuffer,
  listedErrors,
  writeQuotaWorkbook,
} from '@junheng/io';
import { renderTable } from '../terminal/table.js';
import { type CliContext, InputError } from './input.js';

export interface QuotaProps {
  file: string;
  places: string | undefined;
  share?: string;
  ruralTilt?: string;
  minimum?: string;
  highSchool?: string;
  out?: string;
}

function num(v: string | undefined, option: string, fallback: number | undefined, integer: boolean): number {
  if (v === undefined) {
    if (fallback === undefined)
      throw new InputError(`请用 ${option} 指定${option === '--places' ? '高中招生计划总数' : '数值'}`);
    return fallback;
  }
  let t = v.trim();
  let scale = 1;
  if (option === '--share' && t.endsWith('%')) {
    t = t.slice(0, -1);
    scale = 100;
  }
  const n = Number(t) / scale;
  if (t === '' || !Number.isFinite(n) || (integer && !Number.isSafeInteger(n)))
    throw new InputError(`${option} 的值 “${v}” 无效：应为${integer ? '整数' : '数字'}`);
  return n;
}

/** Why some places went to no school: each school gets at most its graduates. */
function unplacedNote(a: QuotaAllocation): string {
  const graduates = a.rows.reduce((s, r) => s + r.graduates, 0);
  return `注意：${a.unplaced} 个名额无法分配：各校毕业生合计 ${graduates} 人，少于分配到初中的 ${a.places} 个名额（每校至多分得其毕业生数）；请核对毕业生数或减少名额`;
}

/** @returns exit code 0 @throws InputError (exit 2) */
export async function runQuota(ctx: CliContext, props: QuotaProps): Promise<number> {
  const places = num(props.places, '--places', undefined, true);
  const share = num(props.share, '--share', QUOTA_SHARE_2017.minShare, false);
  const ruralTilt = num(props.ruralTilt, '--rural-tilt', 1, false);
  const minimum = num(props.minimum, '--minimum', 1, true);
  if (share < QUOTA_SHARE_2017.minShare || share > 1)
    throw new InputError(
      `--share ${props.share} 不在 ${QUOTA_SHARE_2017.minShare * 100}%～100% 之间：${QUOTA_SHARE_2017.document}要求优质高中招生名额分配到初中的比例不低于 ${QUOTA_SHARE_2017.minShare * 100}%，请填 ${QUOTA_SHARE_2017.minShare} 或更大`,
    );
  if (ruralTilt < 1 || ruralTilt > 5)
    throw new InputError(
      `--rural-tilt ${props.ruralTilt} 无效：乡村学校倾斜系数应在 1～5 之间（1 表示不倾斜）`,
    );
  if (minimum < 0) throw new InputError(`--minimum ${props.minimum} 无效：每校最低名额应为非负整数`);
  if (places < 0) throw new InputError(`--places ${props.places} 无效：总名额应为非负整数`);
  if (!existsSync(props.file)) throw new InputError(`找不到文件 ${props.file}：请检查路径`);
  const name = basename(props.file);
  const read = await importQuotaSchoolsBuffer(readFileSync(props.file), name);
  if (!read.schools) {
    throw new InputError(
      [
        `${name} 有 ${errorCount(read.errors)} 处错误，未计算：`,
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
      ].join('\n'),
    );
  }
  for (const w of read.warnings) ctx.log(`提示：${w}`);
  let a: ReturnType<typeof allocateQuota>;
  try {
    a = allocateQuota(read.schools, { plan: places, share, ruralWeight: ruralTilt, minimum });
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`无法分配：${e.message}`);
    throw e;
  }
  const table = quotaTable(a);
  const fmt = (label: string, v: string | number) =>
    typeof v === 'number' && (label === '应得名额（精确值）' || label === '余数') ? v.toFixed(4) : String(v);
  const lines = [
    `指标到校：招生计划 ${a.plan} 个，比例 ${(a.share * 100).toFixed(1)}%，分配到初中 ${a.places} 个（⌈${a.plan} × ${a.share}⌉），留给统招 ${a.unallocated} 个`,
    ...(a.unplaced > 0 ? [unplacedNote(a)] : []),
    `乡村学校倾斜系数 ${a.ruralWeight}，每校最低 ${a.minimum} 个；最大余数法增补 ${a.leftoverSeats} 个`,
    `比例下限 ${QUOTA_SHARE_2017.minShare * 100}%：${QUOTA_SHARE_2017.document}；如省里规定更高，按省规定填写`,
    '',
    renderTable(
      QUOTA_COLUMNS.map((c) => ({
        header: c.label,
        align: c.key === 'name' || c.key === 'schoolId' ? ('left' as const) : ('right' as const),
      })),
      [
        ...table.map((row) => QUOTA_COLUMNS.map((c) => fmt(c.label, row[c.label] ?? ''))),
        QUOTA_COLUMNS.map((c) =>
          c.key === 'schoolId'
            ? '合计'
            : c.key === 'graduates'
              ? String(a.rows.reduce((s, r) => s + r.graduates, 0))
              : c.key === 'final'
                ? String(a.rows.reduce((s, r) => s + r.final, 0))
                : '',
        ),
      ],
    ),
  ];
  if (props.out) {
    writeFileSync(
      props.out,
      await writeQuotaWorkbook({
        countyName: '',
        year: new Date().getFullYear(),
        highSchoolName: props.highSchool ?? '优质高中',
        allocation: a,
      }),
    );
    lines.push('', `已写入计算表：${props.out}`);
  }
  ctx.print(lines.join('\n'));
  return 0;
}
