import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CountyDataset, validateDataset } from '@junheng/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gbkEncode } from '../../__fixtures__/gbk.js';
import { sampleDataset } from '../../__fixtures__/sample-dataset.js';
import { SCHOOL_COLUMNS, SHEETS } from '../../platform/columns.js';
import { datasetRows } from '../template/schools-sheet.js';
import { writeDatasetWorkbook } from '../template.js';
import { importCountyInputsFile } from './county-file.js';
import { importDatasetBuffer, importDatasetFile } from './dataset.js';
import { formatImportError, type ImportResult } from './errors.js';

const FILE = '学校数据.xlsx';

/** 1-based column of a header name in 学校基本情况. */
const col = (name: string) => SCHOOL_COLUMNS.findIndex((c) => c.name === name) + 1;

/**
 * The sample dataset's workbook with edits applied. Sample rows: 2 城关第一小学 (小学),
 * 3–4 南楼九年一贯制 (小学, 初中; 全校合计), 5 第三中学 (完全中学), 6 教学点, 7 新城铺中学.
 */
async function workbookWith(edit: (wb: ExcelJS.Workbook) => void, ds = sampleDataset()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeDatasetWorkbook(ds)) as unknown as ExcelJS.Buffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Edit cells of 学校基本情况: [row, header name, value]. */
async function schoolsWith(...cells: [number, string, ExcelJS.CellValue][]): Promise<Buffer> {
  return workbookWith((wb) => {
    const ws = wb.getWorksheet(SHEETS.schools)!;
    for (const [row, name, value] of cells) ws.getCell(row, col(name)).value = value;
  });
}

const lines = (r: ImportResult) => r.errors.map(formatImportError);

