/**
 * @module County items that are computed from school reports, school by school:
 * music/art rooms per 12 classes, school size, class size (优质均衡 government items 3–5) and
 * the provincial basic standard (基本均衡 prerequisite).
 */
import { atMost } from '../compare.js';
import type { CountyDataset } from '../model.js';
import { type CountyInputs, type School, STAGE_NAMES, type Stage } from '../model.js';
import type { CountyItemRule } from '../standards/types.js';
import { judgeCountyItem } from './countyItems.js';
import type { FailingSchool, ItemResult, Status } from './results.js';
import { combineStatus } from './status.js';

interface SchoolCheck {
  status: Status;
  failing?: FailingSchool;
}

/** Schools these items look at: compulsory schools, not special-education or vocational schools. */
const coveredBy = (s: School) => s.type !== 'special' && s.type !== 'vocational';

function sumStages(
  s: School,
  pick: (st: School['stages'][number]) => number | null | undefined,
): number | null {
  let total = 0;
  for (const st of s.stages) {
    const v = pick(st);
    if (v === null || v === undefined) return null;
    total += v;
  }
  return total;
}

function checkMusicArtRooms(s: School, rule: CountyItemRule): SchoolCheck {
  if (s.type === 'teachingPoint') return { status: 'notApplicable' };
  const perRoom = rule.params?.classesPerRoom ?? 12;
  const classes = sumStages(s, (st) => st.classes);
  const music = s.sharedFacilities ? s.sharedFacilities.musicRooms : sumStages(s, (st) => st.musicRooms);
  const art = s.sharedFacilities ? s.sharedFacilities.artRooms : sumStages(s, (st) => st.artRooms);
  if (classes === null || music === null || art === null) {
    return { status: 'incomplete', failing: { id: s.id, name: s.name, detail: '班级数或专用教室数未填报' } };
  }
  const need = Math.ceil(classes / perRoom);
  if (music >= need && art >= need) return { status: 'met' };
  return {
    status: 'unmet',
    failing: {
      id: s.id,
      name: s.name,
      detail: `${classes} 个班应有音乐、美术专用教室各 ${need} 间，现有音乐 ${music} 间、美术 ${art} 间`,
    },
  };
}

function checkSchoolSize(s: School, rule: CountyItemRule): SchoolCheck {
  const students = sumStages(s, (st) => st.students);
  if (students === null)
    return { status: 'incomplete', failing: { id: s.id, name: s.name, detail: '在校生数未填报' } };
  const combined = s.type === 'nineYear' || s.type === 'twelveYear';
  const cap = combined ? (rule.params?.combined ?? 2500) : (rule.params?.single ?? 2000);
  if (students <= cap) return { status: 'met' };
  return {
    status: 'unmet',
    failing: { id: s.id, name: s.name, detail: `义务教育阶段在校生 ${students} 人，超过 ${cap} 人` },
  };
}

function checkClassSize(s: School, rule: CountyItemRule): SchoolCheck[] {
  return s.stages.map((st) => {
    const cap = rule.params?.[st.stage] ?? (st.stage === 'primary' ? 45 : 50);
    if (st.maxClassSize === null) {
      return {
        status: 'incomplete',
        failing: {
          id: s.id,
          name: s.name,
          stage: st.stage,
          detail: `${STAGE_NAMES[st.stage]}最大班额未填报`,
        },
      };
    }
    if (atMost(st.maxClassSize, cap)) return { status: 'met' };
    return {
      status: 'unmet',
      failing: {
        id: s.id,
        name: s.name,
        stage: st.stage as Stage,
        detail: `${STAGE_NAMES[st.stage]}最大班额 ${st.maxClassSize} 人，超过 ${cap} 人`,
      },
    };
  });
}

function checkProvincialStandard(s: School): SchoolCheck {
  const v = s.meetsProvincialStandard ?? null;
  if (v === null)
    return {
      status: 'incomplete',
      failing: { id: s.id, name: s.name, detail: '未填报是否达到省定办学基本标准' },
    };
  return v
    ? { status: 'met' }
    : { status: 'unmet', failing: { id: s.id, name: s.name, detail: '未达到省定义务教育学校办学基本标准' } };
}

const CHECKS: Record<
  NonNullable<CountyItemRule['schoolRule']>,
  (s: School, r: CountyItemRule) => SchoolCheck[]
> = {
  musicArtRooms: (s, r) => [checkMusicArtRooms(s, r)],
  schoolSize: (s, r) => [checkSchoolSize(s, r)],
  classSize: checkClassSize,
  provincialStandard: (s) => [checkProvincialStandard(s)],
};

/**
 * Judge a 'schools' item over every covered school.
 * The 基本均衡 prerequisite falls back to the county file when no school reports it.
 */
export function judgeSchoolsItem(rule: CountyItemRule, schools: School[], inputs?: CountyInputs): ItemResult {
  const check = CHECKS[rule.schoolRule!];
  if (
    rule.schoolRule === 'provincialStandard' &&
    schools.every((s) => (s.meetsProvincialStandard ?? null) === null) &&
    typeof inputs?.[rule.id]?.value === 'boolean'
  ) {
    return judgeCountyItem({ ...rule, kind: 'judgment' }, inputs);
  }
  const statuses: Status[] = [];
  const failing: FailingSchool[] = [];
  const unknown: FailingSchool[] = [];
  let checked = 0;
  for (const s of schools) {
    if (!coveredBy(s)) continue;
    for (const c of check(s, rule)) {
      if (c.status === 'notApplicable') continue;
      checked++;
      statuses.push(c.status);
      if (c.status === 'unmet') failing.push(c.failing!);
      if (c.status === 'incomplete') unknown.push(c.failing!);
    }
  }
  const status = combineStatus(statuses);
  const reason =
    status === 'notApplicable'
      ? '无适用学校'
      : failing.length > 0
        ? `${failing.length} 处不符合：${failing
            .slice(0, 3)
            .map((f) => f.name)
            .join('、')}${failing.length > 3 ? ' 等' : ''}`
        : unknown.length > 0
          ? `${unknown.length} 处数据未填报`
          : `${checked} 项检查全部符合`;
  return {
    id: rule.id,
    no: rule.no,
    name: rule.name,
    kind: 'schools',
    value: failing.length,
    display: status === 'met' ? '全部符合' : status === 'unmet' ? `${failing.length} 处不符合` : reason,
    status,
    reason,
    failingSchools: [...failing, ...unknown],
    source: rule.source,
  };
}

/** Judge every county-level item of a table, from school data or from the county inputs by kind. */
export function judgeItems(ds: CountyDataset, rules: Record<string, CountyItemRule>): ItemResult[] {
  return Object.values(rules).map((rule) =>
    rule.kind === 'schools'
      ? judgeSchoolsItem(rule, ds.schools, ds.countyInputs)
      : judgeCountyItem(rule, ds.countyInputs),
  );
}
