/**
 * @module What the reports say, in one place: the 学年 label, the description of the rules used,
 * aggregated shortfalls, and the generated sentences of 存在问题 / 整改建议 / 年度对比.
 * The Excel workbook, the Word report and the terminal output all read from here, so a sentence
 * is worded once and the three never disagree.
 */
import {
  type ApportionMethod,
  COMPARISON_WORDS,
  type CoefficientRow,
  type EvaluationResult,
  type FailingSchool,
  fmtBeside,
  fmtCv,
  fmtNumber,
  fmtQuantity,
  hidesBoundary,
  INDICATORS,
  type IndicatorId,
  type ItemResult,
  type QualityResult,
  SCHOOL_TYPE_NAMES,
  type SchoolCompliance,
  type SchoolType,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  type Stage,
  type StandardKey,
  type Status,
  shortfallText,
  showItemValue,
  type YearOverYear,
} from '@junheng/core';

/** Options of both report writers. */
export interface ReportOptions {
  /** Year-over-year comparison (compareYears(previous, current)); adds a 年度对比 part. */
  comparison?: YearOverYear;
}

// ---------------------------------------------------------------------------------------------
// Labels

/** The 学年 a result is for: 2025 → "2025—2026学年" (学年 starts in autumn of `year`). */
export function schoolYearLabel(year: number): string {
  return `${year}—${year + 1}学年`;
}

/** Short names of the two standards, as tables and sentences use them. */
export const STANDARD_NAMES: Record<StandardKey, string> = { basic: '基本均衡', quality: '优质均衡' };

/** How whole-school facilities of 一贯制 / 完全中学 were split between stages (spec §e.2). */
export const APPORTION_NAMES: Record<ApportionMethod, string> = {
  simple: '按各学段在校生数比例分摊',
  weighted: '按学段加权在校生数比例分摊',
};

/** What one indicator of one school is, in a word (the 学校达标 tables). */
export const INDICATOR_MARKS: Record<SchoolCompliance['indicators'][number]['status'], string> = {
  met: '达标',
  floor: '达85%',
  belowFloor: '低于85%',
  missing: '未填报',
};

/**
 * "A、B、C 等 12 所" — a list that stays readable when it is long.
 * @param separator "、" between names; "；" between entries that contain commas themselves
 */
export function listNames(names: readonly string[], max = 10, measure = '所', separator = '、'): string {
  if (names.length <= max) return names.join(separator);
  return `${names.slice(0, max).join(separator)} 等 ${names.length} ${measure}`;
}

/** 1 → 一 … 10 → 十, 11 → 十一: numbering of Chinese section headings. */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : digits[n];
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
}

/** A change of a coefficient with its sign: "+0.043", "-0.012"; "—" when unknown. */
export function fmtCvChange(change: number | null): string {
  if (change === null) return '—';
  return `${change < 0 ? '-' : '+'}${fmtCv(Math.abs(change))}`;
}

/** The requirement of a county-level item as a reader sees it: "≥ 95.00%", "是", "所有学校均符合". */
export function itemRequirement(item: ItemResult): string {
  if (item.kind === 'judgment') return '是';
  if (item.kind === 'schools') return '所有学校均符合';
  if (item.threshold === undefined || item.compare === undefined) return '所有学校均达到要求';
  return `${COMPARISON_WORDS[item.compare]} ${showItemValue(item.unit, item.threshold)}`;
}

/** "XX小学：小学最大班额 52 人，超过 45 人" */
export function failingSchoolText(f: FailingSchool): string {
  return `${f.name}：${f.detail}`;
}

/** Per-school values with the decimals of the catalogue. */
export function fmtIndicatorValue(indicator: IndicatorId, value: number | null): string {
  return fmtNumber(value, INDICATORS[indicator].decimals);
}

/**
 * A per-school value shown next to its requirement. When rounding would make a shortfall look
 * like the requirement itself (2.2996 shown as "2.30" against 2.3), more decimals are shown
 * until the difference is visible (spec §e.4).
 */
export function fmtAgainst(indicator: IndicatorId, value: number | null, requirement: number): string {
  return fmtBeside(value, requirement, INDICATORS[indicator].decimals);
}

// ---------------------------------------------------------------------------------------------
// Rules used

/**
 * Which tables produced the result: the two documents, the provincial override file and every
 * value it changed, and how shared facilities were apportioned. One line each.
 */