describe('importDatasetBuffer (.xlsx): every rule fails with row, column, value and a fix', () => {
  it('a negative count', async () => {
    const r = await importDatasetBuffer(await schoolsWith([2, '在校生数', -3]), FILE);
    expect(r.dataset).toBeUndefined();
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 2 行 “在校生数（人）” 为 -3：' +
        '不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理',
    ]);
  });

  it('a figure beyond its plausible bound (1e308 在校生)', async () => {
    const r = await importDatasetBuffer(await schoolsWith([2, '在校生数', 1e308]), FILE);
    expect(r.dataset).toBeUndefined();
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 2 行 “在校生数（人）” 为 1e+308：' +
        '超出合理范围 0～20000 人（收到 1e+308）：请核对是否多写了位数或用错了单位',
    ]);
  });

  it('a school id of the wrong length, a region code with a letter', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith([2, '学校标识码', '21300123'], [7, '行政区划代码', '13O124']),
      FILE,
    );
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 2 行 “学校标识码” 为 “21300123”：应为 10 位数字，当前为 8 位：请按教育事业统计中的学校标识码填写',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “行政区划代码” 为 “13O124”：只能由 6 位数字组成：请填写 GB/T 2260 行政区划代码（如 130123）',
    ]);
  });

  it('fractional counts, negative areas, text in number cells, units typed in', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith(
        [2, '班级数', 60.5],
        [2, '体育运动场馆面积', -10],
        [6, '图书册数', '约800'],
        [7, '计算机台数', '60台'],
        [7, '教学仪器设备值', '12%'],
      ),
      FILE,
    );
    expect(r.errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
      [2, '班级数（个）', 60.5, '应为整数：人数、班级数、间数、台数、册数不能有小数，请改为整数'],
      [
        2,
        '体育运动场馆面积（m²）',
        -10,
        '不能为负数：请填写实际面积或金额；未掌握的数据应作为未填报（空白）处理',
      ],
      [6, '图书册数（册）', '约800', '应填写数字，如 1234 或 1,234.5'],
      [7, '教学仪器设备值（元）', '12%', '此列填写数量，不应填百分数：请去掉百分号并填写实际数量'],
      [7, '计算机台数（台）', '60台', '只填写数字，不要带单位（单位已写在列名中）'],
    ]);
  });

  it('teacher sub-kinds above 专任教师数', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith([7, '体育艺术专任教师数', 35], [7, '县级以上骨干教师数', 40]),
      FILE,
    );
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “县级以上骨干教师数（人）” 为 40：不能多于专任教师数（34 人）：该项教师是专任教师的一部分，请核对两项数字',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “体育艺术专任教师数（人）” 为 35：不能多于专任教师数（34 人）：该项教师是专任教师的一部分，请核对两项数字',
    ]);
  });

  it('a stage the school type does not have, and an unknown enum value', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith([2, '学段', '初中'], [6, '城乡类型', '农场']),
      FILE,
    );
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 2 行 “学段” 为 “初中”：小学不能填报初中学段（只能填报小学）：请核对学段或学校类型；同时有小学和初中的学校，学校类型应为九年一贯制学校',
      '学校数据.xlsx 工作表“学校基本情况” 第 6 行 “城乡类型” 为 “农场”：应为 城区、镇区、乡村 之一：请从下拉列表选择',
    ]);
  });

  it('a repeated (school, stage) and a school id reused with another name', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith(
        [4, '学段', '小学'],
        [7, '学校标识码', '2130012301'],
        [7, '学校类型', '小学'],
        [7, '学段', '小学'],
      ),
      FILE,
    );
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 4 行 “学段” 为 “小学”：同一学校的小学学段重复（第 3 行已填报）：每所学校每个学段只能有一条，请删除或合并重复的一条',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “学校名称” 为 “正定县新城铺中学”：该学校标识码在第 2 行对应的学校名称是“正定县城关第一小学”，与这里不同：同一标识码只能对应一所学校，请核对学校标识码或学校名称',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “行政区划代码” 为 “130124”：与第 2 行的“130123”不一致：同一学校各行的此项应相同，请统一',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “城乡类型” 为 “乡村”：与第 2 行的“城区”不一致：同一学校各行的此项应相同，请统一',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “学段” 为 “小学”：同一学校的小学学段重复（第 2 行已填报）：每所学校每个学段只能有一条，请删除或合并重复的一条',
    ]);
  });

  it('conflicting 全校合计 facility values name both rows', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith([4, '教学及辅助用房面积', 8000], [4, '图书册数', 50000]),
      FILE,
    );
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 4 行 “教学及辅助用房面积（m²）” 为 8000：与第 3 行的 8800 不一致：设施口径为“全校合计”时各行填写的都是全校合计数，应完全相同；也可以只在其中一行填写、其他行留空',
      '学校数据.xlsx 工作表“学校基本情况” 第 4 行 “图书册数（册）” 为 50000：与第 3 行的 52000 不一致：设施口径为“全校合计”时各行填写的都是全校合计数，应完全相同；也可以只在其中一行填写、其他行留空',
    ]);
  });

  it('全校合计 facilities on one row only are the school’s totals', async () => {
    const facilityNames = SCHOOL_COLUMNS.filter((c) => c.target.on === 'facility').map((c) => c.name);
    const r = await importDatasetBuffer(
      await schoolsWith(...facilityNames.map((name) => [4, name, null] as [number, string, null])),
      FILE,
    );
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(sampleDataset());
  });

  it('高中部在校生数 on a school without 高中, 是/否 that is neither, a blank required cell', async () => {
    const r = await importDatasetBuffer(
      await schoolsWith(
        [2, '高中部在校生数', 100],
        [6, '达到省定办学基本标准', '基本达到'],
        [7, '学校名称', null],
      ),
      FILE,
    );
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 2 行 “高中部在校生数（人）” 为 100：只有完全中学、十二年一贯制学校填写高中部在校生数，本校为小学：请清空或核对学校类型',
      '学校数据.xlsx 工作表“学校基本情况” 第 6 行 “达到省定办学基本标准” 为 “基本达到”：应填写“是”或“否”',
      '学校数据.xlsx 工作表“学校基本情况” 第 7 行 “学校名称”：必填，不能为空：学校全称；同一学校各行须一致',
    ]);
  });

  it('collects every error of the sheet, not just the first', async () => {
    const cells: [number, string, ExcelJS.CellValue][] = [];
    for (let row = 2; row <= 7; row++) cells.push([row, '最大班额', -1], [row, '音乐专用教室数', 'x']);
    const r = await importDatasetBuffer(await schoolsWith(...cells), FILE);
    expect(r.errors).toHaveLength(12);
  });

  it('county information: a wrong code, a school year that is not one', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.county)!;
      ws.getCell('B5').value = '13012';
      ws.getCell('B6').value = '2025-2027';
    });
    expect(lines(await importDatasetBuffer(buf, FILE))).toEqual([
      '学校数据.xlsx 工作表“县域信息” 第 5 行 “县级行政区划代码” 为 “13012”：应为 6 位数字，当前为 5 位：请填写 GB/T 2260 县级行政区划代码（如 130123）',
      '学校数据.xlsx 工作表“县域信息” 第 6 行 “学年” 为 “2025-2027”：学年的两个年份应相邻：如 2025-2026',
    ]);
  });

  it('county items: percent out of range, 是/否 that is neither, a computed item filled in', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.countyItems)!;
      ws.eachRow((row) => {
        const id = row.getCell(1).value;
        if (id === 'rotation') row.getCell(6).value = 120;
        if (id === 'layout') row.getCell(6).value = '基本合理';
        if (id === 'musicArtRooms') row.getCell(6).value = '是';
      });
    });
    expect(lines(await importDatasetBuffer(buf, FILE))).toEqual([
      '学校数据.xlsx 工作表“县级指标” 第 2 行 “填报值” 为 “基本合理”：应填写“是”或“否”',
      '学校数据.xlsx 工作表“县级指标” 第 4 行 “填报值” 为 “是”：此项由学校数据自动计算，不需要填写：请清空或恢复为“由学校数据自动计算”',
      '学校数据.xlsx 工作表“县级指标” 第 12 行 “填报值” 为 120：百分数应在 0 到 100 之间：如 96.5 表示 96.5%',
    ]);
  });
});

