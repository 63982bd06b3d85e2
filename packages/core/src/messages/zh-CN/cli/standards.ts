/**
 * junheng standards：所用标准数据表（Markdown，docs/standards.md 即国家标准的输出）。
 * 键 = cli.standards.<名称>；{id} 是标准的标识（quality2017、basic2012），覆盖路径由它开头。
 */
export const standards = {
  help: '  junheng standards [--overrides 文件] 列出所用标准数据表（阈值、覆盖路径、出处）',
  intro:
    '# 评估标准数据表\n' +
    '\n' +
    '由 `junheng standards` 生成。省级细则用覆盖文件（JSON/YAML）按“路径”修改任一值：\n' +
    '\n' +
    '```yaml\n' +
    'name: 某省县域义务教育优质均衡发展督导评估实施细则\n' +
    'source: 某教督〔2018〕1号\n' +
    'set:\n' +
    '  quality2017.government.specialEdFunding.threshold: 8000\n' +
    '  quality2017.apportion.method: weighted\n' +
    '```\n' +
    '\n' +
    '未知路径或类型不符的值会被拒绝并指出路径。出处标记见 shared/spec/standards.md §h；unconfirmed 表示通行值、未见官方原文。出处标记和把握程度只记在本表中；报告、页面和命令行表格中的“依据”显示所属文件的标题（core sourceTitle）。',
  appliedOverrides: '## 已应用的覆盖（{name}）',
  qualityHeading: '## 优质均衡 {document}',
  resourcesHeading: '### 资源配置 7 项指标（每校要求，≥）',
  indicator: '{name}（{unit}）',
  perSchool:
    '- 每校至少 {minMet} 项达标（`{id}.perSchool.minMet`），其余不低于要求的 {floor}（`{id}.perSchool.floorRatio`）。{source}',
  cvMax: '- 单项差异系数：小学 ≤ {primary}、初中 ≤ {junior}（`{id}.cvMax.primary` / `.junior`）。{source}',
  scope:
    '- 评估范围：不含 {types}，不含在校生少于 {minStudents} 人的教学点（`{id}.scope.teachingPointMinStudents`）。{source}',
  apportion:
    '- 一贯制/完全中学共用设施分摊：{method}（`{id}.apportion.method`: simple / weighted；权重 `{id}.apportion.weights` 小学 {primary} : 初中 {junior} : 高中 {senior}）。{source}',
  apportionSimple: '按学生数比例',
  apportionWeighted: '按加权学生数',
  government: '政府保障程度',
  educationQuality: '教育质量',
  recognition: '社会认可度',
  vetoes: '否决项',
  countyItems: '县级指标',
  recognitionRule: '{name}（`{id}.recognition.threshold`）。{source}',
  judgment: '是/否',
  fromSchools: '由学校数据计算',
  fromSchoolsWith: '由学校数据计算（{params}）',
  basicHeading: '## 基本均衡 {document}',
  basicIntro: '8 项指标（小学、初中分别计算学生加权差异系数，综合差异系数为 8 项的算术平均）：',
  compositeCvMax:
    '- 综合差异系数：小学 ≤ {primary}、初中 ≤ {junior}（`{id}.compositeCvMax.primary` / `.junior`）。{source}',
  column: {
    path: '路径',
    from: '原值',
    to: '新值',
    indicator: '指标',
    source: '出处',
    no: '序号',
    judge: '判定',
    situation: '情形',
  },
} as const;
