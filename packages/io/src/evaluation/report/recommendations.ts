/**
 * @module The generated sentences of 整改建议: data gaps first, then the county totals of the
 * school shortfalls, the coefficients to bring down, and one recommendation per unmet county
 * item and veto, with the advice the bureau gives for each.
 */
import {
  type CoefficientRow,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  INDICATORS,
  type IndicatorId,
  type ItemResult,
  type QualityResult,
  STAGE_NAMES,
  type StandardKey,
  showItemValue,
} from '@junheng/core';
import { dataProblems, type Finding, failingOf } from './findings.js';
import { fmtIndicatorValue, itemRequirement, listNames } from './reportLabels.js';
import { resourceNeeds, resourceNeedsText } from './shortfalls.js';

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