describe('importDatasetBuffer (.xlsx): what clerks actually type', () => {
  it('numbers as text with separators, formulas, rich text, %-formatted percentages', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.schools)!;
      ws.getCell(2, col('在校生数')).value = '2,464';
      ws.getCell(2, col('图书册数')).value = {
        formula: '70000+5000',
        result: 75000,
      } as ExcelJS.CellFormulaValue;
      ws.getCell(2, col('学校名称')).value = {
        richText: [{ text: '正定县城关' }, { text: '第一小学', font: { bold: true } }],
      };
      const items = wb.getWorksheet(SHEETS.countyItems)!;
      items.eachRow((row) => {
        if (row.getCell(1).value === 'retention') {
          row.getCell(6).value = 0.965;
          // Loaded cells share style objects: replace the style rather than mutate it.
          row.getCell(6).style = { ...row.getCell(6).style, numFmt: '0.0%' };
        }
        if (row.getCell(1).value === 'recognition') row.getCell(6).value = '91.53%';
      });
    });
    const r = await importDatasetBuffer(buf, FILE);
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(sampleDataset());
  });

  it('headers without units, with spaces or half-width parentheses, and a 备注 column', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.schools)!;
      ws.getCell(1, col('在校生数')).value = ' 在校生数 ';
      ws.getCell(1, col('教学及辅助用房面积')).value = '教学及辅助用房面积(m2)';
      ws.getCell(1, col('班级数')).value = '班级数（个 ）';
      ws.getCell(1, SCHOOL_COLUMNS.length + 1).value = '备注';
      ws.getCell(2, SCHOOL_COLUMNS.length + 1).value = '新建教学楼 2026 年启用';
    });
    const r = await importDatasetBuffer(buf, FILE);
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(sampleDataset());
  });

  it('reports unknown and missing columns; a missing required column stops the import', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.schools)!;
      ws.getCell(1, col('体育运动场馆面积')).value = '体育场馆面积';
      ws.getCell(1, col('在校生数')).value = '学生人数合计';
    });
    const r = await importDatasetBuffer(buf, FILE);
    expect(r.dataset).toBeUndefined();
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 1 行 “学生人数合计”：无法识别的列名（G 列）：请改为模板中的列名（是否应为“在校生数（人）”？）；不需要导入的列请删除，或把列名改为以“备注”开头',
      '学校数据.xlsx 工作表“学校基本情况” 第 1 行 “体育场馆面积”：无法识别的列名（Q 列）：请改为模板中的列名（是否应为“体育运动场馆面积（m²）”？）；不需要导入的列请删除，或把列名改为以“备注”开头',
      '学校数据.xlsx 工作表“学校基本情况” 第 1 行：缺少必填列“在校生数（人）”：请从模板复制该列（本学段有学籍的在校生数（学年初））',
    ]);
    expect(r.warnings).toContain('学校基本情况 缺少列“体育运动场馆面积（m²）”：该项全部按未填报处理');
  });

  it('says which sheet is missing', async () => {
    const buf = await workbookWith((wb) => {
      wb.removeWorksheet(wb.getWorksheet(SHEETS.county)!.id);
    });
    expect(lines(await importDatasetBuffer(buf, FILE))).toEqual([
      '学校数据.xlsx：找不到工作表“县域信息”：请从模板复制该表填写县名称、县级行政区划代码和学年，或用 --county 指定县域信息文件',
    ]);
  });

  it('rejects what is not an .xlsx with a way out', async () => {
    expect(lines(await importDatasetBuffer(Buffer.from('not a zip'), FILE))).toEqual([
      '学校数据.xlsx：这是文本文件（如 CSV），不是 Excel 工作簿：请在 Excel/WPS 中打开后另存为 .xlsx 再导入；支持 CSV 的导入也可把扩展名改回 .csv',
    ]);
    expect(lines(await importDatasetBuffer(Buffer.from([0x50, 0x4b, 9, 9, 9]), FILE))).toEqual([
      '学校数据.xlsx：文件不是有效的 Excel 工作簿：请在 Excel/WPS 中另存为 .xlsx 后再导入',
    ]);
    expect(lines(await importDatasetBuffer(Buffer.from(''), '旧表.xls'))).toEqual([
      '旧表.xls：文件是空的（0 字节）：请重新选择填好的文件上传',
    ]);
  });
});

