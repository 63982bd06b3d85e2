/**
 * 各功能共用：请求的格式与字符、上传、并发修改、数据库保护、服务器错误、策略拒绝。
 * 键 = common.<名称>；占位符 {名称}（messages/format.ts）。
 */
export const common = {
  /** The policy table's reason (core policies/rules.ts) as it stands. */
  policyDenied: '{reason}',

  // ── the request itself (server/src/platform/errors.ts, inputGuards.ts, app.ts) ──
  placeBody: '请求内容',
  placeQuery: '查询参数',
  placeParams: '路径参数',
  placeHeaders: '请求头',
  placeRequest: '请求',
  requestInvalid: '{where}有误：{path} {message}',
  requestInvalidMore: '（另有 {count} 处）',
  requestInvalidBare: '{where}有误',
  requestInvalidPlain: '请求无效：{message}',
  wholeRequest: '(整体)',
  fieldInvalid: '无效',
  fieldFix: '请按说明改正该项后重试',
  issueDefault: '数据有误',
  issueFixDefault: '请按说明改正后重试',
  bodyTooLarge: '上传的文件太大（上限 20 MB）：请拆分后分批导入',
  unsupportedMediaType:
    '不支持的请求格式：JSON 请求请用 application/json，文件上传请用 application/octet-stream',
  emptyJsonBody: '请求体为空：请发送 JSON 数据',
  invalidJsonBody: '请求体不是有效的 JSON',
  jsonTooDeep:
    '请求内容（或上传的 JSON 文件）嵌套层数过多（超过 {max} 层），不是有效的数据：请检查文件是否为本系统的模板或导出文件',
  nulCharacter:
    '{where}{at}含有空字符（NUL），这种看不见的字符不能保存：请删除后重试（从其他系统复制的文字常带有它）',
  nulCharacterAt: '（{path}）',
  nulIssue: '含有空字符（NUL）',
  nulFix: '删除这个看不见的字符后重试',
  unstorableCharacter: '内容中含有空字符（NUL）或无法保存的字符：请删除这些看不见的字符后重试',
  rateLimited: '请求过于频繁，请稍后再试',
  rateLimitedWait: '请求过于频繁，请 {seconds} 秒后再试',
  noSuchAddress: '没有这个地址：{method} {path}',

  // ── lists: paging, sorting, search (packages/db/src/platform/queryKit.ts) ──
  pageInvalid: '页码必须是从 1 开始的整数（收到 {value}）',
  pageSizeInvalid: '每页条数必须是 1～{max} 的整数（收到 {value}）',
  sortFieldInvalid: '不能按“{field}”排序，可选：{fields}',
  sortDirectionInvalid: '排序方向只能是 asc（升序）或 desc（降序），收到 {value}',
  searchNotText: '搜索内容必须是文字',
  searchTooLong: '搜索内容不能超过 100 个字符',
  yearInvalid: '学年必须是 2000～2100 之间的年份（收到 {value}）',

  // ── uploads (server/src/platform/upload.ts) ──
  uploadMissing: '没有收到文件：请选择{expect}，以 application/octet-stream 上传',
  importInvalid: '文件 {file} 有 {count} 处错误，未导入任何{what}：请按列表逐条修改后重新导入',
  importInvalidWhat: '数据',

  // ── writes that meet another write or the schema's own locks ──
  concurrentChange: '另一项修改正在同时进行，本次操作未保存，请刷新后重试',
  admissionFrozen:
    '该招生轮次已生成派位名单并公布承诺值，申请名单、招生类别和计划招生数已冻结，不能再修改：请刷新页面查看最新状态',
  lotteryDrawLocked:
    '该电脑派位已经完成，结果不能再修改或删除（派位名单公布后也只能进行一次派位）：请刷新页面查看最新状态',
  classPlacementLocked: '该分班结果已公示（或已进行班主任派位），不能再修改：请刷新页面查看最新状态',
  zoningPlanLocked: '该划片方案已发布或已撤回，不能再修改：请另存为新方案后修改',
  datasetSchoolFix: '请核对这所学校的标识码和状态后重试',
  datasetSchoolColumn: '学校标识码',

  // ── the server's own faults ──
  responseNotInContract: '服务器生成的响应不符合接口定义，请联系管理员',
  internal: '服务器内部错误，请稍后再试；若一再出现请联系管理员',
} as const;
