/** 招生申请：招生轮次、申请人、生成派位名单、录取。键 = web.rounds.<名称>；占位符 {名称}。 */
export const rounds = {
  nameMissing: '请填写儿童姓名',
  idNumberInvalid: '身份证号应为 18 位（17 位数字加 1 位数字或 X）',
  guardianMissing: '请填写监护人姓名',
  phoneInvalid: '联系电话应为 11 位手机号码或带区号的固定电话',
  categoryMissing: '请选择类别',
  tooManyChoices: '最多填报 3 个志愿学校',
  applicantAdded: '已录入 {name}，申请编号 {ticket}',
  applicantSaved: '已保存',
  roundMissing: '请先选择招生轮次',
  imported: '已导入 {count} 名申请人（申请编号 {first} — {last}）',
  exported: '已导出（含个人信息，已记入审计日志，请妥善保管）',
  deleteConfirm: '删除申请 {ticket}（{name}）？',
  deleteTitle: '删除申请',
  deleted: '已删除',
  created: '已新建招生轮次“{title}”：请在“类别与学校”中填写各校计划招生数',
  commitConfirm:
    '将以当前 {applicants} 名申请人（{entries} 个派位条目：多胞胎、同户兄弟姐妹共用一个条目）生成派位名单并公布承诺值。公布后申请名单、招生类别和计划招生数不能再修改。',
  commitTitle: '生成派位名单并公布承诺值',
  committed: '已生成派位名单（{entries} 个条目），承诺值 {commitment}…',
  admitted: '已按类别录取：各校结果见“录取结果”',
  setupSaved: '已保存招生类别和计划招生数',
} as const;