describe('importDatasetBuffer (.xlsx): units in headers', () => {
  /** Rewrite a header, and every data cell of its column with f. */
  const withColumn = (name: string, header: string, f: (v: number) => number = (v) => v) =>
    workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.schools)!;
      ws.getCell(1, col(name)).value = header;
      for (let row = 2; row <= ws.rowCount; row++) {
        const cell = ws.getCell(row, col(name));
        if (typeof cell.value === 'number') cell.value = f(cell.value);
      }
    });

  it('converts 万元 in the 元 column and says so', async () => {
    const r = await importDatasetBuffer(
      await withColumn('教学仪器设备值', '教学仪器设备值（万元）', (v) => v / 10_000),
      FILE,
    );
    expect(r.errors).toEqual([]);
    // 512 万元 → 5 120 000 元, 106.60005 万元 → 1 066 000.5 元: exactly the sample's values.
    expect(r.dataset).toStrictEqual(sampleDataset());
    expect(r.warnings).toContain(
      '学校基本情况 “教学仪器设备值（万元）”（R 列）按万元填写：导入时已乘以 10000 换算为元（如 150 万元记为 1500000 元）；如果该列实际填的是元，请把列名改为“教学仪器设备值（元）”',
    );
  });

  it('150 under （万元） is 1 500 000 元, not 150 元', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.schools)!;
      ws.getCell(1, col('教学仪器设备值')).value = '教学仪器设备值(万元)';
      ws.getCell(7, col('教学仪器设备值')).value = 150;
    });
    const r = await importDatasetBuffer(buf, FILE, { allowIncomplete: true });
    expect(r.dataset!.schools.at(-1)!.stages[0].equipmentValue).toBe(1_500_000);
  });

  it('rejects a unit that is not the template’s, naming the column and the unit expected', async () => {
    const r = await importDatasetBuffer(
      await withColumn('教学及辅助用房面积', '教学及辅助用房面积（亩）'),
      FILE,
    );
    expect(r.dataset).toBeUndefined();
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 1 行 “教学及辅助用房面积（亩）”：列名中的单位“亩”与模板不符（P 列）：“教学及辅助用房面积”应以“m²”为单位填写。请把该列数值换算为m²，并把列名改为“教学及辅助用房面积（m²）”',
    ]);
    // With allowIncomplete the column is not read (its values are in another unit), and that is said.
    const lenient = await importDatasetBuffer(
      await withColumn('教学及辅助用房面积', '教学及辅助用房面积（亩）'),
      FILE,
      { allowIncomplete: true },
    );
    expect(lenient.skipped).toContain(
      '已忽略单位有误的列“教学及辅助用房面积（亩）”（P 列）：该项全部按未填报处理',
    );
    expect(lenient.dataset!.schools[0].stages[0].teachingSpace).toBeNull();
  });

  it('a wrong unit on a required column stops the import without also calling it missing', async () => {
    const r = await importDatasetBuffer(await withColumn('在校生数', '在校生数（万人）'), FILE);
    expect(r.dataset).toBeUndefined();
    expect(r.errors.map((e) => e.message)).toEqual([
      '列名中的单位“万人”与模板不符（G 列）：“在校生数”应以“人”为单位填写。请把该列数值换算为人，并把列名改为“在校生数（人）”',
    ]);
  });

  it('accepts the synonyms of the template’s units', async () => {
    const buf = await workbookWith((wb) => {
      const ws = wb.getWorksheet(SHEETS.schools)!;
      ws.getCell(1, col('教学及辅助用房面积')).value = '教学及辅助用房面积（平方米）';
      ws.getCell(1, col('体育运动场馆面积')).value = '体育运动场馆面积（㎡）';
      ws.getCell(1, col('专任教师数')).value = '专任教师数（名）';
      ws.getCell(1, col('网络多媒体教室数')).value = '网络多媒体教室数(间)';
      ws.getCell(1, col('计算机台数')).value = '计算机台数（台）';
      ws.getCell(1, col('图书册数')).value = '图书册数（ 册 ）';
      ws.getCell(1, col('班级数')).value = '班级数（个）';
      ws.getCell(1, col('学校名称')).value = '学校名称（全称）';
    });
    const r = await importDatasetBuffer(buf, FILE);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.dataset).toStrictEqual(sampleDataset());
  });
});

