/**
 * @module The 填报说明 sheet: how to fill in the workbook, then one line per column of
 * 学校基本情况, generated from the column table so the two cannot disagree.
 */
import type ExcelJS from 'exceljs';
import {
  COMPUTED_TEXT,
  type ColumnSpec,
  EXAMPLE_MARKER,
  SCHOOL_COLUMNS,
  SCOPE_SPLIT,
  SCOPE_WHOLE,
  SHEETS,
} from '../../platform/columns.js';
import { HEADER_FONT, styleHeaderRow, THIN_BORDER } from './style.js';

const RULES: readonly string[] = [
  `本工作簿共四张工作表：${SHEETS.instructions}、${SHEETS.county}、${SHEETS.schools}、${SHEETS.countyItems}。请不要修改工作表名称和列名，也不要插入合并单元格。`,
  `${SHEETS.county}：填写县名称、县级行政区划代码（6 位数字）和学年（如 2025-2026，或只填起始年份 2025）；红色项目为必填。`,
  `${SHEETS.schools}：每所学校的每个学段填一行。九年一贯制、十二年一贯制学校分“小学”“初中”各填一行；完全中学只填“初中”一行。学校标识码、学校名称、学校类型、行政区划代码、城乡类型在同一学校的各行必须相同。红色列名为必填。`,
  '单位：面积填平方米（m²），金额填元（不是万元），其余填人数、个数、间数、台数、册数。只填数字，不要带单位；可以带千位分隔符（如 1,234）。人数、间数等必须是整数。',
  '空白表示未填报（数据缺失），系统不会把空白当作 0，评估结果会标为“数据不全”；确实为 0 的请填 0。',
  `设施口径：“${SCOPE_SPLIT}”表示每行填本学段自己的设施；“${SCOPE_WHOLE}”表示设施无法按学段拆分，填全校合计数，系统按学生数分摊到各学段。选“${SCOPE_WHOLE}”时，设施各列可以在该校每一行填相同的合计数，也可以只在其中一行填写、其他行留空；各行数字不一致会报错并指出两行的行号。设施口径留空按“${SCOPE_SPLIT}”处理。`,
  `高中部在校生数：只有完全中学、十二年一贯制学校在选“${SCOPE_WHOLE}”时填写，用于从全校设施中分出高中部分。`,
  '教师各项（高于规定学历、中级及以上职称、县级以上骨干、体育艺术）都是专任教师的一部分，不能多于同一行的专任教师数。教师按任教学段统计。',
  `示例行：${SHEETS.schools}第 2 行是示例，其“学校标识码”为“${EXAMPLE_MARKER}”。凡学校标识码以“${EXAMPLE_MARKER}”开头的行，导入时都会自动跳过；可以直接覆盖或删除该行。`,
  `${SHEETS.countyItems}：比例类指标填百分数，如 96.5 表示 96.5%（也可以填 96.5%）；判断类指标填“是”或“否”；一票否决情形填“是”表示存在该情形，填“否”表示不存在；标为“${COMPUTED_TEXT}”的指标不需要填写。不要修改“指标编号”列。佐证说明写明数据来源或佐证材料。`,
  '评估：junheng evaluate 本文件.xlsx（加 --format xlsx 或 docx 及 --out 生成 Excel 结果或 Word 自评报告）。有错误时会逐条列出工作表、行号、列名、填写的值和修改方法，全部改正后再评估；也可以加 --allow-incomplete 先跳过有错误的行。',
  '也可以把“学校基本情况”另存为 CSV（UTF-8 或 GBK 编码均可）导入，此时县域信息用 --county 文件提供。',
];

const TYPE_TEXT: Record<ColumnSpec['type'], string> = {
  text: '文本',
  int: '整数',
  number: '数值',
  enum: '下拉选择',
  yesno: '是/否',
};

/** Add 填报说明. */
export function addInstructionsSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEETS.instructions);
  ws.columns = [{ width: 30 }, { width: 12 }, { width: 8 }, { width: 80 }];
  const title = ws.addRow(['县域义务教育学校办学条件填报说明']);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, 4);
  RULES.forEach((text, k) => {
    const row = ws.addRow([`${k + 1}. ${text}`]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.alignment = { wrapText: true, vertical: 'top' };
    // Merged cells do not grow with wrapped text: estimate the height (about 60 characters a line).
    row.height = Math.max(1, Math.ceil(text.length / 60)) * 16 + 4;
  });
  ws.addRow([]);
  const heading = ws.addRow([`${SHEETS.schools}各列说明`]);
  heading.font = HEADER_FONT;
  const header = ws.addRow(['列名', '填写方式', '必填', '说明']);
  styleHeaderRow(header, 20);
  for (const spec of SCHOOL_COLUMNS) {
    const how =
      spec.type === 'enum' ? `${TYPE_TEXT.enum}：${spec.options?.join('、')}` : TYPE_TEXT[spec.type];
    const row = ws.addRow([spec.header, how, spec.required ? '是' : '', spec.help]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
  }
}
