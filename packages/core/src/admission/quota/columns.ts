import type { QuotaAllocation, QuotaRow } from './types.js';

/** Chinese column names of the calculation table, in display order. */
export const QUOTA_COLUMNS: readonly { key: keyof QuotaRow; label: string }[] = [
  { key: 'schoolId', label: '学校代码' },
  { key: 'name', label: '学校名称' },
  { key: 'rural', label: '乡村学校' },
  { key: 'graduates', label: '毕业生数' },
  { key: 'weight', label: '权重' },
  { key: 'weightedGraduates', label: '加权人数' },
  { key: 'guaranteed', label: '保底名额' },
  { key: 'heldAtGuarantee', label: '按保底分配' },
  { key: 'heldAtCap', label: '按毕业生数封顶' },
  { key: 'exactQuota', label: '应得名额（精确值）' },
  { key: 'floor', label: '整数部分' },
  { key: 'remainder', label: '余数' },
  { key: 'extraSeat', label: '余额增补' },
  { key: 'final', label: '分配名额' },
];

/** The calculation as rows keyed by the Chinese column names (for tables and exports). */
export function quotaTable(allocation: QuotaAllocation): Record<string, string | number>[] {
  return allocation.rows.map((row) => {
    const out: Record<string, string | number> = {};
    for (const { key, label } of QUOTA_COLUMNS) {
      const v = row[key];
      out[label] = typeof v === 'boolean' ? (v ? '是' : '否') : v === undefined ? '' : v;
    }
    return out;
  });
}