describe('importDatasetBuffer (.xlsx): merged cells', () => {
  /** Make 南楼九年一贯制 (rows 3–4) report facilities by stage, each row with the same values as now. */
  const split = (wb: ExcelJS.Workbook) => {
    const ws = wb.getWorksheet(SHEETS.schools)!;
    ws.getCell(3, col('设施口径')).value = '分学段';
    ws.getCell(4, col('设施口径')).value = '分学段';
  };
  const merge = (wb: ExcelJS.Workbook, range: string) => wb.getWorksheet(SHEETS.schools)!.mergeCells(range);

  it('a facility merged over the two stages of a 九年一贯制 school is an error, not counted twice', async () => {
    const buf = await workbookWith((wb) => {
      split(wb);
      merge(wb, 'P3:P4');
    });
    const r = await importDatasetBuffer(buf, FILE);
    expect(r.dataset).toBeUndefined();
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 3 行 “教学及辅助用房面积（m²）” 为 8800：合并单元格（第 3—4 行，P3:P4）：数值列不能合并单元格，否则合并范围内每一行都会读到同一个数，数值被重复计算。请取消合并，在每一行分别填写该行学段的数值',
    ]);
    const lenient = await importDatasetBuffer(buf, FILE, { allowIncomplete: true });
    expect(lenient.dataset!.schools.map((s) => s.id)).not.toContain('2130012302');
    expect(lenient.skipped).toContain(
      '第 4 行（正定县南楼九年一贯制学校 初中）有错误，已跳过；该校没有其他可用的学段，整校未纳入',
    );
  });

  it('with 全校合计 it says to fill the same total in each row', async () => {
    const r = await importDatasetBuffer(await workbookWith((wb) => merge(wb, 'U3:U4')), FILE);
    expect(lines(r)).toEqual([
      '学校数据.xlsx 工作表“学校基本情况” 第 3 行 “图书册数（册）” 为 52000：合并单元格（第 3—4 行，U3:U4）：数值列不能合并单元格，否则合并范围内每一行都会读到同一个数，数值被重复计算。该校设施口径为“全校合计”：请取消合并，在每一行填写相同的全校合计数（也可以只在其中一行填写、其他行留空）',
    ]);
  });

  it('one error per merged block, whatever its size', async () => {
    const r = await importDatasetBuffer(
      await workbookWith((wb) => {
        split(wb);
        merge(wb, 'P3:Q4');
        merge(wb, 'V7:W7');
      }),
      FILE,
    );
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '教学及辅助用房面积（m²）、体育运动场馆面积（m²）'],
      [7, '音乐专用教室数（间）、美术专用教室数（间）'],
    ]);
    expect(r.errors[1].message).toMatch(/（第 7 行，V7:W7）.*请取消合并，在每一列分别填写该项的数值$/);
  });

  it('merged text cells of one school (标识码, 名称, 类型, 区划, 城乡) are accepted', async () => {
    const buf = await workbookWith((wb) => {
      for (const name of ['学校标识码', '学校名称', '学校类型', '行政区划代码', '城乡类型', '设施口径']) {
        const letter = String.fromCharCode(64 + col(name));
        merge(wb, `${letter}3:${letter}4`);
      }
    });
    const r = await importDatasetBuffer(buf, FILE);
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(sampleDataset());
  });
});

describe('importDatasetBuffer (.xlsx): 县级指标', () => {
  const withItems = (values: Record<string, ExcelJS.CellValue>) =>
    workbookWith((wb) => {
      wb.getWorksheet(SHEETS.countyItems)!.eachRow((row) => {
        const id = String(row.getCell(1).value);
        if (id in values) row.getCell(6).value = values[id];
      });
    });

  it('the 基本均衡 prerequisite takes 是/否; an older template’s “由学校数据自动计算” is blank', async () => {
    const r = await importDatasetBuffer(await withItems({ prerequisite: '否' }), FILE);
    expect(r.errors).toEqual([]);
    expect(r.dataset!.countyInputs!.prerequisite).toEqual({
      value: false,
      note: '见学校表“达到省定办学基本标准”列',
    });
    const old = await importDatasetBuffer(await withItems({ prerequisite: '由学校数据自动计算' }), FILE);
    expect(old.errors).toEqual([]);
    expect(old.dataset).toStrictEqual(sampleDataset());
    const bad = await importDatasetBuffer(await withItems({ prerequisite: '大部分达到' }), FILE);
    expect(lines(bad)).toEqual([
      '学校数据.xlsx 工作表“县级指标” 第 36 行 “填报值” 为 “大部分达到”：应填写“是”或“否”',
    ]);
  });

  it('warns about a percentage typed as a fraction, and keeps the value', async () => {
    const r = await importDatasetBuffer(await withItems({ retention: 0.965, satisfaction: '0.9' }), FILE);
    expect(r.errors).toEqual([]);
    expect(r.dataset!.countyInputs!.retention).toEqual({ value: 0.00965 });
    expect(r.warnings).toEqual([
      '学校数据.xlsx 工作表“县级指标” 第 19 行 县级指标“全县初中三年巩固率达到95%以上”（retention）“填报值”：填写的是小数 0.965？本列应填百分数，如 96.5（表示 96.5%）；现按 0.965% 导入，如不是请改正',
      '学校数据.xlsx 工作表“县级指标” 第 38 行 县级指标“公众满意度不低于85%”（satisfaction）“填报值”：填写的是小数 0.9？本列应填百分数，如 90（表示 90%）；现按 0.9% 导入，如不是请改正',
    ]);
  });
});

