/** 指标到校。键 = web.quota.<名称>；占位符 {名称}。 */
export const quota = {
  /** {share}, {floor}: percentages with their sign (40%); {range}: e.g. “50～100 %”; {least}: the number. */
  shareBelowRule:
    '指标到校比例 {share} 低于规定下限 {floor}（{document}）：允许范围 {range}，请填写 {least} 或更大的数',
  saved: '已保存（方案 {id}，版本 {version}）',
} as const;
