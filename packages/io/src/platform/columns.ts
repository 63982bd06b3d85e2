/**
 * @module Layout of the county workbook — the one table both the template writer and the importer
 * read: sheet names, the columns of 学校基本情况 (one row per school and stage), the rows of
 * 县域信息 and the columns of 县级指标. Change a header here and both sides follow.
 */
import {
  type FacilityField,
  LOCALITY_NAMES,
  type Locality,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGE_NAMES,
  type Stage,
  type TeacherField,
} from '@junheng/core';

export const SHEETS = {
  instructions: '填报说明',
  county: '县域信息',
  schools: '学校基本情况',
  countyItems: '县级指标',
} as const;

/** How a cell is read: text, whole number ≥ 0, number ≥ 0, one of a list, or 是/否. */
export type ColumnType = 'text' | 'int' | 'number' | 'enum' | 'yesno';

/** Where a column's value goes in the model. */
export type ColumnTarget =
  | {
      on: 'school';
      field:
        | 'id'
        | 'name'
        | 'type'
        | 'regionCode'
        | 'locality'
        | 'seniorStudents'
        | 'meetsProvincialStandard';
    }
  | { on: 'stage'; field: 'stage' | 'students' | 'classes' | 'maxClassSize' | TeacherField }
  | { on: 'facility'; field: FacilityField }
  /** 设施口径: not a model field; it decides between School.sharedFacilities and per-stage facilities. */
  | { on: 'scope' };

export interface ColumnSpec {
  /** Header as written in the template: name plus unit, e.g. 在校生数（人）. */
  header: string;
  /** Header without unit: what matching compares with. */
  name: string;
  /** Unit of the values ('' for none): a header that states a unit must state this one (or a synonym). */
  unit: string;
  /** Other names accepted for the header (older templates, common abbreviations). */
  aliases?: readonly string[];
  type: ColumnType;
  target: ColumnTarget;
  /** Chinese names allowed in an enum column. */
  options?: readonly string[];
  /** The column must be present, and the cell filled on every row. */
  required: boolean;
  /** Column width in the template (characters). */
  width: number;
  /** One line for the instructions sheet and the header note. */
  help: string;
}

/** 设施口径 values. */
export const SCOPE_SPLIT = '分学段';
export const SCOPE_WHOLE = '全校合计';
export const YES = '是';
export const NO = '否';

/** Marks the example row of the template: a row whose 学校标识码 starts with this is skipped. */
export const EXAMPLE_MARKER = '示例';

