/**
 * @module 县级指标 (sheet or CSV with the same columns) → CountyInputs. Rows are found by
 * 指标编号; 填报值 is read by the item's kind (percent, number, 是/否) and checked by core.
 */
import { type CountyInputs, type CountyItemSpec, checkCountyItemValue } from '@junheng/core';
import { COMPUTED_TEXT, COUNTY_ITEM_COLUMNS } from '../../platform/columns.js';
import { fractionToPercent } from '../../platform/percent.js';
import {
  type CellValue,
  fractionTypedAsPercent,
  type Read,
  readNumber,
  readPercent,
  readText,
  readYesNo,
} from './cells.js';
import type { ErrorSink } from './errors.js';
import { findHeaderRow, matchHeaders, type SheetData } from './sheet.js';

export interface CountyItemsRead {
  inputs: CountyInputs;
  /** Items left out because their value was wrong (only filled when allowIncomplete). */
  skipped: string[];
  /** Values that are read but look mistyped (a fraction in a percentage cell). */
  warnings: string[];
  /** The sheet cannot be read at all (no header, missing 指标编号 or 填报值 column). */
  fatal: boolean;
}

function readValue(spec: CountyItemSpec, cell: CellValue): Read<number | boolean | null> {
  switch (spec.input) {
    case 'percent':
      return readPercent(cell);
    case 'number':
      return readNumber(cell);
    case 'yesno':
    case 'veto':
      return readYesNo(cell);
    case 'schoolsOrYesno':
      // Templates made before this item took a value say “由学校数据自动计算” here: that is blank.
      return cell !== null && String(cell).trim() === COMPUTED_TEXT
        ? { ok: true, value: null }
        : readYesNo(cell);
    case 'computed': {
      const text = cell === null ? '' : String(cell).trim();
      return text === '' || text === COMPUTED_TEXT
        ? { ok: true, value: null }
        : { ok: false, message: `此项${COMPUTED_TEXT}，不需要填写：请清空或恢复为“${COMPUTED_TEXT}”` };
    }
  }
}

/**
 * Read the county items.
 * @param sheet the 县级指标 sheet or CSV
 * @param specs the items of the standards in force (countyItemSpecs)
 * @param sink errors
 * @param allowIncomplete a wrong value is dropped (treated as 未填报) and listed in `skipped`
 */
export function readCountyItemsSheet(
  sheet: SheetData,
  specs: readonly CountyItemSpec[],
  sink: ErrorSink,
  allowIncomplete: boolean,
): CountyItemsRead {
  const result: CountyItemsRead = { inputs: {}, skipped: [], warnings: [], fatal: false };
  const headerAt = findHeaderRow(sheet, COUNTY_ITEM_COLUMNS.id.header);
  if (headerAt < 0) {
    sink.add(
      `找不到表头行：应包含“${COUNTY_ITEM_COLUMNS.id.header}”“${COUNTY_ITEM_COLUMNS.value.header}”列，请使用 junheng template 生成的模板`,
    );
    result.fatal = true;
    return result;
  }
  const headerRow = sheet.rows[headerAt];
  // Other columns (评估方面, 指标内容…) are for people; only these three are read.
  const match = matchHeaders(headerRow.cells, [
    [COUNTY_ITEM_COLUMNS.id.header],
    [COUNTY_ITEM_COLUMNS.value.header, '填报数值', '数值'],
    [COUNTY_ITEM_COLUMNS.note.header, '佐证材料', '备注说明'],
  ]);
  const [idCol, valueCol, noteCol] = match.index;
  if (valueCol < 0) {
    sink.add(`缺少“${COUNTY_ITEM_COLUMNS.value.header}”列：请从模板复制该列`, { row: headerRow.rowNo });
    result.fatal = true;
    return result;
  }

  const byId = new Map(specs.map((s) => [s.id, s]));
  const seenAt = new Map<string, number>();
  for (let r = headerAt + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const idRead = readText(row.cells[idCol] ?? null);
    if (!idRead.ok || idRead.value === null) continue;
    const id = idRead.value;
    const spec = byId.get(id);
    if (!spec) {
      sink.add(
        `没有这个${COUNTY_ITEM_COLUMNS.id.header}：请不要修改“${COUNTY_ITEM_COLUMNS.id.header}”列，可用编号见模板`,
        {
          row: row.rowNo,
          column: COUNTY_ITEM_COLUMNS.id.header,
          value: id,
        },
      );
      continue;
    }
    const first = seenAt.get(id);
    if (first !== undefined) {
      sink.add(`指标重复（第 ${first} 行已有）：每个指标只填一行，请删除重复行`, {
        row: row.rowNo,
        column: COUNTY_ITEM_COLUMNS.id.header,
        value: id,
      });
      continue;
    }
    seenAt.set(id, row.rowNo);

    const cell = row.cells[valueCol] ?? null;
    const read = readValue(spec, cell);
    const value = read.ok ? read.value : null;
    const why = read.ok ? checkCountyItemValue(spec, value) : read.message;
    if (why) {
      sink.add(why, { row: row.rowNo, column: COUNTY_ITEM_COLUMNS.value.header, value: cell ?? undefined });
      if (allowIncomplete) result.skipped.push(`县级指标“${spec.name}”（${id}）填报值有误，按未填报处理`);
      continue;
    }
    const fraction = spec.input === 'percent' ? fractionTypedAsPercent(cell) : undefined;
    if (fraction !== undefined) {
      const where = `${sink.file}${sink.sheet ? ` 工作表“${sink.sheet}”` : ''} 第 ${row.rowNo} 行`;
      result.warnings.push(
        `${where} 县级指标“${spec.name}”（${id}）“${COUNTY_ITEM_COLUMNS.value.header}”：填写的是小数 ${fraction}？` +
          `本列应填百分数，如 ${fractionToPercent(fraction)}（表示 ${fractionToPercent(fraction)}%）；` +
          `现按 ${fraction}% 导入，如不是请改正`,
      );
    }
    const noteRead = noteCol >= 0 ? readText(row.cells[noteCol] ?? null) : { ok: true as const, value: null };
    const note = noteRead.ok ? noteRead.value : null;
    if (value !== null || note !== null) {
      result.inputs[id] = note === null ? { value } : { value, note };
    }
  }
  return result;
}
