import { type CoefficientRow, evaluate, SOURCE_TAG_PATTERN } from '@junheng/core';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { handMadeCounty, handMadeResults } from './__fixtures__/county.js';
import { writeResultWorkbook } from './xlsx.js';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Rows of a sheet as arrays of plain values (formula cells give their cached result). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[])
      .slice(1)
      .map((v) =>
        v && typeof v === 'object' && 'formula' in (v as object) ? (v as { result?: unknown }).result : v,
      );
    out.push(values);
  });
  return out;
}

const { result, comparison } = handMadeResults();
const sports = result.quality!.stages[0].coefficients.find((c) => c.indicator === 'sportsSpacePerStudent')!;

describe('writeResultWorkbook on the hand-made county', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await read(await writeResultWorkbook(result, { comparison }));
  });

  it('has the sheets a clerk and an inspector expect, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总览',
      '差异系数',
      '差异系数明细',
      '学校达标',
      '县级指标',
      '县级指标明细',
      '未纳入学校',
      '数据问题',
      '年度对比',
    ]);
  });

  it('总览 shows the 学年 and the verdicts, coloured', () => {
    const ws = wb.getWorksheet('总览')!;
    const rows = rowsOf(ws);
    expect(rows).toContainEqual(['学年', '2025—2026学年']);
    let verdict: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '优质均衡' && !verdict) verdict = row.getCell(2);
    });
    expect(verdict!.value).toBe('未达标');
    expect((verdict!.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    const overall = rows.find((r) => r[0] === '总体')!;
    expect(overall[1]).toBe('未达标');
    expect(rows.some((r) => String(r[2] ?? '').includes('按各学段在校生数比例分摊'))).toBe(true);
  });

  it('差异系数 carries the CV of the result, with its number format', () => {
    const ws = wb.getWorksheet('差异系数')!;
    const rows = rowsOf(ws);
    const r = rows.findIndex(
      (x) => x[1] === '优质均衡' && x[2] === '小学' && x[3] === '生均体育运动场馆面积',
    );
    expect(rows[r][10]).toBe(sports.cv);
    expect(rows[r][12]).toBe('未达标');
    expect(ws.getRow(r + 1).getCell(11).numFmt).toBe('0.000');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
  });

  it('audit formulas: the detail rows recompute every CV by the spec formula', () => {
    const summary = wb.getWorksheet('差异系数')!;
    const detail = rowsOf(wb.getWorksheet('差异系数明细')!).slice(1);
    summary.eachRow((row, n) => {
      if (n === 1) return;
      const key = row.getCell(1).value as string;
      const cv = row.getCell(11).value;
      const formula = row.getCell(15).value as ExcelJS.CellFormulaValue | null;
      if (key.endsWith('综合') || typeof cv !== 'number') return;
      expect(formula?.formula).toContain("'差异系数明细'!");
      // What the formulas compute, done here from the cells: X̄ = ΣP·X / ΣP, S = √(ΣP(X − X̄)² / ΣP).
      const mine = detail.filter((d) => d[0] === key) as [
        string,
        string,
        string,
        string,
        number,
        number,
        number,
      ][];
      const p = mine.reduce((a, d) => a + d[4], 0);
      const mean = mine.reduce((a, d) => a + d[4] * d[6], 0) / p;
      const sd = Math.sqrt(mine.reduce((a, d) => a + d[4] * (d[6] - mean) ** 2, 0) / p);
      expect(sd / mean).toBeCloseTo(cv, 12);
    });
  });

  it('基本均衡 has a 综合差异系数 row per stage equal to the result', () => {
    const rows = rowsOf(wb.getWorksheet('差异系数')!);
    for (const st of result.basic!.stages) {
      const key = `基本-${st.stage === 'primary' ? '小学' : '初中'}-综合`;
      expect(rows.find((r) => r[0] === key)?.[10]).toBe(st.composite.value);
    }
  });

  it('学校达标 shows the shortfalls and the minimum plan of 河西村小学', () => {
    const rows = rowsOf(wb.getWorksheet('学校达标')!);
    const row = rows.find((r) => r[1] === '河西村小学')!;
    expect(row).toContain('未达标');
    expect(row).toContain('缺 2 名 体育艺术专任教师；缺 300 m² 教学及辅助用房');
    expect(row).toContain('补足体育艺术专任教师 2 名');
    expect(row[6 + 21]).toBe(5); // 达标项数 after the 6 fixed and 7 × 3 indicator columns
    expect(rows.find((r) => r[1] === '第二中学')).toContain('补足教学仪器设备 675,000 元（达到标准的 85%）');
  });

  it('县级指标 has the unmet item with its requirement and the missing one as 数据不全', () => {
    const rows = rowsOf(wb.getWorksheet('县级指标')!);
    const nearby = rows.find((r) => String(r[3]).startsWith('城区和镇区公办初中就近划片入学比例'))!;
    expect(nearby.slice(4, 7)).toEqual(['90.00%', '≥ 95.00%', '未达标']);
    expect(nearby[9]).toBe('县实验中学跨片区招生');
    const rotation = rows.find((r) => String(r[3]).startsWith('全县每年交流轮岗教师的比例'))!;
    expect(rotation[6]).toBe('数据不全');
    expect(rows.filter((r) => r[1] === '一票否决')).toHaveLength(result.quality!.vetoes.length);
  });

  it('未纳入学校 names the small 教学点 and why', () => {
    const rows = rowsOf(wb.getWorksheet('未纳入学校')!);
    expect(rows[1].slice(1, 5)).toEqual(['北沟教学点', '教学点', '小学', 30]);
    expect(rows[1][5]).toContain('不足 50 人');
  });

  it('年度对比 lists the change of every coefficient', () => {
    const rows = rowsOf(wb.getWorksheet('年度对比')!);
    const eq = rows.find((r) => r[0] === '优质均衡' && r[1] === '初中' && r[2] === '生均教学仪器设备值')!;
    const change = comparison.coefficients.find(
      (c) => c.standard === 'quality' && c.stage === 'junior' && c.indicator === 'equipmentPerStudent',
    )!;
    expect(eq[5]).toBe(change.change);
  });

  it('no cell shows a research tag (S-…, impl, unconfirmed): 依据 is the document title', () => {
    const tagged: string[] = [];
    for (const ws of wb.worksheets) {
      for (const row of rowsOf(ws)) {
        for (const v of row) {
          if (typeof v === 'string' && v.match(SOURCE_TAG_PATTERN)) tagged.push(`${ws.name}: ${v}`);
        }
      }
    }
    expect(tagged).toEqual([]);
    const items = rowsOf(wb.getWorksheet('县级指标')!);
    const basis = items[0].indexOf('依据');
    expect(items[1][basis]).toBe('《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）');
  });

  it('prints landscape, fitted to one page wide', () => {
    const ps = wb.getWorksheet('学校达标')!.pageSetup;
    expect(ps.orientation).toBe('landscape');
    expect(ps.fitToWidth).toBe(1);
  });
});

describe('writeResultWorkbook on other kinds of result', () => {
  it('summary detail: no school rows per coefficient, so no audit formulas, still the CVs', async () => {
    const r = evaluate(handMadeCounty(), { detail: 'summary' });
    const wb = await read(await writeResultWorkbook(r));
    const rows = rowsOf(wb.getWorksheet('差异系数')!);
    const row: CoefficientRow = r.quality!.stages[0].coefficients[4];
    const shown = rows.find((x) => x[1] === '优质均衡' && x[2] === '小学' && x[3] === row.name)!;
    expect(shown[10]).toBe(row.cv);
    expect(shown[16]).toBeUndefined();
  });

  it('基本均衡 only: the school sheet says 优质均衡 was not evaluated', async () => {
    const r = evaluate(handMadeCounty(), { standard: 'basic' });
    const wb = await read(await writeResultWorkbook(r));
    expect(rowsOf(wb.getWorksheet('学校达标')!)[0][0]).toContain('未评估优质均衡');
  });
});