const col = (
  name: string,
  unit: string,
  type: ColumnType,
  target: ColumnTarget,
  help: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({
  header: unit ? `${name}（${unit}）` : name,
  name,
  unit,
  type,
  target,
  required: false,
  width: Math.max(10, Math.ceil((name.length + unit.length + 2) * 1.9)),
  help,
  ...extra,
});

/** Columns of 学校基本情况, in sheet order. */
export const SCHOOL_COLUMNS: readonly ColumnSpec[] = [
  col('学校标识码', '', 'text', { on: 'school', field: 'id' }, '10 位数字，与教育事业统计一致', {
    required: true,
    width: 14,
    aliases: ['学校代码', '标识码'],
  }),
  col('学校名称', '', 'text', { on: 'school', field: 'name' }, '学校全称；同一学校各行须一致', {
    required: true,
    width: 26,
    aliases: ['校名'],
  }),
  col('学校类型', '', 'enum', { on: 'school', field: 'type' }, '从下拉列表选择', {
    required: true,
    width: 18,
    options: Object.values(SCHOOL_TYPE_NAMES),
  }),
  col('学段', '', 'enum', { on: 'stage', field: 'stage' }, '小学或初中；九年一贯制学校填两行', {
    required: true,
    width: 8,
    options: Object.values(STAGE_NAMES),
  }),
  col(
    '行政区划代码',
    '',
    'text',
    { on: 'school', field: 'regionCode' },
    '学校所在县级行政区划代码，6 位数字',
    {
      required: true,
      width: 14,
    },
  ),
  col('城乡类型', '', 'enum', { on: 'school', field: 'locality' }, '城区、镇区或乡村', {
    required: true,
    width: 10,
    options: Object.values(LOCALITY_NAMES),
  }),
  col('在校生数', '人', 'int', { on: 'stage', field: 'students' }, '本学段有学籍的在校生数（学年初）', {
    required: true,
    aliases: ['学生数'],
  }),
  col('班级数', '个', 'int', { on: 'stage', field: 'classes' }, '本学段教学班数'),
  col('最大班额', '人', 'int', { on: 'stage', field: 'maxClassSize' }, '本学段人数最多的一个班的学生数'),
  col('专任教师数', '人', 'int', { on: 'stage', field: 'fullTimeTeachers' }, '按任教学段统计'),
  col(
    '高于规定学历教师数',
    '人',
    'int',
    { on: 'stage', field: 'aboveDegreeTeachers' },
    '小学为专科及以上、初中为本科及以上的专任教师；不多于专任教师数',
  ),
  col(
    '中级及以上职称教师数',
    '人',
    'int',
    { on: 'stage', field: 'midTitleTeachers' },
    '中级及以上专业技术职务的专任教师；不多于专任教师数',
  ),
  col(
    '县级以上骨干教师数',
    '人',
    'int',
    { on: 'stage', field: 'backboneTeachers' },
    '县级及以上认定的骨干教师；不多于专任教师数',
  ),
  col(
    '体育艺术专任教师数',
    '人',
    'int',
    { on: 'stage', field: 'peArtsTeachers' },
    '体育、音乐、美术专任教师；不多于专任教师数',
  ),
  col(
    '设施口径',
    '',
    'enum',
    { on: 'scope' },
    '分学段：每行填本学段设施；全校合计：填全校总数，按学生数分摊。空白按分学段',
    { width: 10, options: [SCOPE_SPLIT, SCOPE_WHOLE] },
  ),
  col(
    '教学及辅助用房面积',
    'm²',
    'number',
    { on: 'facility', field: 'teachingSpace' },
    '普通教室、专用教室、图书室等',
  ),
  col('体育运动场馆面积', 'm²', 'number', { on: 'facility', field: 'sportsSpace' }, '运动场地与室内体育馆'),
  col(
    '教学仪器设备值',
    '元',
    'number',
    { on: 'facility', field: 'equipmentValue' },
    '教学仪器设备资产值（元，不是万元）',
  ),
  col(
    '网络多媒体教室数',
    '间',
    'int',
    { on: 'facility', field: 'multimediaRooms' },
    '能接入网络的多媒体教室',
  ),
  col('计算机台数', '台', 'int', { on: 'facility', field: 'computers' }, '教学用计算机'),
  col('图书册数', '册', 'int', { on: 'facility', field: 'books' }, '纸质图书'),
  col('音乐专用教室数', '间', 'int', { on: 'facility', field: 'musicRooms' }, '音乐专用教室'),
  col('美术专用教室数', '间', 'int', { on: 'facility', field: 'artRooms' }, '美术专用教室'),
  col(
    '高中部在校生数',
    '人',
    'int',
    { on: 'school', field: 'seniorStudents' },
    '仅完全中学、十二年一贯制学校按全校合计填报设施时填写，用于分摊',
  ),
  col(
    '达到省定办学基本标准',
    '',
    'yesno',
    { on: 'school', field: 'meetsProvincialStandard' },
    '是或否（基本均衡前提条件）；空白为未提供',
    { width: 20, options: [YES, NO] },
  ),
];

/** Chinese name → code, with the abbreviations clerks commonly type. */
export const SCHOOL_TYPE_BY_NAME: ReadonlyMap<string, SchoolType> = new Map<string, SchoolType>([
  ...(Object.entries(SCHOOL_TYPE_NAMES) as [SchoolType, string][]).map(
    ([code, name]) => [name, code] as const,
  ),
  ['初中', 'junior'],
  ['九年一贯制', 'nineYear'],
  ['十二年一贯制', 'twelveYear'],
  ['特教学校', 'special'],
  ['职业中学', 'vocational'],
]);

export const STAGE_BY_NAME: ReadonlyMap<string, Stage> = new Map<string, Stage>([
  ['小学', 'primary'],
  ['小学部', 'primary'],
  ['初中', 'junior'],
  ['初中部', 'junior'],
]);

export const LOCALITY_BY_NAME: ReadonlyMap<string, Locality> = new Map<string, Locality>([
  ...(Object.entries(LOCALITY_NAMES) as [Locality, string][]).map(([code, name]) => [name, code] as const),
  ['城市', 'urban'],
  ['镇', 'town'],
  ['农村', 'rural'],
]);

/** Rows of 县域信息: label in column A, value in column B. */
export interface CountyInfoField {
  key: 'province' | 'city' | 'name' | 'code' | 'year';
  label: string;
  required: boolean;
  help: string;
}

export const COUNTY_INFO_FIELDS: readonly CountyInfoField[] = [
  { key: 'province', label: '省', required: false, help: '省（自治区、直辖市）名称，如 河北省' },
  { key: 'city', label: '市', required: false, help: '地级市名称，如 石家庄市' },
  { key: 'name', label: '县名称', required: true, help: '县（市、区）全称，如 某某县' },
  { key: 'code', label: '县级行政区划代码', required: true, help: '6 位数字，如 130123' },
  { key: 'year', label: '学年', required: true, help: '如 2025-2026 或 2025（表示 2025—2026 学年）' },
];

/** Columns of 县级指标 (also the columns of a county-items CSV). */
export const COUNTY_ITEM_COLUMNS = {
  id: { header: '指标编号', width: 20 },
  aspect: { header: '评估方面', width: 22 },
  no: { header: '序号', width: 6 },
  name: { header: '指标内容', width: 60 },
  howTo: { header: '填报方式', width: 40 },
  value: { header: '填报值', width: 12 },
  note: { header: '佐证说明', width: 40 },
} as const;

/** What the 县级指标 value cell says for items computed from school data. */
export const COMPUTED_TEXT = '由学校数据自动计算';
