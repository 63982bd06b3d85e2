/**
 * @module The published class lists (均衡分班 公示) as .xlsx: one sheet with every class (班级, 序号,
 * 姓名 masked, 性别), one sheet per class, and the balance figures. Masked names only: this is the
 * file that is posted or sent to parents.
 */
import { loadExcel } from '../../platform/excel.js';
import { styleHeaderRow, THIN_BORDER } from '../../reporting/template/style.js';

export interface ClassListsInput {
  schoolName: string;
  year: number;
  gradeLabel: string;
  classes: {
    name: string;
    headTeacher?: string | null;
    students: { no: number; maskedName: string; gender: string }[];
  }[];
  /** Per-class figures of the balance report (optional). */
  figures?: {
    name: string;
    size: number;
    meanScore: number | null;
    male: number;
    female: number;
  }[];
}

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || '班级';
  let k = 2;
  while (used.has(base)) base = `${name.slice(0, 27)}(${k++})`;
  used.add(base);
  return base;
}

export async function writeClassListsWorkbook(input: ClassListsInput): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng';
  const title = `${input.schoolName} ${input.year}年${input.gradeLabel}分班名单（公示）`;
  const used = new Set<string>(['全部班级', '分班统计']);
  const all = wb.addWorksheet('全部班级', { views: [{ state: 'frozen', ySplit: 2 }] });
  all.addRow([title]);
  all.getRow(1).font = { bold: true, size: 14 };
  all.addRow(['班级', '班主任', '序号', '姓名', '性别']);
  styleHeaderRow(all.getRow(2), 20);
  all.columns = [{ width: 18 }, { width: 12 }, { width: 8 }, { width: 12 }, { width: 8 }];
  for (const c of input.classes) {
    for (const s of c.students) all.addRow([c.name, c.headTeacher ?? '', s.no, s.maskedName, s.gender]);
  }
  for (const c of input.classes) {
    const ws = wb.addWorksheet(sheetName(c.name, used));
    ws.addRow([`${c.name}${c.headTeacher ? `　班主任：${c.headTeacher}` : ''}（${c.students.length} 人）`]);
    ws.getRow(1).font = { bold: true, size: 13 };
    ws.addRow(['序号', '姓名', '性别']);
    styleHeaderRow(ws.getRow(2), 20);
    ws.columns = [{ width: 8 }, { width: 14 }, { width: 8 }];
    for (const s of c.students) {
      const row = ws.addRow([s.no, s.maskedName, s.gender]);
      row.eachCell((cell) => {
        cell.border = THIN_BORDER;
      });
    }
  }
  if (input.figures) {
    const ws = wb.addWorksheet('分班统计');
    ws.addRow(['班级', '人数', '平均成绩', '男', '女']);
    styleHeaderRow(ws.getRow(1), 20);
    ws.columns = [{ width: 18 }, { width: 8 }, { width: 12 }, { width: 8 }, { width: 8 }];
    for (const f of input.figures)
      ws.addRow([
        f.name,
        f.size,
        f.meanScore === null ? '' : Math.round(f.meanScore * 100) / 100,
        f.male,
        f.female,
      ]);
  }
  all.addRow([]);
  all.addRow(['姓名已按规定隐去部分字符；如有疑问请向学校咨询。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