export function rulesDescription(result: EvaluationResult): string[] {
  const r = result.rules;
  const lines: string[] = [];
  if (result.basic) lines.push(`基本均衡：${r.basic.document}`);
  if (result.quality) lines.push(`优质均衡：${r.quality.document}`);
  if (r.overrides.length === 0) {
    lines.push('省级调整：未使用，全部采用国家标准默认值');
  } else {
    const name = r.overrideName ?? '省级调整文件';
    lines.push(
      `省级调整：${name}${r.overrideSource ? `（${r.overrideSource}）` : ''}，共调整 ${r.overrides.length} 处`,
    );
    for (const o of r.overrides)
      lines.push(`　${o.path}：${JSON.stringify(o.from)} → ${JSON.stringify(o.to)}`);
  }
  lines.push(...apportionLines(result));
  return lines;
}

/**
 * How shared facilities were split, per standard evaluated: one line when the standards agree,
 * else one for each (a province may override one standard's method only).
 */
function apportionLines(result: EvaluationResult): string[] {
  const keys = (['basic', 'quality'] as const).filter((k) => result[k] !== undefined);
  // A result saved before the method was reported per standard has one, for both, at rules.
  const saved = (result.rules as { apportionMethod?: ApportionMethod }).apportionMethod;
  const methods = keys
    .map((k) => result.rules[k].apportionMethod ?? saved)
    .filter((m): m is ApportionMethod => m !== undefined);
  const head = '一贯制学校、完全中学共用设施';
  if (methods.length < keys.length || methods.length === 0) return [];
  if (methods.every((m) => m === methods[0])) return [`${head}：${APPORTION_NAMES[methods[0]!]}`];
  return keys.map((k, i) => `${head}（${STANDARD_NAMES[k]}）：${APPORTION_NAMES[methods[i]!]}`);
}

// ---------------------------------------------------------------------------------------------
// County overview (一、基本情况)

export interface StageOverview {
  stage: Stage;
  /** Schools (or stage parts of 一贯制 schools) counted in the school-level evaluation. */
  counted: number;
  /** 在校生数 of the counted parts. */
  students: number;
  /** Parts left out of the school-level evaluation (教学点 < 50, 特教, …). */
  excluded: number;
  excludedStudents: number;
}

export interface CountyOverview {
  stages: StageOverview[];
  /** Distinct schools seen in the result, by type (counted and excluded). */
  byType: { type: SchoolType; count: number }[];
  totalSchools: number;
  /**
   * False when the result was computed in summary detail (passing schools not listed), so
   * `byType` and `totalSchools` cover only the schools the result names.
   */
  complete: boolean;
}

