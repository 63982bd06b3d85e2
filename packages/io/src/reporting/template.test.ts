import { countyItemSpecs, nationalStandards, validateDataset } from '@junheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generatedDataset, sampleDataset } from '../__fixtures__/sample-dataset.js';
import { COMPUTED_TEXT, EXAMPLE_MARKER, SCHOOL_COLUMNS, SHEETS } from '../platform/columns.js';
import { importDatasetBuffer } from './import/dataset.js';
import { writeDatasetWorkbook, writeTemplate } from './template.js';

type Validations = Record<string, ExcelJS.DataValidation>;
const validationsOf = (ws: ExcelJS.Worksheet): Validations =>
  (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

describe('writeTemplate', () => {
  it('has the four sheets in order', async () => {
    const wb = await open(await writeTemplate());
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      SHEETS.instructions,
      SHEETS.county,
      SHEETS.schools,
      SHEETS.countyItems,
    ]);
  });

  it('has the column headers with units, a frozen header and list validations', async () => {
    const ws = (await open(await writeTemplate())).getWorksheet(SHEETS.schools)!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(SCHOOL_COLUMNS.map((c) => c.header));
    expect(headers).toContain('在校生数（人）');
    expect(headers).toContain('教学及辅助用房面积（m²）');
    expect(headers).toContain('教学仪器设备值（元）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const v = validationsOf(ws);
    const typeCol = String.fromCharCode(65 + SCHOOL_COLUMNS.findIndex((c) => c.name === '学校类型'));
    expect(v[`${typeCol}2`]).toMatchObject({ type: 'list' });
    expect(v[`${typeCol}2`].formulae[0]).toBe(
      '"小学,初级中学,九年一贯制学校,十二年一贯制学校,完全中学,教学点,特殊教育学校,职业学校"',
    );
    const scopeCol = String.fromCharCode(65 + SCHOOL_COLUMNS.findIndex((c) => c.name === '设施口径'));
    expect(v[`${scopeCol}500`].formulae[0]).toBe('"分学段,全校合计"');
    const studentsCol = String.fromCharCode(65 + SCHOOL_COLUMNS.findIndex((c) => c.name === '在校生数'));
    expect(v[`${studentsCol}2`]).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
  });

  it('has one example row, marked in 学校标识码, which import skips', async () => {
    const buf = await writeTemplate();
    const ws = (await open(buf)).getWorksheet(SHEETS.schools)!;
    expect(ws.getRow(2).getCell(1).value).toBe(EXAMPLE_MARKER);
    expect(ws.actualRowCount).toBe(2);
    const result = await importDatasetBuffer(buf, '模板.xlsx');
    expect(result.dataset).toBeUndefined();
    expect(result.errors.map((e) => e.message)).toContain(
      '没有学校数据：请在表头下方每所学校每个学段填一行（示例行会被跳过）',
    );
  });

  it('lists every county item of both standards; computed items ask for nothing', async () => {
    const ws = (await open(await writeTemplate())).getWorksheet(SHEETS.countyItems)!;
    const specs = countyItemSpecs(nationalStandards());
    expect(ws.actualRowCount).toBe(specs.length + 1);
    const rows = specs.map((_, k) => (ws.getRow(k + 2).values as unknown[]).slice(1));
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get('rotation')?.[4]).toBe(
      '交流轮岗教师占符合交流条件教师总数的比例（%）：填百分数，如 96.5',
    );
    expect(byId.get('layout')?.[4]).toBe('填 是 或 否');
    expect(byId.get('examAdmission')?.[4]).toBe('填 是 或 否（是=存在该情形）');
    expect(byId.get('musicArtRooms')?.[5]).toBe(COMPUTED_TEXT);
    expect(byId.get('governmentScore')?.[1]).toBe('基本均衡');
    const v = validationsOf(ws);
    const layoutRow = rows.findIndex((r) => r[0] === 'layout') + 2;
    expect(v[`F${layoutRow}`].formulae[0]).toBe('"是,否"');
    // The prerequisite may be given at county level, for when no school reports it.
    expect(byId.get('prerequisite')?.[4]).toBe(
      '可填 是/否；学校表已填“达到省定办学基本标准”时以学校数据为准',
    );
    expect(byId.get('prerequisite')?.[5]).toBeUndefined();
    const prerequisiteRow = rows.findIndex((r) => r[0] === 'prerequisite') + 2;
    expect(v[`F${prerequisiteRow}`].formulae[0]).toBe('"是,否"');
  });
});

describe('writeDatasetWorkbook → importDatasetBuffer', () => {
  it('gives the same dataset back', async () => {
    const ds = sampleDataset();
    expect(validateDataset(ds).issues).toEqual([]);
    const result = await importDatasetBuffer(await writeDatasetWorkbook(ds), '学校数据.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.dataset).toStrictEqual(ds);
  });

  // Its speed is measured by npm run bench (group import), not asserted here.
  it('imports a 300-school county workbook', async () => {
    const ds = generatedDataset(300);
    const result = await importDatasetBuffer(await writeDatasetWorkbook(ds), '示范县.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.dataset).toStrictEqual(ds);
  });
});
