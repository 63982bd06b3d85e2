/**
 * @module The columns of the 招生申请 workbook and what the template, the import and the export
 * share about a round: the sheet name, the round's schools and categories, and each column's
 * header, width and note. One list, so the three always agree on the columns.
 */
import {
  type AdmissionCategory,
  type ApplicantFields,
  SPECIAL_NEEDS,
  SPECIAL_NEEDS_NAMES,
} from '@junheng/core';

/** The data sheet's name. */
export const APPLICANT_SHEET = '申请人';

/** A school of the round, as the template lists it. */
export interface ApplicantSchoolOption {
  id: string;
  name: string;
  places?: number;
}

/** What the template and the import need to know about the round. */
export interface ApplicantWorkbookContext {
  title?: string;
  schools: readonly ApplicantSchoolOption[];
  categories: readonly AdmissionCategory[];
}

export type ColumnKey =
  | Exclude<keyof ApplicantFields, 'choices' | 'specialNeedsNote'>
  | 'choice1'
  | 'choice2'
  | 'choice3';

interface Column {
  key: ColumnKey;
  header: string;
  required: boolean;
  width: number;
  note: string;
}

/** The columns of 申请人, in order. */
export const APPLICANT_TEMPLATE_COLUMNS: readonly Column[] = [
  { key: 'name', header: '姓名', required: true, width: 10, note: '儿童姓名，与户口簿一致' },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    width: 22,
    note: '18 位公民身份号码（末位 X 大写小写均可）；单元格已设为文本，请不要改成数值',
  },
  {
    key: 'gender',
    header: '性别',
    required: false,
    width: 6,
    note: '男/女；可不填，由身份证号判断；填写时须与身份证号一致',
  },
  { key: 'guardianName', header: '监护人', required: true, width: 10, note: '父母或其他法定监护人姓名' },
  {
    key: 'phone',
    header: '联系电话',
    required: true,
    width: 14,
    note: '监护人手机号码（11 位）或带区号的固定电话',
  },
  { key: 'address', header: '居住地址', required: false, width: 28, note: '实际居住地址（可不填）' },
  {
    key: 'areaName',
    header: '居住小区/村',
    required: false,
    width: 14,
    note: '居住的小区或村名，用于核对划片',
  },
  {
    key: 'zoneSchoolId',
    header: '划片学校（标识码或名称）',
    required: false,
    width: 24,
    note: '本轮招生学校的 10 位学校标识码或全称（下拉选择）；不在任何片区的留空，由教育局统筹安排',
  },
  {
    key: 'category',
    header: '类别',
    required: true,
    width: 16,
    note: '本轮的招生类别（下拉选择），决定本片区内的录取顺序',
  },
  {
    key: 'migrantEligible',
    header: '随迁子女条件是否满足',
    required: false,
    width: 12,
    note: '是/否；只有随迁子女类别可填“是”，满足条件的保障安排公办学位；空白按“否”',
  },
  {
    key: 'specialNeeds',
    header: '特殊需要',
    required: false,
    width: 12,
    note: `${SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]).join('/')}；没有特殊需要的留空`,
  },
  {
    key: 'siblingAtSchool',
    header: '同校兄弟姐妹',
    required: false,
    width: 10,
    note: '是/否：哥哥姐姐正在划片学校就读；空白按“否”',
  },
  {
    key: 'familyKey',
    header: '多胞胎/同户编号',
    required: false,
    width: 12,
    note: '同一家庭一起报名的多胞胎、兄弟姐妹填同一个编号（如 T01），派位时作为一个整体，一起录取或一起不录取；其余留空',
  },
  {
    key: 'choice1',
    header: '志愿学校1',
    required: false,
    width: 20,
    note: '本片区学校录满时希望统筹安排的学校（标识码或名称），可不填',
  },
  { key: 'choice2', header: '志愿学校2', required: false, width: 20, note: '第二志愿，可不填' },
  { key: 'choice3', header: '志愿学校3', required: false, width: 20, note: '第三志愿，可不填' },
];