/** Counts of schools by type and stage and of students, from what the result records. */
export function countyOverview(result: EvaluationResult): CountyOverview {
  const types = new Map<string, SchoolType>();
  for (const s of result.quality?.schools ?? []) types.set(s.schoolId, s.type);
  for (const e of result.excluded) types.set(e.schoolId, e.type);
  // Basic-only results name counted schools in the coefficient rows, without their type.
  const untyped = new Set<string>();
  for (const st of result.basic?.stages ?? []) {
    for (const c of st.coefficients) for (const s of c.schools) if (!types.has(s.id)) untyped.add(s.id);
  }
  const stageSource = result.quality?.stages ?? result.basic?.stages ?? [];
  const stages: StageOverview[] = STAGES.map((stage) => {
    const s = stageSource.find((x) => x.stage === stage);
    const ex = result.excluded.filter((e) => e.stage === stage);
    return {
      stage,
      counted: s?.schoolCount ?? 0,
      students: s?.studentCount ?? 0,
      excluded: ex.length,
      excludedStudents: ex.reduce((n, e) => n + (e.students ?? 0), 0),
    };
  });
  const counts = new Map<SchoolType, number>();
  for (const t of types.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
  const order = Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[];
  const byType = order.filter((t) => counts.has(t)).map((t) => ({ type: t, count: counts.get(t)! }));
  // In summary detail passing schools are not listed, so the counts by type would be short.
  const listed = (stage: Stage) => result.quality?.schools.filter((s) => s.stage === stage).length ?? 0;
  const complete = result.quality
    ? result.quality.stages.every((s) => listed(s.stage) === s.schoolCount)
    : (result.basic?.stages ?? []).every((st) => st.coefficients.every((c) => c.schools.length === c.n));
  return { stages, byType, totalSchools: types.size + untyped.size, complete };
}

/**
 * The opening of 一、基本情况: schools by type, counted schools and students by stage, how many
 * were left out.
 */
export function overviewSentences(result: EvaluationResult): string[] {
  const o = countyOverview(result);
  const out: string[] = [];
  const year = schoolYearLabel(result.year);
  if (o.byType.length > 0 && o.complete) {
    const types = o.byType.map((t) => `${SCHOOL_TYPE_NAMES[t.type]} ${t.count} 所`).join('、');
    out.push(`${result.county.name}${year}共有义务教育学校 ${o.totalSchools} 所，其中${types}。`);
  } else {
    out.push(`${result.county.name}${year}参加评估的义务教育学校情况如下。`);
  }
  const stages = o.stages
    .filter((s) => s.counted > 0)
    .map((s) => `${STAGE_NAMES[s.stage]} ${s.counted} 所（部），在校生 ${fmtQuantity(s.students)} 人`);
  if (stages.length > 0)
    out.push(`纳入校际指标评估的${stages.join('；')}（九年一贯制等学校按学段分别计入）。`);
  const excluded = o.stages.reduce((n, s) => n + s.excluded, 0);
  if (excluded > 0) {
    const students = o.stages.reduce((n, s) => n + s.excludedStudents, 0);
    out.push(
      `另有 ${excluded} 所（部）学校、在校生 ${fmtQuantity(students)} 人按规定未纳入校际指标评估，原因见下表。`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shortfalls and plans

/** Everything a school lacks, one phrase per indicator: ["缺 312 m² 教学及辅助用房", …]. */
export function schoolShortfalls(s: SchoolCompliance): string[] {
  return s.indicators.filter((i) => i.shortfall !== null).map((i) => shortfallText(i.shortfall!));
}

/** The minimum plan of a school as one sentence: "补足教学及辅助用房 312 m²；补足体育艺术专任教师 2 名". */
export function schoolPlanText(s: SchoolCompliance): string {
  return s.plan.map((p) => p.text).join('；');
}

/**
 * Each indicator a school falls short on, with value, requirement and what is missing:
 * "生均教学及辅助用房面积 3.80 m²（要求 4.5，低于 85%），缺 312 m²"; missing values as 未填报.
 */
export function indicatorGaps(s: SchoolCompliance): string[] {
  const out: string[] = [];
  for (const i of s.indicators) {
    if (i.status === 'missing') out.push(`${i.name}：未填报`);
    if (i.shortfall === null) continue;
    const level = i.status === 'belowFloor' ? '低于 85%' : '不低于 85%';
    const value = fmtAgainst(i.indicator, i.value, i.requirement);
    out.push(
      `${i.name} ${value} ${i.unit}（要求 ${i.requirement}，${level}），缺 ${fmtQuantity(i.shortfall.toRequirement)} ${i.shortfall.unit}`,
    );
  }
  return out;
}

/** How much of one resource the county must add. */
export interface ResourceNeed {
  indicator: IndicatorId;
  resourceName: string;
  unit: string;
  /** Sum of the minimum plans: what makes every failing school meet the 6-of-7 rule. */
  minimum: number;
  /** Schools (stage parts) whose minimum plan includes this resource. */
  minimumSchools: number;
  /**
   * Sum of the shortfalls to the full requirement, over every school below it (passing ones too;
   * a result in summary detail lists only failing schools, so there it covers those only).
   */
  full: number;
  /** Schools (stage parts) below the full requirement of this indicator. */
  fullSchools: number;
}

/**
 * County totals of the shortfalls by resource, in the order of the standard's indicators.
 * Both stages add up: a m² or a teacher is the same unit in 小学 and 初中.
 * Only resources with some need are returned.
 */
export function resourceNeeds(quality: QualityResult): ResourceNeed[] {
  const byIndicator = new Map<IndicatorId, ResourceNeed>();
  const need = (id: IndicatorId, resourceName: string, unit: string): ResourceNeed => {
    let n = byIndicator.get(id);
    if (!n) {
      n = { indicator: id, resourceName, unit, minimum: 0, minimumSchools: 0, full: 0, fullSchools: 0 };
      byIndicator.set(id, n);
    }
    return n;
  };
  for (const s of quality.schools) {
    for (const i of s.indicators) {
      if (i.shortfall === null || i.shortfall.toRequirement <= 0) continue;
      const n = need(i.indicator, i.shortfall.resourceName, i.shortfall.unit);
      n.full += i.shortfall.toRequirement;
      n.fullSchools++;
    }
    for (const p of s.plan) {
      const n = need(p.indicator, p.resourceName, p.unit);
      n.minimum += p.add;
      n.minimumSchools++;
    }
  }
  const order = quality.stages[0]?.coefficients.map((c) => c.indicator) ?? [];
  return [...byIndicator.values()].sort((a, b) => order.indexOf(a.indicator) - order.indexOf(b.indicator));
}

/** "教学及辅助用房 12,340 m²，体育艺术专任教师 23 名" for the minimum or the full totals. */
export function resourceNeedsText(needs: readonly ResourceNeed[], which: 'minimum' | 'full'): string {
  return needs
    .filter((n) => n[which] > 0)
    .map((n) => `${n.resourceName} ${fmtQuantity(n[which])} ${n.unit}`)
    .join('，');
}

/** Schools (stage parts) not meeting the per-school rule, and those whose data are incomplete. */
export function schoolsNotMet(quality: QualityResult): SchoolCompliance[] {
  return quality.schools.filter((s) => s.status === 'unmet' || s.status === 'incomplete');
}

/** "XX学校（初中部）" for a 九年/十二年一贯制 school, which appears once per stage; else the name. */
export function schoolLabel(s: { name: string; stage: Stage; type: SchoolType }): string {
  const multiStage = s.type === 'nineYear' || s.type === 'twelveYear';
  return multiStage ? `${s.name}（${STAGE_NAMES[s.stage]}部）` : s.name;
}

// ---------------------------------------------------------------------------------------------
// 存在问题

/** One generated sentence, with the part of the evaluation it is about. */
export interface Finding {
  /** 资源配置, 政府保障程度, 基本均衡, 数据完整性, … */
  area: string;
  text: string;
}

const cvShown = (c: CoefficientRow) =>
  c.cv !== null && c.threshold !== null && hidesBoundary(c.cv, c.threshold, 3)
    ? `${fmtCv(c.cv)}（未经四舍五入为 ${fmtNumber(c.cv, 6)}）`
    : fmtCv(c.cv);

function coefficientProblems(quality: QualityResult): Finding[] {
  const out: Finding[] = [];
  for (const st of quality.stages) {
    const over = st.coefficients.filter((c) => c.status === 'unmet');
    if (over.length === 0) continue;
    const threshold = over[0].threshold!;
    out.push({
      area: '资源配置',
      text:
        `${STAGE_NAMES[st.stage]}有 ${over.length} 项指标校际差异系数高于 ${fmtNumber(threshold, 2)}：` +
        `${over.map((c) => `${c.name} ${cvShown(c)}`).join('，')}。`,
    });
  }
  return out;
}

/** Which indicators the failing schools lack most often: "体育艺术专任教师（4 所）、…". */
function commonGaps(schools: readonly SchoolCompliance[]): string {
  const counts = new Map<string, number>();
  for (const s of schools) {
    for (const i of s.indicators) {
      if (i.status === 'floor' || i.status === 'belowFloor')
        counts.set(i.name, (counts.get(i.name) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, n]) => `${name}（${n} 所）`)
    .join('、');
}

/**
 * "河西村小学（7 项中 5 项达到要求）", and when the school fails only because of the 85% floor,
 * "第二中学（7 项中 6 项达到要求，1 项低于要求的 85%）".
 */
function schoolVerdictText(s: SchoolCompliance): string {
  const below = s.indicators.filter((i) => i.status === 'belowFloor').length;
  const floor = below > 0 ? `，${below} 项低于要求的 85%` : '';
  return `${schoolLabel(s)}（${s.indicators.length} 项中 ${s.metCount} 项达到要求${floor}）`;
}

function schoolProblems(quality: QualityResult): Finding[] {
  const out: Finding[] = [];
  for (const st of quality.stages) {
    const failing = quality.schools.filter((s) => s.stage === st.stage && s.status === 'unmet');
    if (failing.length === 0) continue;
    const names = failing.map(schoolVerdictText);
    out.push({
      area: '资源配置',
      text:
        `${STAGE_NAMES[st.stage]} ${st.schoolCount} 所学校中有 ${failing.length} 所未达到“至少 6 项指标达到要求、` +
        `其余不低于要求的 85%”的规定：${listNames(names)}；短板主要是${commonGaps(failing)}。`,
    });
  }
  return out;
}

/**
 * The schools that fail a 'schools' item. `failingSchools` lists them first and then the schools
 * whose data are missing; `value` is the number that fail.
 */
function failingOf(item: ItemResult): FailingSchool[] {
  if (item.status !== 'unmet' || typeof item.value !== 'number') return [];
  return (item.failingSchools ?? []).slice(0, item.value);
}

function itemProblem(area: string, item: ItemResult): Finding {
  const schools = failingOf(item);
  // A 'schools' item names its schools with what is wrong there; the others have their reason.
  if (schools.length > 0) {
    const list = listNames(schools.map(failingSchoolText), 5, '处', '；');
    return { area, text: `“${item.name}”未达到要求，${item.display}：${list}。` };
  }
  if (item.kind === 'threshold') {
    return { area, text: `“${item.name}”未达到要求：现为 ${item.display}，要求 ${itemRequirement(item)}。` };
  }
  return { area, text: `“${item.name}”${item.reason}。` };
}

function countyItemProblems(result: EvaluationResult): Finding[] {
  const out: Finding[] = [];
  for (const a of result.quality?.aspects ?? []) {
    // 资源配置 is told by the coefficient and school sentences above.
    if (a.key === 'resources') continue;
    for (const i of a.items) if (i.status === 'unmet') out.push(itemProblem(a.name, i));
  }
  for (const v of result.quality?.vetoes ?? []) {
    if (v.status === 'unmet') out.push({ area: '一票否决', text: `存在“${v.name}”情形，属一票否决项。` });
  }
  return out;
}

function basicProblems(result: EvaluationResult): Finding[] {
  const basic = result.basic;
  if (!basic) return [];
  const out: Finding[] = [];
  for (const st of basic.stages) {
    if (st.composite.status !== 'unmet') continue;
    const worst = [...st.coefficients]
      .filter((c) => c.cv !== null)
      .sort((a, b) => b.cv! - a.cv!)
      .slice(0, 3);
    out.push({
      area: '基本均衡',
      text:
        `${STAGE_NAMES[st.stage]}综合差异系数为 ${fmtCv(st.composite.value)}，高于 ${fmtNumber(st.composite.threshold, 2)}；` +
        `差异最大的是${worst.map((c) => `${c.name}（${fmtCv(c.cv)}）`).join('、')}。`,
    });
  }
  for (const i of basic.items) if (i.status === 'unmet') out.push(itemProblem('基本均衡', i));
  return out;
}

/** Everything whose data are missing, as sentences: county inputs, schools, data issues. */
function dataProblems(result: EvaluationResult): Finding[] {
  const out: Finding[] = [];
  const items = [
    ...(result.quality?.aspects.flatMap((a) => a.items) ?? []),
    ...(result.basic?.items ?? []),
  ].filter((i) => i.status === 'incomplete' && i.kind !== 'resources');
  const vetoes = result.quality?.vetoes.filter((v) => v.status === 'incomplete') ?? [];
  const names = [...items.map((i) => i.name), ...vetoes.map((v) => `否决项“${v.name}”`)];
  if (names.length > 0) {
    out.push({
      area: '数据完整性',
      text: `${names.length} 项县级指标数据未提供或不完整：${listNames(names, 6, '项')}，相关结论暂为“数据不全”。`,
    });
  }
  const schools = result.quality ? result.quality.schools.filter((s) => s.status === 'incomplete') : [];
  if (schools.length > 0) {
    out.push({
      area: '数据完整性',
      text: `${schools.length} 所学校（部）资源配置数据未填报完整，无法判定是否达标：${listNames(schools.map(schoolLabel))}。`,
    });
  }
  if (result.issues.length > 0) {
    const involved = new Set(result.issues.map((i) => i.schoolId)).size;
    out.push({
      area: '数据完整性',
      text: `学校填报数据有 ${result.issues.length} 处问题，涉及 ${involved} 所学校，差异系数在数据补齐前仅供参考。`,
    });
  }
  return out;
}

/**
 * 存在问题: concrete sentences, with figures and school names, from everything that is not met
 * and everything whose data are missing. Empty when nothing needs attention.
 */
export function findProblems(result: EvaluationResult): Finding[] {
  return [
    ...(result.quality ? coefficientProblems(result.quality) : []),
    ...(result.quality ? schoolProblems(result.quality) : []),
    ...countyItemProblems(result),
    ...basicProblems(result),
    ...dataProblems(result),
  ];
}

// ---------------------------------------------------------------------------------------------
// 整改建议

/** What to do about each county item, by item id of the standard tables. */
const ITEM_ADVICE: Record<string, string> = {
  layout: '修订县域中小学校布局规划，按人口变化和城镇化趋势调整学校布点，报县政府批准后实施',
  unifiedStandards:
    '由县政府出台文件，统一城乡学校建设标准、教师编制标准、生均公用经费基准定额和基本装备配置标准',
  musicArtRooms: '按每 12 个班各 1 间的标准改建或新建音乐、美术专用教室，并配齐器材',
  schoolSize: '通过新建、扩建学校和调整招生片区分流学生，将超规模学校控制在规定规模以内',
  classSize: '通过增设班级、新建扩建校舍和调整招生计划消除超标班额，新生入学时严格按标准编班',
  smallSchoolFunding: '对不足 100 名学生的村小学和教学点按 100 名学生核定并足额拨付公用经费',
  specialEdFunding: '提高特殊教育学校生均公用经费标准，列入县级财政预算并足额拨付',
  teacherPay: '落实教师平均工资收入不低于当地公务员的要求，足额核定绩效工资总量，建立联动增长机制',
  teacherTraining: '建立教师培训学时台账，对未完成 5 年 360 学时的教师制定补训计划并限期完成',
  staffing: '由县级教育行政部门在编制总额和岗位总量内统筹分配各校编制和岗位，向农村学校倾斜',
  rotation: '制定年度交流轮岗计划，按不低于符合条件教师 10% 的比例组织交流',
  rotationBackbone: '在交流轮岗中提高骨干教师比例，确保不低于交流总数的 20%，优先派往薄弱学校',
  certification: '对未持证专任教师限期取得教师资格证，逾期未取得的调整岗位，新进教师一律持证上岗',
  nearbyPrimary: '严格执行城区和镇区公办小学划片就近入学，清理跨片区招生',
  nearbyJunior: '规范城区和镇区公办初中招生，严格按片区就近入学，清理跨片区招生',
  highSchoolQuota: '提高优质高中招生名额分配到初中的比例至 50% 以上，并向农村初中倾斜',
  migrantChildren: '扩大公办学校学位供给，通过政府购买服务安排随迁子女就读，健全留守儿童关爱体系',
  retention: '落实控辍保学责任，建立辍学学生动态监测和劝返复学机制，提高初中三年巩固率',
  disabledEnrolment: '通过随班就读、特教学校就读和送教上门，做到适龄残疾儿童少年“一人一案”应入尽入',
  charter: '指导每所学校制定章程，推进学校管理与教学信息化',
  trainingBudget: '督促各校按不低于年度公用经费预算 5% 的比例安排教师培训经费，并纳入年度审计',
  itUse: '加强教师信息技术应用能力培训，提高设施设备使用率，建立使用情况台账',
  moralCulture: '加强德育工作和校园文化建设，对评价未达良好的学校开展专项指导',
  curriculum: '开齐开足国家规定课程，规范教学秩序，有效开展综合实践活动',
  homework: '落实作业总量和时长管控，建立课业负担监测和公告制度',
  monitoringLevel: '针对质量监测薄弱学科和学校开展教研指导，提高学生学业水平',
  monitoringDifference: '通过集团化办学、联片教研和送教下乡缩小校际质量差异',
  recognition: '加强政策宣传和家校沟通，针对满意度调查中反映的问题逐项整改',
  prerequisite: '对未达到省定办学基本标准的学校逐校制定达标计划，补齐校舍、装备和师资',
  governmentScore: '对照县级政府推进工作评估细则逐项补齐失分项',
  satisfaction: '加强政策宣传和家校沟通，针对满意度调查中反映的问题逐项整改',
};

const VETO_ADVICE: Record<string, string> = {
  examAdmission: '立即停止以考试方式招生，全部实行免试就近入学，公开招生方案接受监督',
  schoolChoice: '严肃查处违规择校，公开招生计划、片区和结果，实行阳光招生',
  keySchools: '立即取消重点学校、重点班，实行均衡编班并公开分班结果',
  vacantPosts: '及时补充空编教师，清理长期借用学校教师，借调人员限期返岗',
  safetyAccident: '依法依规处理事故责任，全面排查整治安全隐患，健全安全管理责任制',
  falsification: '全面核查填报数据，追究弄虚作假责任，按实际情况重新填报',
};

const TEACHER_INDICATORS = new Set<IndicatorId>([
  'aboveDegreePer100',
  'backbonePer100',
  'peArtsPer100',
  'teachersPerStudent',
  'aboveDegreePerStudent',
  'midTitlePerStudent',
]);

/** The gap of a threshold item: "差 2.00 个百分点", "差 500 元"; empty when not numeric. */
function itemGap(item: ItemResult): string {
  if (typeof item.value !== 'number' || item.threshold === undefined) return '';
  const gap = Math.abs(item.threshold - item.value);
  if (item.unit === 'ratio') return `，差 ${fmtNumber(gap * 100, 2)} 个百分点`;
  return `，差 ${showItemValue(item.unit, gap)}`;
}

function itemAdvice(area: string, item: ItemResult): Finding {
  const advice = ITEM_ADVICE[item.id] ?? '制定专项整改方案，明确责任单位和完成时限';
  const failing = failingOf(item);
  const where = failing.length > 0 ? `（涉及${listNames([...new Set(failing.map((f) => f.name))])}）` : '';
  const now =
    item.kind === 'threshold'
      ? `现为 ${item.display}，要求 ${itemRequirement(item)}${itemGap(item)}`
      : item.kind === 'schools'
        ? item.display
        : item.reason;
  return { area, text: `“${item.name}”（${now}）：${advice}${where}。` };
}

/** Lowest-valued counted schools of a coefficient: where new resources narrow the gap most. */
function lowestSchools(c: CoefficientRow, k = 3): string {
  const def = INDICATORS[c.indicator];
  return [...c.schools]
    .sort((a, b) => a.value - b.value)
    .slice(0, k)
    .map((s) => `${s.name}（${fmtNumber(s.value, def.decimals)} ${c.unit}）`)
    .join('、');
}

function coefficientAdvice(c: CoefficientRow, standard: StandardKey): Finding {
  const how = TEACHER_INDICATORS.has(c.indicator)
    ? '新招聘和交流轮岗教师优先安排到该项指标偏低的学校'
    : '新增投入优先安排到该项指标偏低的学校，暂缓向指标已较高的学校追加';
  const low = c.schools.length > 0 ? `，偏低的有${lowestSchools(c)}` : '';
  const target =
    c.threshold !== null
      ? `（${fmtCv(c.cv)}，要求不高于 ${fmtNumber(c.threshold, 2)}）`
      : `（${fmtCv(c.cv)}）`;
  return {
    area: standard === 'quality' ? '缩小校际差异' : '基本均衡',
    text: `缩小${STAGE_NAMES[c.stage]}${c.name}的校际差异${target}：${how}${low}（县均值 ${fmtIndicatorValue(c.indicator, c.mean)} ${c.unit}）。`,
  };
}

function dataAdvice(result: EvaluationResult): Finding[] {
  const gaps = dataProblems(result);
  if (gaps.length === 0) return [];
  return [
    {
      area: '补齐数据',
      text:
        '首先补齐缺失数据并复核填报问题（见数据问题清单），补齐后重新测算；' +
        '在此之前标为“数据不全”的指标不能作为达标依据，整改测算也可能偏小。',
    },
  ];
}

function resourceAdvice(quality: QualityResult): Finding[] {
  const failing = quality.schools.filter((s) => s.status === 'unmet');
  if (failing.length === 0) return [];
  const needs = resourceNeeds(quality);
  const minimum = resourceNeedsText(needs, 'minimum');
  const full = resourceNeedsText(needs, 'full');
  const out: Finding[] = [
    {
      area: '学校补短板',
      text:
        `全县 ${failing.length} 所学校（部）资源配置未达标。按逐校最低整改方案，全县需补足${minimum}，` +
        `即可使这些学校达到“至少 6 项达标、其余不低于 85%”的要求。`,
    },
  ];
  if (full && full !== minimum) {
    out.push({
      area: '学校补短板',
      text: `若所有学校 7 项指标全部达到标准要求，全县需补足${full}。`,
    });
  }
  return out;
}

/**
 * 整改建议: data gaps first (nothing else is final until they are filled), then county totals of
 * the school shortfalls, the coefficients to bring down, and one recommendation per unmet county
 * item and veto. Per-school additions are in {@link schoolsNotMet} / {@link schoolPlanText}.
 */
export function recommend(result: EvaluationResult): Finding[] {
  const out: Finding[] = [...dataAdvice(result)];
  const q = result.quality;
  if (q) {
    out.push(...resourceAdvice(q));
    for (const st of q.stages) {
      for (const c of st.coefficients) if (c.status === 'unmet') out.push(coefficientAdvice(c, 'quality'));
    }
    for (const a of q.aspects) {
      if (a.key === 'resources') continue;
      for (const i of a.items) if (i.status === 'unmet') out.push(itemAdvice(a.name, i));
    }
    for (const v of q.vetoes) {
      if (v.status === 'unmet')
        out.push({ area: '一票否决', text: `“${v.name}”：${VETO_ADVICE[v.id] ?? '立即整改'}。` });
    }
  }
  const b = result.basic;
  if (b) {
    for (const st of b.stages) {
      if (st.composite.status !== 'unmet') continue;
      // The composite is a mean: bringing down the largest single coefficients lowers it most.
      const worst = [...st.coefficients].filter((c) => c.cv !== null).sort((x, y) => y.cv! - x.cv!);
      for (const c of worst.slice(0, 2)) out.push(coefficientAdvice(c, 'basic'));
    }
    for (const i of b.items) if (i.status === 'unmet') out.push(itemAdvice('基本均衡', i));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Verdicts and 年度对比

/** "优质均衡：未达标；基本均衡：达标" — the verdict of each standard evaluated. */
export function verdictLine(result: EvaluationResult): string {
  const parts: string[] = [];
  if (result.quality) parts.push(`优质均衡：${STATUS_NAMES[result.quality.status]}`);
  if (result.basic) parts.push(`基本均衡：${STATUS_NAMES[result.basic.status]}`);
  return parts.join('；');
}

/**
 * The conclusion of one coefficient. 基本均衡 single coefficients have no threshold of their own
 * (only their mean does), so they read "计入综合" rather than 不适用.
 */
export function coefficientStatusText(status: Status, hasOwnThreshold: boolean, cv: number | null): string {
  return status === 'notApplicable' && !hasOwnThreshold && cv !== null ? '计入综合' : STATUS_NAMES[status];
}

/** A change too small to show with 3 decimals reads as 持平 (unchanged). */
const UNCHANGED = 0.0005;

function verdictSentences(yoy: YearOverYear): string[] {
  const prev = schoolYearLabel(yoy.previousYear);
  // 优质均衡 first, as everywhere in the reports.
  const verdicts = [...yoy.verdicts].sort((a, b) =>
    a.standard === 'quality' ? -1 : b.standard === 'quality' ? 1 : 0,
  );
  return verdicts.map((v) => {
    const same = v.previous === v.current;
    return `${STANDARD_NAMES[v.standard]}结论：${prev}为“${STATUS_NAMES[v.previous]}”，本学年${same ? '仍' : '为'}“${STATUS_NAMES[v.current]}”。`;
  });
}

/** "优质均衡小学 7 项差异系数中 5 项下降、1 项上升、1 项持平，上升的有…" */
function coefficientTrend(yoy: YearOverYear, standard: StandardKey, stage: Stage): string[] {
  const rows = yoy.coefficients.filter(
    (c) => c.standard === standard && c.stage === stage && c.indicator !== 'composite' && c.change !== null,
  );
  if (rows.length === 0) return [];
  const head = `${STANDARD_NAMES[standard]}${STAGE_NAMES[stage]} ${rows.length} 项差异系数`;
  const down = rows.filter((c) => c.change! <= -UNCHANGED).length;
  const up = rows.filter((c) => c.change! >= UNCHANGED).sort((a, b) => b.change! - a.change!);
  const flat = rows.length - down - up.length;
  const out: string[] = [];
  if (flat === rows.length) {
    out.push(`${head}均与上一学年持平。`);
  } else {
    const counts = [`${down} 项下降`, `${up.length} 项上升`, ...(flat > 0 ? [`${flat} 项持平`] : [])].join(
      '、',
    );
    const rising = up.map(
      (c) => `${c.name} ${fmtCv(c.previous)} → ${fmtCv(c.current)}（${fmtCvChange(c.change)}）`,
    );
    out.push(`${head}中 ${counts}${rising.length > 0 ? `，上升的有${rising.join('、')}` : ''}。`);
  }
  const composite = yoy.coefficients.find(
    (c) => c.standard === standard && c.stage === stage && c.indicator === 'composite',
  );
  if (composite && composite.change !== null) {
    out.push(
      Math.abs(composite.change) < UNCHANGED
        ? `${STAGE_NAMES[stage]}综合差异系数保持 ${fmtCv(composite.current)}。`
        : `${STAGE_NAMES[stage]}综合差异系数由 ${fmtCv(composite.previous)} 变为 ${fmtCv(composite.current)}（${fmtCvChange(composite.change)}）。`,
    );
  }
  return out;
}

/** Sentences comparing two years: verdicts, coefficients that went up or down, schools met. */
export function comparisonSentences(yoy: YearOverYear): string[] {
  const out = verdictSentences(yoy);
  for (const standard of ['quality', 'basic'] as const) {
    for (const stage of STAGES) out.push(...coefficientTrend(yoy, standard, stage));
  }
  for (const s of yoy.schools) {
    const same = s.previousMet === s.currentMet && s.previousTotal === s.currentTotal;
    out.push(
      same
        ? `${STAGE_NAMES[s.stage]}资源配置达标学校仍为 ${s.currentMet}/${s.currentTotal} 所。`
        : `${STAGE_NAMES[s.stage]}资源配置达标学校由 ${s.previousMet}/${s.previousTotal} 所变为 ${s.currentMet}/${s.currentTotal} 所。`,
    );
  }
  return out;
}
