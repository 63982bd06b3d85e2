/**
 * 命令行总览：帮助的开头与退出码、未知命令、参数错误。键 = cli.main.<名称>。
 * {or} 是命令用法中备选项之间的竖线（模板中不能直接写竖线）。
 */
export const main = {
  helpIntro: 'junheng — 县域义务教育均衡发展督导评估\n\n用法：',
  helpExitCodes:
    '\n退出码：0 正常（达标；审计日志完整；派位复算一致；派位、录取完成；划片完成）；1 县域未达标或数据不全，审计日志校验失败，\n' +
    '        迁移被拒绝，派位复算不一致，划片求解失败；\n' +
    '        2 输入无效（含数据库无法连接）。',
  unknownCommand: '未知命令 “{command}”。\n\n{help}',
  argNegative: '参数错误：“{arg}” 以负号开头。随机种子不能带负号：种子是现场公开摇出的一串数字 0–9，不是数值',
  argUnknownOption: '参数错误：没有选项 “{option}”',
  argInvalidValue: '参数错误：选项 “{option}” 缺少值或值无效',
  argUnexpected: '参数错误：多余的参数 “{arg}”',
  argOther: '参数错误：{detail}',
  seeHelp: '运行 junheng help 查看用法',
  internalError: '内部错误：{detail}',
} as const;
