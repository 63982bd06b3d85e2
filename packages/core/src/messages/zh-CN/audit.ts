/** 审计日志：查询、导出、校验。键 = audit.<名称>；占位符 {名称}（messages/format.ts）。 */
export const audit = {
  /** Someone who may not read the audit log asks to check it. */
  notFound: '没有找到审计日志',
  entityInvalid: '对象类型应为非空文字（如 school_report）',
  actorIdInvalid: '用户编号应为整数',
  fromInvalid: '开始日期“{day}”无效：应为 年-月-日，如 2026-03-01',
  toInvalid: '结束日期“{day}”无效：应为 年-月-日，如 2026-03-01',
  rangeReversed: '开始日期晚于结束日期：请调换两个日期',

  // ── where the hash chain breaks ──
  firstLinkBroken: '第一条记录的 prev_hash 应为 64 个 0，实为 {prevHash}：此前的记录被删除',
  linkBroken:
    'prev_hash 与上一条记录（id {prevId}）的哈希不符：两者之间的记录被删除或插入，或上一条记录被改动',
  hashMismatch: '记录内容与其哈希不符（存储 {stored}…，重算 {recomputed}…）：记录在写入后被改动',
} as const;
