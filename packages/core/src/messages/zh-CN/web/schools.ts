/** 学校登记信息。键 = web.schools.<名称>；占位符 {名称}。 */
export const schools = {
  nameMissing: '请填写学校名称',
  mergedIntoMissing: '撤并需要选择并入的学校',
  mergedIntoSelf: '学校不能并入自己',
  effectiveOnMissing: '请选择生效日期',
  reasonMissing: '请写明原因（如撤并文件文号）',
  saved: '学校登记信息已保存',
} as const;
