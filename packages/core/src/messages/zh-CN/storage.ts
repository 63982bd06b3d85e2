/**
 * 数据的存放：数据目录与它的锁、学生个人信息密钥、备份与恢复、迁移（packages/db/src/platform，
 * 由 junheng 命令与服务启动时显示）。键 = storage.<名称>；占位符 {名称}（messages/format.ts）。
 */
export const storage = {
  // ── the data folder's lock (dataFolder.ts) ──
  holderHere: '进程 {pid}',
  holderElsewhere: '计算机 {host} 上的进程 {pid}',
  folderInUse:
    '数据目录 {dir} 正在被另一个均衡程序使用（{where}，{since} 起）。同一数据目录同时只能由一个程序打开，否则写入会丢失：请先停止该程序（如 junheng serve）再运行；如确认它已不在运行，可删除锁文件 {lockFile}',
  holderNotAnswering: '{inUse}（它没有响应备份请求：{reason}）',
  holderTokenWrong: '请求未附带正确的锁文件令牌',
  holderFailed: '正在使用数据目录的程序未能完成请求：{reason}',
  holderIncomplete: '从正在使用数据目录的程序收到的数据不完整（{received} / {size} 字节）',

  // ── students' personal-data key (personalData.ts) ──
  keyLength: '个人信息密钥应为 32 字节（64 位十六进制），收到 {bytes} 字节',
  sealedNoVersion: '个人信息密文格式不正确（缺少版本前缀 v1:）',
  sealedLength: '个人信息密文长度不正确',
  sealedUnopenable: '个人信息无法解密：密钥不对或数据被改动',
  keyNotHex: '{where} 中的个人信息密钥应为 64 位十六进制数字（32 字节），请检查或恢复备份的密钥',
  keyFileMissing:
    '找不到个人信息密钥文件 {file}（也未设置 JUNHENG_DATA_KEY），但数据库中的学生个人信息已用一把密钥加密：请把备份的 {keyFile} 放回数据目录，或设置 JUNHENG_DATA_KEY。不会生成新密钥（新密钥无法解密已有数据）',
  keyMismatch:
    '个人信息密钥（{where}）与数据库不匹配：数据库中的学生个人信息是用另一把密钥加密的。请设置正确的 JUNHENG_DATA_KEY 或恢复原来的 {keyFile}',

  // ── backup and restore (backup.ts) ──
  noDatabase: '找不到数据库 {folder}：请用 --data 指定数据目录',
  restoreNotEmpty:
    '{folder} 中已有数据库：恢复只写入新的空数据目录。请用 --data 指定一个新目录，或先把现有的 {folder} 移到别处',
  notABackup: '这不是均衡的备份文件（应为 junheng backup 写出的 .tar.gz 文件）',
  restoreFailed: '无法从该文件恢复数据库（{reason}）：文件可能不完整或不是均衡的备份文件',

  // ── migrations (migrate.ts) ──
  migrationName:
    '迁移文件名 {file} 不符合约定：应为 0001-做了什么.sql 或 20261123T1030-做了什么.sql（小写，短横线）',
  databaseNewer: '数据库已应用迁移 {name}，但本程序没有这个文件：数据库比程序新，请升级程序',
  migrationChanged: '迁移 {name} 在应用后被修改过：迁移只能新增，不能修改；请把改动写成新的迁移文件',
} as const;
