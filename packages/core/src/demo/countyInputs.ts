/**
 * @module County-level inputs (县级指标填报) of the demo county: every item of both standards
 * that is not computed from school reports, and every veto, each with a 佐证说明.
 * Values are typical of a county preparing for 优质均衡 certification; one item (城区和镇区公办初中
 * 就近划片入学比例 93% < 95%) is deliberately short so the demo shows an unmet county item.
 */
import type { CountyInputs } from '../model.js';

/**
 * The county inputs for `year` (学年 start year), with notes naming the county.
 * Keys are the item ids of QUALITY_2017 (government, quality, recognition, vetoes) and BASIC_2012.
 */
export function demoCountyInputs(countyName: string, year: number): CountyInputs {
  const y = `${year}年`;
  return {
    // ---- 优质均衡 · 政府保障程度 ----
    layout: { value: true, note: `《${countyName}中小学校布局专项规划（2021—2035年）》已经县政府批准实施` },
    unifiedStandards: {
      value: true,
      note: '县政府文件明确城乡学校统一建设标准、教师编制标准、生均公用经费基准定额和基本装备配置标准',
    },
    smallSchoolFunding: { value: true, note: `${y}公用经费拨付明细：不足100人的村小学和教学点均按100人核定` },
    specialEdFunding: { value: 6500, note: `${y}县特殊教育学校生均公用经费6500元（县财政局拨款文件）` },
    teacherPay: {
      value: true,
      note: `${y}义务教育教师年平均工资收入高于当地公务员平均水平，绩效工资总量足额核定（人社、财政部门证明）`,
    },
    teacherTraining: { value: 1, note: '教师培训学分管理平台统计：全体专任教师完成5年360学时培训' },
    staffing: { value: true, note: '县教育局在核定编制总额和岗位总量内统筹分配各校编制和岗位（编办备案）' },
    rotation: { value: 0.12, note: `${y}交流轮岗教师156人，占符合交流条件教师1300人的12%` },
    rotationBackbone: { value: 0.23, note: `${y}交流轮岗教师156人中县级以上骨干教师36人，占23%` },
    certification: { value: 1, note: '人事股核查：全体专任教师均持有相应教师资格证' },
    nearbyPrimary: { value: 1, note: `${y}城区和镇区公办小学全部按划片就近入学` },
    nearbyJunior: {
      value: 0.93,
      note: `${y}城区和镇区公办初中就近划片入学比例93%：县实验中学仍有部分跨片区招生，需整改`,
    },
    highSchoolQuota: { value: 0.55, note: `${y}县第一中学招生计划的55%按指标分配到各初中，向农村初中倾斜` },
    migrantChildren: { value: 0.91, note: `${y}符合条件的随迁子女91%在公办学校或政府购买服务的民办学校就读` },

    // ---- 优质均衡 · 教育质量 ----
    retention: { value: 0.968, note: `${y}初中三年巩固率96.8%（学籍系统统计）` },
    disabledEnrolment: { value: 0.962, note: `${y}适龄残疾儿童少年入学率96.2%（含随班就读、送教上门）` },
    charter: { value: true, note: '所有学校均已制定章程并经县教育局核准，管理与教学平台全覆盖' },
    trainingBudget: { value: 0.052, note: `${y}各校教师培训经费占公用经费预算比例最低为5.2%` },
    itUse: { value: true, note: '督导抽查课堂：教师普遍使用班班通设备教学，功能室使用记录完整' },
    moralCulture: { value: true, note: '县德育工作和校园文化建设评估：各校均为良好以上' },
    curriculum: { value: true, note: '课程表抽查：国家课程开齐开足，综合实践活动每周按课时开展' },
    homework: { value: true, note: '作业管理专项督导及学生问卷：未发现过重课业负担' },
    monitoringLevel: { value: true, note: '最近一轮国家义务教育质量监测：监测科目学业水平均达到Ⅲ级以上' },
    monitoringDifference: { value: 0.12, note: '最近一轮国家义务教育质量监测校际差异率0.12' },

    // ---- 优质均衡 · 社会认可度 ----
    recognition: { value: 0.912, note: `${y}社会认可度调查有效问卷4860份，认可度91.2%` },

    // ---- 基本均衡 ----
    governmentScore: { value: 92, note: '县级人民政府推进义务教育均衡发展工作自评得分92分' },
    satisfaction: { value: 0.93, note: `${y}公众满意度调查满意率93%` },

    // ---- 否决项 (true = 存在该情形) ----
    examAdmission: { value: false, note: '招生工作方案及督导检查：无以考试方式招生' },
    schoolChoice: { value: false, note: '招生督查及信访记录：未发现违规择校' },
    keySchools: { value: false, note: '未设置重点学校和重点班，均衡分班记录齐全' },
    vacantPosts: { value: false, note: '编制使用台账：无有编不补，无长期借用学校教师' },
    safetyAccident: { value: false, note: '近三年未发生重大安全责任事故和严重违纪违规事件' },
    falsification: { value: false, note: '数据经督学实地核查，未发现弄虚作假' },
  };
}