describe('allowIncomplete', () => {
  it('drops rows with errors, says which school lost a stage, and keeps the rest', async () => {
    const buf = await schoolsWith([4, '在校生数', -400], [6, '学校标识码', '123']);
    const strict = await importDatasetBuffer(buf, FILE);
    expect(strict.dataset).toBeUndefined();
    expect(strict.skipped).toEqual([]);

    const r = await importDatasetBuffer(buf, FILE, { allowIncomplete: true });
    expect(r.errors).toHaveLength(2);
    expect(r.skipped).toEqual([
      '第 6 行：学校标识码缺失或有误，已跳过',
      '第 4 行（正定县南楼九年一贯制学校 初中）有错误，已跳过；该校仅保留小学学段数据',
    ]);
    const ds = r.dataset!;
    expect(ds.schools.map((s) => s.id)).toEqual(['2130012301', '2130012302', '2130012303', '2130012305']);
    expect(ds.schools[1].stages.map((s) => s.stage)).toEqual(['primary']);
    expect(ds.schools[1].sharedFacilities?.teachingSpace).toBe(8800);
    expect(validateDataset(ds).issues).toEqual([]);
  });

  it('drops a whole school whose rows contradict each other, and a wrong county item', async () => {
    const buf = await workbookWith((wb) => {
      wb.getWorksheet(SHEETS.schools)!.getCell(4, col('教学仪器设备值')).value = 1;
      wb.getWorksheet(SHEETS.countyItems)!.eachRow((row) => {
        if (row.getCell(1).value === 'retention') row.getCell(6).value = 'ninety';
      });
    });
    const r = await importDatasetBuffer(buf, FILE, { allowIncomplete: true });
    expect(r.skipped).toEqual([
      '学校“正定县南楼九年一贯制学校”（2130012302，第 3、4 行）：各行数据互相矛盾，整校已跳过',
      '县级指标“全县初中三年巩固率达到95%以上”（retention）填报值有误，按未填报处理',
    ]);
    expect(r.dataset?.schools).toHaveLength(4);
    expect(r.dataset?.countyInputs?.retention).toBeUndefined();
  });
});

/** The schools sheet of a dataset as CSV text. */
function csvOf(ds: CountyDataset): string {
  const quote = (v: unknown) =>
    v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  const rows = [SCHOOL_COLUMNS.map((c) => c.header), ...datasetRows(ds)];
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

describe('importDatasetBuffer (.csv)', () => {
  const ds = sampleDataset();
  const county = { county: ds.county, year: ds.year };
  const { countyInputs: _inputs, ...schoolsOnly } = ds;

  it('reads UTF-8 with BOM', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csvOf(ds))]);
    const r = await importDatasetBuffer(bytes, '学校.csv', { county });
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(schoolsOnly);
  });

  it('reads GBK, as Excel on Chinese Windows saves it', async () => {
    const bytes = gbkEncode(csvOf(ds));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await importDatasetBuffer(bytes, '学校.csv', { county });
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(schoolsOnly);
  });

  it('errors carry the record number; without county information defaults are used and said', async () => {
    const text = csvOf(ds).replace('2464', '-2464');
    const bad = await importDatasetBuffer(new TextEncoder().encode(text), '学校.csv');
    expect(lines(bad)).toEqual([
      '学校.csv 第 2 行 “在校生数（人）” 为 “-2464”：不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理',
    ]);
    const r = await importDatasetBuffer(new TextEncoder().encode(csvOf(ds)), '学校.csv', {
      now: new Date(2026, 2, 1),
    });
    expect(r.dataset?.county).toEqual({ code: '130123', name: '未命名县' });
    expect(r.dataset?.year).toBe(2025);
    expect(r.warnings.at(-1)).toBe(
      '未提供县域信息（可用 --county 指定县域信息文件）：县级行政区划代码取学校最多的 130123，县名称记为“未命名县”，学年取当前学年 2025-2026',
    );
  });
});

