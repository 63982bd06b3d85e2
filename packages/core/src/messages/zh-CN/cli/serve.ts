/** junheng serve：启动网页服务。键 = cli.serve.<名称>。 */
export const serve = {
  help:
    '  junheng serve [--port 3000] [--host 127.0.0.1] [--data 目录 {or} --database URL] [--no-demo]\n' +
    '                [--log-format text{or}json]\n' +
    '                                       启动网页服务（接口与网页端）。数据库为空时载入演示县，\n' +
    '                                       此后启动保留已有数据；--trust-proxy 在 HTTPS 反向代理之后使用；\n' +
    '                                       每个请求和每个服务器错误（含调用栈）记入标准错误输出，\n' +
    '                                       --log-format json 改为每行一个 JSON（默认 text）',
  badPort: '端口 {port} 无效：应为 0～65535',
  badLogFormat: '--log-format 的值 “{value}” 无效：应为 {choices}',
  portInUse: '端口 {port} 已被占用：请关闭占用它的程序，或用 --port 换一个端口',
  started: '均衡 junheng 已启动：{url}/',
  data: '数据：{where}',
  publicPage: '公示页（无需登录）：{url}/public',
  apiDocs: '接口文档：{url}/api/docs',
  demoAccounts: '演示账户（用户名 / 密码 / 角色）：',
  stopHint: '按 Ctrl+C 停止。',
  stopping: '正在停止…',
} as const;
