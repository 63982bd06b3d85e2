/**
 * @module `junheng quota <学校名单.xlsx|.csv> --places N [--share 0.5] [--rural-tilt 1.2] [--minimum 1]
 * [--out 文件]`: 指标到校 by largest remainder (core allocateQuota), printed as the whole calculation
 * table so anyone can recompute it; `--out` writes the same table as .xlsx.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  allocateQuota,
  message,
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
    if (fallback === undefined) {
      throw new InputError(
        option === '--places' ? message('cli.quota.needPlaces') : message('cli.quota.needValue', { option }),
      );
    }
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
    throw new InputError(
      message(integer ? 'cli.common.badInteger' : 'cli.common.badNumber', { option, value: v }),
    );
  return n;
}

/** Why some places went to no school: each school gets at most its graduates. */
function unplacedNote(a: QuotaAllocation): string {
  const graduates = a.rows.reduce((s, r) => s + r.graduates, 0);
  return message('cli.quota.unplaced', { unplaced: a.unplaced, graduates, places: a.places });
}

/** The least share as a percentage, e.g. 50%. */
const minPercent = () => `${QUOTA_SHARE_2017.minShare * 100}%`;

/** @returns exit code 0 @throws InputError (exit 2) */
export async function runQuota(ctx: CliContext, props: QuotaProps): Promise<number> {
  const places = num(props.places, '--places', undefined, true);
  const share = num(props.share, '--share', QUOTA_SHARE_2017.minShare, false);
  const ruralTilt = num(props.ruralTilt, '--rural-tilt', 1, false);
  const minimum = num(props.minimum, '--minimum', 1, true);
  if (share < QUOTA_SHARE_2017.minShare || share > 1)
    throw new InputError(
      message('cli.quota.badShare', {
        value: props.share,
        min: minPercent(),
        max: '100%',
        document: QUOTA_SHARE_2017.document,
        minShare: QUOTA_SHARE_2017.minShare,
      }),
    );
  if (ruralTilt < 1 || ruralTilt > 5)
    throw new InputError(message('cli.quota.badTilt', { value: props.ruralTilt }));
  if (minimum < 0) throw new InputError(message('cli.quota.badMinimum', { value: props.minimum }));
  if (places < 0) throw new InputError(message('cli.quota.badPlaces', { value: props.places }));
  if (!existsSync(props.file)) throw new InputError(message('cli.common.fileNotFound', { file: props.file }));
  const name = basename(props.file);
  const read = await importQuotaSchoolsBuffer(readFileSync(props.file), name);
  if (!read.schools) {
    throw new InputError(
      [
        message('cli.quota.errors', { file: name, count: errorCount(read.errors) }),
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
      ].join('\n'),
    );
  }
  for (const w of read.warnings) ctx.log(message('cli.common.hint', { text: w }));
  let a: ReturnType<typeof allocateQuota>;
  try {
    a = allocateQuota(read.schools, { plan: places, share, ruralWeight: ruralTilt, minimum });
  } catch (e) {
    if (e instanceof RangeError)
      throw new InputError(message('cli.quota.cannotAllocate', { reason: e.message }));
    throw e;
  }
  const table = quotaTable(a);
  const fmt = (key: string, v: string | number) =>
    typeof v === 'number' && (key === 'exactQuota' || key === 'remainder') ? v.toFixed(4) : String(v);
  const lines = [
    message('cli.quota.summary', {
      plan: a.plan,
      percent: `${(a.share * 100).toFixed(1)}%`,
      places: a.places,
      share: a.share,
      unallocated: a.unallocated,
    }),
    ...(a.unplaced > 0 ? [unplacedNote(a)] : []),
    message('cli.quota.weights', { tilt: a.ruralWeight, minimum: a.minimum, leftover: a.leftoverSeats }),
    message('cli.quota.floor', { min: minPercent(), document: QUOTA_SHARE_2017.document }),
    '',
    renderTable(
      QUOTA_COLUMNS.map((c) => ({
        header: c.label,
        align: c.key === 'name' || c.key === 'schoolId' ? ('left' as const) : ('right' as const),
      })),
      [
        ...table.map((row) => QUOTA_COLUMNS.map((c) => fmt(c.key, row[c.label] ?? ''))),
        QUOTA_COLUMNS.map((c) =>
          c.key === 'schoolId'
            ? message('cli.quota.total')
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
        highSchoolName: props.highSchool ?? message('cli.quota.defaultHighSchool'),
        allocation: a,
      }),
    );
    lines.push('', message('cli.quota.written', { file: props.out }));
  }
  ctx.print(lines.join('\n'));
  return 0;
}
