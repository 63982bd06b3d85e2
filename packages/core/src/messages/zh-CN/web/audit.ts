/** 审计日志的校验结果。键 = web.audit.<名称>；占位符 {名称}。 */
export const audit = {
  verifyOk: '审计日志完整：已校验 {events} 条记录，未发现篡改',
  verifyChainBroken: '哈希链校验未通过：日志可能被修改、插入或删除',
  verifyAnchorMismatch: '审计日志与检查点或给定的哈希不符：末尾记录可能被删除，或记录被改写后重算了哈希',
} as const;
