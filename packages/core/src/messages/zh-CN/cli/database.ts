/**
 * junheng migrate、audit、backup、restore：数据库命令。键 = cli.database.<名称> 等。
 * {or} 是命令用法中备选项之间的竖线，{at} 是连接串中的 at 符号（模板中不能直接写这两个字符）。
 */
export const database = {
  helpOptions:
    '      --database <URL>                 PostgreSQL 连接串（postgres://用户:密码{at}主机:端口/库）；\n' +
    '                                       不指定时用环境变量 DATABASE_URL\n' +
    '      --data <目录>                    数据目录（默认 ./data），嵌入式数据库在其中的 pg/；\n' +
    '                                       既无 --database 也无 DATABASE_URL 时使用',
  badUrl: '数据库地址 “{url}” 无效：应为 postgres://用户{at}主机:端口/数据库',
  notPostgres: '数据库地址 “{url}” 无效：只支持 PostgreSQL（postgres://用户{at}主机:端口/数据库）',
  defaultName: '(默认库)',
  dataNotFolder: '数据目录 {dir} 不是文件夹：请用 --data 指定一个文件夹',
  embedded: '嵌入式数据库 {dir}',
  notFound:
    '找不到数据库 {dir}：请用 --data 指定数据目录，或用 --database / DATABASE_URL 指定 PostgreSQL，或先运行 junheng migrate',
  which: '数据库：{label}',
  cannotConnect: '无法连接数据库 {label}：{why}',
  /** An error without a known explanation: its own message and code. */
  errorWithCode: '{message}（{code}）',
  connect: {
    refused: '连接被拒绝（数据库没有运行，或主机、端口不对）',
    hostNotFound: '找不到主机',
    dnsAgain: '暂时无法解析主机名',
    timeout: '连接超时',
    hostUnreachable: '主机不可达',
    reset: '连接被重置',
    badPassword: '用户名或密码错误',
    userRejected: '服务器拒绝了这个用户的连接',
    noDatabase: '数据库不存在',
    startingUp: '数据库正在启动或关闭，暂不接受连接',
  },
  noAuditTable: '数据库中没有审计日志表 audit_event：请先运行 junheng migrate',
} as const;

export const migrate = {
  help:
    '  junheng migrate [--database URL {or} --data 目录]\n' +
    '                                       建立或升级数据库（应用尚未应用的迁移），列出应用了哪些',
  upToDate: '数据库已是最新：没有需要应用的迁移（已应用全部 {total} 个）',
  applied: '已应用 {count} 个迁移（共 {total} 个）：',
  refused: '迁移未执行：{reason}',
} as const;

export const audit = {
  helpVerify:
    '  junheng audit verify [--database URL {or} --data 目录] [--expect-head 哈希] [--checkpoints 文件]\n' +
    '                                       校验审计日志的哈希链：记录是否被改动、删除或插入；再核对签名检查点\n' +
    '                                       （末尾记录被删除、改写后重算哈希），--expect-head 核对县里另行记下的哈希',
  helpCheckpoint:
    '  junheng audit checkpoint [--database URL {or} --data 目录] [--checkpoints 文件]\n' +
    '                                       立即为审计日志的最新记录写一个签名检查点（服务运行时会定期自动写）',
  usage:
    '用法：junheng audit verify [--database URL {or} --data 目录] [--expect-head 哈希]\n' +
    '      junheng audit checkpoint [--database URL {or} --data 目录]',
  noSubcommand: '（没有子命令 “{sub}”）',
  badExpectHead: '--expect-head 的值 “{value}” 无效：应为 64 位十六进制哈希',
  tampered: '审计日志已被篡改：记录 id {id}（按顺序第 {position} 条）校验失败',
  reason: '原因：{reason}',
  passedBefore: '此前 {count} 条记录校验通过',
  intact: '审计日志完整：{count} 条记录，哈希链校验通过',
  lastHash: '最后一条记录的哈希：{hash}',
  latestCheckpoint: '最新检查点（{file} 第 {count} 个）：',
  noCheckpoint: '没有检查点（{file}）：末尾记录被删除、或记录被改写后重算全部哈希，无法从链本身发现。',
  checkpointAdvice:
    '服务运行时会定期写检查点；也可运行 junheng audit checkpoint，并另行保存最后一条记录的哈希',
  anchorsMismatch: '审计日志与检查点或给定的哈希不符：',
  checkpointsOk: '检查点核对通过：{count} 个检查点签名有效，链中仍是同一哈希，日志没有变短',
  expectHeadOk: '给定的哈希核对通过：链中仍包含 {hash}',
  keyCreated: '已生成审计签名密钥：{where}（请另行备份，不要放进数据库）',
  checkpointWritten: '已写入检查点（{file}）：',
  noNewCheckpoint: '无需新检查点：审计日志为空，或自最新检查点以来没有新记录（{file}）',
} as const;

export const backup = {
  help:
    '  junheng backup --out <备份文件.tar.gz> [--data 目录]\n' +
    '                                       备份嵌入式数据库（服务运行时也可，由服务在两次写入之间生成一致的副本）；\n' +
    '                                       备份不含个人信息密钥和审计签名密钥，请另行保管。PostgreSQL 用 pg_dump',
  needOut: '请用 --out 指定备份文件，如 junheng backup --out 均衡备份-2026-03-01.tar.gz',
  postgres:
    'PostgreSQL 数据库请用其自带工具备份和恢复：pg_dump -Fc -f 备份.dump 数据库地址；pg_restore -d 数据库地址 备份.dump' +
    '（见 README “备份与恢复”）；个人信息密钥文件同样需要另行保管',
  done: '已备份 {label} 到 {file}（{mb} MB）',
  consistent: '由正在使用该数据库的程序（进程 {pid}）在两次写入之间生成，内容一致',
  keyWarning:
    '注意：备份不含学生个人信息密钥（{personalKey}，或环境变量 JUNHENG_DATA_KEY），\n' +
    '也不含审计签名密钥和检查点（{signingKey}、{checkpoints}）。\n' +
    '请把它们另行保管（不要与备份文件放在一起）；恢复后把密钥文件放回新的数据目录，否则学生个人信息无法解密。',
} as const;

export const restore = {
  help:
    '  junheng restore <备份文件.tar.gz> [--data 新目录]\n' +
    '                                       把备份恢复到新的空数据目录，并校验审计日志和个人信息密钥',
  usage: '用法：junheng restore <备份文件.tar.gz> [--data 新目录]',
  notFound: '找不到备份文件 {file}',
  restored: '已从 {file} 恢复到 {label}',
  chainBroken: '审计日志校验失败：记录 id {id}：{reason}',
  keyMissing:
    '尚未放入个人信息密钥：请把原数据目录的 personal-data.key 复制到 {dir}，或设置 JUNHENG_DATA_KEY；',
  keyMissingConsequence: '否则 junheng serve 会拒绝启动，学生个人信息无法解密',
  keyMatches: '个人信息密钥（{where}）与数据库匹配：学生个人信息可以解密',
  copySigningKey:
    '审计签名密钥与检查点：请把原数据目录的 audit-signing.key 和 audit-checkpoints.txt 一并复制到 {dir}（audit verify 用它们核对）',
} as const;
