/** junheng lottery verify、secrets、draw：电脑派位的复算、核验码和离线派位。键 = cli.lottery.<名称>。 */
export const lottery = {
  helpVerify:
    '  junheng lottery verify <公示名单文件> <随机种子> [--result-hash H] [--commitment C]\n' +
    '                     [--ticket 编号 --secret 核验码]\n' +
    '                                       复算电脑派位（docs/lottery.md）：核对结果哈希、名单承诺值，\n' +
    '                                       给出编号和核验码时核对本人条目并给出派位号',
  helpSecrets:
    '  junheng lottery secrets <编号名单.txt{or}.csv{or}.xlsx> --out 核验码.csv [--slips 核验码条.html]\n' +
    '                     [--list list.txt] [--title 派位名称] [--url 公示页网址]\n' +
    '                                       为独立派位的每户生成核验码（128 位随机数）：写出 编号,核验码\n' +
    '                                       的 CSV（上传到网页“新建派位”），每户一张可打印的核验码条；\n' +
    '                                       --list 同时写出公示名单并给出承诺值',
  helpDraw:
    '  junheng lottery draw <公示名单文件> <随机种子> [--out result.txt]\n' +
    '                                       离线派位：给出名单承诺值、结果哈希，写出与网页 result.txt\n' +
    '                                       相同的派位结果（每行 名次,编号）',
  usage:
    '用法：junheng lottery verify <公示名单文件> <随机种子> [--result-hash H] [--commitment C] [--ticket 编号 --secret 核验码]\n' +
    '      junheng lottery draw <公示名单文件> <随机种子> [--out result.txt]\n' +
    '      junheng lottery secrets <编号名单> --out 核验码.csv [--slips 核验码条.html] [--list list.txt]（种子含空格时请加引号）',
  /** What core calls the list file when one of its bytes is not UTF-8. */
  publishedList: '公示名单',
  ticketNeedsSecret: '--ticket 和 --secret 须同时给出：用编号和核验码核对本人条目',
  verifyList: '公示名单：{file}（{count} 个派位条目：每户一个，同户多胞胎、兄弟姐妹共用）',
  drawList: '公示名单：{file}（{count} 个派位条目）',
  commitment: '名单承诺值：{commitment}',
  seed: '随机种子：{seed}',
  resultHash: '结果哈希：{hash}',
  matches: '✓ 一致',
  differs: '✗ 不一致',
  publishedCommitment: '派位前公布的承诺值：{commitment}',
  publishedResultHash: '公布的结果哈希：{hash}',
  myEntry: '本人条目：{text}',
  replayDiffers: '结论：✗ 复算不一致',
  myEntryMissing: '结论：派位复算一致；✗ 本人条目不在名单中或与核验码不符',
  replayMatches: '结论：✓ 复算一致',
  secretsNeedOut: '请用 --out 指定核验码文件，如 --out 核验码.csv',
  ticketsErrors: '{file} 有 {count} 处错误，未生成核验码：',
  ticketsFormat: '编号名单：每行一户的编号（.txt，UTF-8），或 .csv/.xlsx 中的“编号”列。',
  tickets: '编号名单：{file}（{count} 户）',
  secretsWritten:
    '已写入核验码：{file}（编号,核验码；在网页“电脑派位”页“上传名单新建派位”上传此文件。不要公开此文件）',
  slipsWritten: '已写入核验码条：{file}（每户一张，用浏览器打开后打印、裁开，分别交给各户）',
  listWritten: '已写入公示名单：{file}（派位前公布此文件和承诺值）',
  drawNext: '派位：junheng lottery draw {file} <现场摇出的随机种子> --out result.txt',
  resultWritten: '已写入派位结果（每行 名次,编号）：{file}',
  verifyNext: '复算：junheng lottery verify {file} {seed} --result-hash {hash}',
  result: '派位结果（名次,编号）：',
} as const;
