/** 电脑派位：建立、现场派位、复制、本机复算。键 = web.lottery.<名称>；占位符 {名称}。 */
export const lottery = {
  /** {what}: what was copied, e.g. 承诺值. */
  copied: '已复制{what}',
  copyFailed: '无法自动复制，请手动选中{what}复制',
  witnessMissing: '请至少填写一位见证人（如家长代表、纪检监察人员、公证员）：派位须在见证下公开进行',
  placeMissing: '请填写派位地点',
  operatorMissing: '请填写操作人员姓名',
  /** {witnesses}: 姓名（身份） joined with “、”. */
  drawConfirm:
    '随机种子：{seed}（{length} 位）\n见证人员：{witnesses}\n派位结果一经产生不可更改，也不能重新派位。请与见证人再次核对种子后开始。',
  drawTitle: '确认开始派位',
  drawn: '派位完成：结果已保存，不可更改',
  ticketsMissing: '请选择编号名单（.txt 每行一户的编号，或 .csv/.xlsx 的“编号”列）',
  titleMissing: '请填写派位名称',
  secretsNotGenerated: '请先生成核验码，下载核验码文件和核验码条后再建立派位',
  listFileMissing: '请选择名单文件（.xlsx、.csv 或 .txt，含“编号”“核验码”两列）',
  listPasteMissing: '请粘贴名单：每行一个编号和核验码，用 Tab、逗号或空格分开',
  created: '已建立派位并公示名单承诺值（{count} 人）',
  /** features/admission/lottery/replay.ts: the progress line and the failures of the replay in the browser. */
  replayDownloading: '正在下载公示名单……{mb} MB',
  replayComputing: '正在本机计算（SHA-256 随机流与洗牌）……',
  replayDone: '完成',
  replayDownloadFailed: '下载公示名单失败（HTTP {status}）',
  replayCrashed: '本机复算程序出错：{reason}',
  replayNoWorker: '浏览器不支持后台计算（Web Worker）',
} as const;
