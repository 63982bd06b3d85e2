/**
 * @module The annual report form of one school stage (数据填报): its fields in sections, and the
 * checks a draft and a submission must pass. The server checks with these and the web form shows
 * the same messages inline, so a clerk reads one wording everywhere.
 */
import { FACILITY_FIELDS } from '../model.js';
import {
  FACILITY_INFO,
  type FieldInfo,
  STAGE_NUMBER_FIELDS,
  type StageNumberField,
  TEACHER_SUBSETS,
} from './fields.js';
import { checkNumber, checkTeacherSubset } from './rules.js';

export type ReportSection = '学生与班级' | '教师' | '校舍与场地' | '装备与图书';
export const REPORT_SECTIONS: readonly ReportSection[] = ['学生与班级', '教师', '校舍与场地', '装备与图书'];

export interface ReportField extends FieldInfo {
  key: string;
  section: ReportSection;
  /** Must be filled before the report can be submitted (facilities may be reported for the whole school instead). */
  requiredOnSubmit: boolean;
}

const SECTION_OF: Record<string, ReportSection> = {
  students: '学生与班级',
  classes: '学生与班级',
  maxClassSize: '学生与班级',
  fullTimeTeachers: '教师',
  aboveDegreeTeachers: '教师',
  midTitleTeachers: '教师',
  backboneTeachers: '教师',
  peArtsTeachers: '教师',
  teachingSpace: '校舍与场地',
  sportsSpace: '校舍与场地',
};

/** Every field of the form, in the order shown. */
export const REPORT_FIELDS: readonly ReportField[] = [
  ...(Object.entries(STAGE_NUMBER_FIELDS) as [StageNumberField, FieldInfo][]).map(([key, info]) => ({
    key,
    ...info,
    section: SECTION_OF[key],
    requiredOnSubmit: true,
  })),
  ...FACILITY_FIELDS.map((key) => ({
    key,
    ...FACILITY_INFO[key],
    section: SECTION_OF[key] ?? '装备与图书',
    requiredOnSubmit: false,
  })),
];

const FIELD_BY_KEY = new Map(REPORT_FIELDS.map((f) => [f.key, f]));

/** The form field of a data key, if it is one. */
export function reportField(key: string): ReportField | undefined {
  return FIELD_BY_KEY.get(key);
}

export interface ReportDataIssue {
  /** The field's key ('' for the report as a whole). */
  field: string;
  /** What is wrong and how to fix it, with the field's name. */
  message: string;
}

/**
 * Checks a report's data: known fields only, each a non-negative number (whole for counts) up to
 * its plausible bound (FieldInfo.max) or null (未填报); teacher sub-kinds not above 专任教师; 班级数 and 最大班额 not above 在校生数, and
 * not 0 班 for a stage with students; for submission, every required field filled.
 * @param data field → value, as the form sends it
 * @param forSubmit also require the fields a submission needs
 * @returns every problem found (empty when the data is acceptable)
 */
export function checkReportData(data: Record<string, unknown>, forSubmit: boolean): ReportDataIssue[] {
  const issues: ReportDataIssue[] = [];
  const invalid = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    const field = FIELD_BY_KEY.get(key);
    const wrong = field ? checkNumber(value, field) : undefined;
    if (!field) issues.push({ field: key, message: `没有“${key}”这一填报项：请只填写表中列出的项目` });
    else if (wrong) issues.push({ field: key, message: `${field.label}${wrong}` });
    if (!field || wrong) invalid.add(key);
  }
  // Cross-field checks only between values that are themselves valid.
  const num = (key: string): number | null =>
    !invalid.has(key) && typeof data[key] === 'number' ? (data[key] as number) : null;
  const fullTime = num('fullTimeTeachers');
  for (const key of TEACHER_SUBSETS) {
    const wrong = checkTeacherSubset(num(key), fullTime);
    if (wrong) issues.push({ field: key, message: `${STAGE_NUMBER_FIELDS[key].label}${wrong}` });
  }
  const students = num('students');
  for (const key of ['classes', 'maxClassSize'] as const) {
    const v = num(key);
    if (v !== null && students !== null && v > students) {
      issues.push({
        field: key,
        message: `${STAGE_NUMBER_FIELDS[key].label}（${v}）不能多于在校生数（${students} 人）：请核对两项数字`,
      });
    }
  }
  if (students !== null && students > 0 && num('classes') === 0) {
    issues.push({
      field: 'classes',
      message: `有在校生（${students} 人）时班级数不能为 0：请填写实际班级数`,
    });
  }
  if (forSubmit) {
    for (const f of REPORT_FIELDS) {
      if (f.requiredOnSubmit && !invalid.has(f.key) && (data[f.key] === null || data[f.key] === undefined)) {
        issues.push({ field: f.key, message: `提交前请填写${f.label}（${f.unit}）` });
      }
    }
  }
  return issues;
}