describe('importDatasetBuffer (.json)', () => {
  it('validates the machine format and reports JSON paths', async () => {
    const ds = sampleDataset();
    const ok = await importDatasetBuffer(Buffer.from(JSON.stringify(ds)), 'county.json');
    expect(ok.dataset).toStrictEqual(ds);
    ds.schools[1].stages[1].students = -1;
    const bad = await importDatasetBuffer(Buffer.from(JSON.stringify(ds)), 'county.json');
    expect(lines(bad)).toEqual([
      'county.json schools[1].stages[1].students 为 -1：在校生数不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理',
    ]);
    const partial = await importDatasetBuffer(Buffer.from(JSON.stringify(ds)), 'county.json', {
      allowIncomplete: true,
    });
    expect(partial.skipped).toEqual([
      'schools[1]（正定县南楼九年一贯制学校）.stages[1] 有错误，已跳过；该校仅保留小学学段数据',
    ]);
    expect(partial.dataset?.schools[1].stages).toHaveLength(1);
  });

  it('points at the line of a syntax error', async () => {
    const r = await importDatasetBuffer(Buffer.from('{\n  "county": {,\n}'), 'county.json');
    expect(lines(r)[0]).toMatch(/^county\.json：JSON 格式错误（第 2 行附近）：/);
  });
});

