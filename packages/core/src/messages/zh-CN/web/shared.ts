/** 网页各处共用：数字输入框、导入文件、登录状态与权限。键 = web.shared.<名称>；占位符 {名称}。 */
export const shared = {
  /** shared/numberInput.ts: the allowed range in words; {unit} is empty or “ 人” with its space. */
  rangeBetween: '{min}～{max}{unit}',
  rangeAtLeast: '不小于 {min}{unit}',
  rangeAtMost: '不大于 {max}{unit}',
  /** Appended to a refused number when the field has a range ({range}: one of the three above). */
  numberAllowed: '（允许范围 {range}）',
  numberRequired: '请填写{label}{allowed}',
  numberNotDigits: '{label}只能填写数字，“{text}”含有其他字符：请改为数字{allowed}',
  numberInvalid: '{label}“{text}”不是有效的数字{allowed}',
  numberNotInteger: '{label}应为整数，收到 {text}{allowed}',
  numberOutOfRange: '{label} {text} 超出允许范围 {range}：请核对后重填',
  /** shared/ImportUpload.vue; {endings}: e.g. “.xlsx / .csv”. */
  importWrongType: '只能导入 {endings} 文件',
  importWrongTypeExcel: '只能导入 {endings} 文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传',
  importTooLarge: '文件超过 {maxMb} MB：请拆分后分批导入',
  importDone: '导入成功',
  /** A row of an import's error table the server sent without its own words (shared/importIssues.ts). */
  issueMessage: '数据有误',
  issueFix: '请对照模板改正后重新上传',
  metaFailed: '基础数据加载失败',
  loggedOut: '已退出登录',
  noPermission: '您没有使用该功能的权限',
} as const;
