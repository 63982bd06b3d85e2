/**
 * 请求失败时网页自己说的话（服务器的回答不是接口的错误 JSON，或根本没有回答）。服务器的拒绝用它自己的
 * 提示语。键 = web.api.<名称>；占位符 {名称}。
 */
export const api = {
  status400: '请求有误，请检查填写的内容',
  status401: '尚未登录或登录已过期，请重新登录',
  status403: '没有权限进行此操作',
  status404: '要找的内容不存在或无权查看',
  status409: '操作与当前状态冲突，请刷新后重试',
  status413: '上传的文件太大',
  status422: '提交的数据有误',
  status429: '请求过于频繁，请稍后再试',
  status502: '服务器暂时不可用（网关错误），请稍后再试',
  status503: '服务器暂时不可用，请稍后再试',
  status504: '服务器响应超时，请稍后再试',
  serverError: '服务器出错（{status}），请稍后再试',
  requestFailed: '请求失败（{status}）',
  network: '无法连接服务器：请检查网络后重试',
  failed: '操作失败，请稍后再试',
  badResponse: '服务器返回的内容无法识别',
  badResponseReload: '服务器返回的内容无法识别，请刷新页面后重试',
} as const;