describe('files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'junheng-io-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a CSV with a --county JSON file', async () => {
    const ds = sampleDataset();
    await writeFile(join(dir, '学校.csv'), gbkEncode(csvOf(ds)));
    await writeFile(
      join(dir, 'county.json'),
      JSON.stringify({ county: ds.county, year: ds.year, countyInputs: ds.countyInputs }),
    );
    const r = await importDatasetFile(join(dir, '学校.csv'), { countyFile: join(dir, 'county.json') });
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual(ds);
  });

  it('takes the county from a YAML file too', async () => {
    const ds = sampleDataset();
    await writeFile(join(dir, '学校-utf8.csv'), csvOf(ds));
    await writeFile(
      join(dir, 'county.yaml'),
      '# 县域信息\ncounty:\n  code: "130123"\n  name: 正定县\n  province: 河北省\n  city: 石家庄市\nyear: 2025\n',
    );
    const r = await importDatasetFile(join(dir, '学校-utf8.csv'), { countyFile: join(dir, 'county.yaml') });
    expect(r.errors).toEqual([]);
    const { countyInputs: _inputs, ...schoolsOnly } = ds;
    expect(r.dataset).toStrictEqual(schoolsOnly);
  });

  it('reports the county file’s errors together with the main file’s', async () => {
    await writeFile(
      join(dir, 'county-bad.json'),
      JSON.stringify({ county: { code: '1301', name: '正定县' }, year: 2025 }),
    );
    await writeFile(join(dir, '学校-bad.csv'), csvOf(sampleDataset()).replace('2464', '-1'));
    const r = await importDatasetFile(join(dir, '学校-bad.csv'), {
      countyFile: join(dir, 'county-bad.json'),
    });
    expect(r.dataset).toBeUndefined();
    expect(lines(r)).toEqual([
      'county-bad.json county.code 为 “1301”：县级行政区划代码应为 6 位数字，当前为 4 位：请填写 GB/T 2260 县级行政区划代码（如 130123）',
      '学校-bad.csv 第 2 行 “在校生数（人）” 为 “-1”：不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理',
    ]);
  });

  it('a county file may carry only 县级指标: added to the data file’s, the same id replaced', async () => {
    const ds = sampleDataset();
    await writeFile(join(dir, '数据.xlsx'), await writeDatasetWorkbook(ds));
    await writeFile(
      join(dir, 'items.json'),
      JSON.stringify({ rotation: { value: 0.2 }, prerequisite: { value: true, note: '县教育局认定' } }),
    );
    const r = await importDatasetFile(join(dir, '数据.xlsx'), { countyFile: join(dir, 'items.json') });
    expect(r.errors).toEqual([]);
    expect(r.dataset).toStrictEqual({
      ...ds,
      countyInputs: {
        ...ds.countyInputs,
        rotation: { value: 0.2 },
        prerequisite: { value: true, note: '县教育局认定' },
      },
    });
  });

  it('a county workbook with 县域信息 left blank gives its 县级指标 only', async () => {
    const ds = sampleDataset();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeDatasetWorkbook(ds)) as unknown as ExcelJS.Buffer);
    wb.getWorksheet(SHEETS.county)!.eachRow((row, n) => {
      if (n > 1) row.getCell(2).value = null;
    });
    wb.removeWorksheet(wb.getWorksheet(SHEETS.schools)!.id);
    await wb.xlsx.writeFile(join(dir, '县级指标表.xlsx'));
    await writeFile(join(dir, '学校-items.csv'), csvOf(ds));
    const r = await importDatasetFile(join(dir, '学校-items.csv'), {
      countyFile: join(dir, '县级指标表.xlsx'),
      now: new Date(2026, 2, 1),
    });
    expect(r.errors).toEqual([]);
    expect(r.dataset?.countyInputs).toStrictEqual(ds.countyInputs);
    expect(r.dataset?.county.name).toBe('未命名县');
    expect(r.warnings.at(-1)).toMatch(/^未提供县域信息（可用 --county 指定县域信息文件）/);
  });

  it('a county CSV may hold 县域信息 rows and 县级指标 columns', async () => {
    const ds = sampleDataset();
    await writeFile(join(dir, '学校-both.csv'), csvOf(ds));
    await writeFile(
      join(dir, '县域.csv'),
      '项目,填报值\r\n县名称,正定县\r\n县级行政区划代码,130123\r\n学年,2025-2026\r\n\r\n指标编号,填报值,佐证说明\r\nrotation,12.5,交流 52 人\r\n',
    );
    const r = await importDatasetFile(join(dir, '学校-both.csv'), { countyFile: join(dir, '县域.csv') });
    expect(r.errors).toEqual([]);
    expect(r.dataset?.county).toEqual({ code: '130123', name: '正定县' });
    expect(r.dataset?.year).toBe(2025);
    expect(r.dataset?.countyInputs).toEqual({ rotation: { value: 0.125, note: '交流 52 人' } });
  });

  it('a county file with neither part, or with wrong 县域信息, gives no dataset and names the file', async () => {
    await writeFile(join(dir, '学校-ok.csv'), csvOf(sampleDataset()));
    await writeFile(join(dir, 'empty.json'), JSON.stringify({ name: '正定县' }));
    const empty = await importDatasetFile(join(dir, '学校-ok.csv'), { countyFile: join(dir, 'empty.json') });
    expect(empty.dataset).toBeUndefined();
    expect(lines(empty)).toEqual([
      'empty.json：没有找到县域信息或县级指标：应写成 {"county": {"code": "130123", "name": "某某县"}, "year": 2025, "countyInputs": {…}}，县域信息和县级指标至少有其一',
    ]);
    await writeFile(
      join(dir, 'county-noyear.json'),
      JSON.stringify({ county: { code: '130123', name: '正定县' } }),
    );
    const lenient = await importDatasetFile(join(dir, '学校-ok.csv'), {
      countyFile: join(dir, 'county-noyear.json'),
      allowIncomplete: true,
    });
    expect(lenient.dataset).toBeUndefined();
    expect(lenient.errors.map((e) => e.file)).toEqual(['county-noyear.json']);
  });

  it('says when a file is not there', async () => {
    const r = await importDatasetFile(join(dir, 'nosuch.xlsx'));
    expect(lines(r)).toEqual([`nosuch.xlsx：找不到文件 ${join(dir, 'nosuch.xlsx')}：请检查路径和文件名`]);
  });

  it('imports county items from .xlsx, .csv and .json', async () => {
    const ds = sampleDataset();
    await writeFile(join(dir, '县级指标.xlsx'), await writeDatasetWorkbook(ds));
    const fromXlsx = await importCountyInputsFile(join(dir, '县级指标.xlsx'));
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.inputs).toStrictEqual(ds.countyInputs);

    const csv =
      '指标编号,填报值,佐证说明\r\nrotation,12.5%,交流 52 人\r\nlayout,是,\r\nexamAdmission,否,\r\nnosuch,1,\r\n';
    await writeFile(join(dir, '县级指标.csv'), csv);
    const fromCsv = await importCountyInputsFile(join(dir, '县级指标.csv'));
    expect(lines(fromCsv)).toEqual([
      '县级指标.csv 第 5 行 “指标编号” 为 “nosuch”：没有这个指标编号：请不要修改“指标编号”列，可用编号见模板',
    ]);
    expect(fromCsv.inputs).toBeUndefined();
    const lenient = await importCountyInputsFile(join(dir, '县级指标.csv'), { allowIncomplete: true });
    expect(lenient.inputs).toStrictEqual({
      rotation: { value: 0.125, note: '交流 52 人' },
      layout: { value: true },
      examAdmission: { value: false },
    });

    await writeFile(
      join(dir, '县级指标.json'),
      JSON.stringify({ countyInputs: { rotation: { value: 0.125 } } }),
    );
    expect((await importCountyInputsFile(join(dir, '县级指标.json'))).inputs).toEqual({
      rotation: { value: 0.125 },
    });
  });
});
