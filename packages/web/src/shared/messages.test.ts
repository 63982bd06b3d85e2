import { afterEach, describe, expect, it } from 'vitest';
import { applyMessageOverrides, clearMessageOverrides, loadMessageOverrides, t } from './messages';

describe("a province's overrides on the web", () => {
  afterEach(() => clearMessageOverrides());

  it('merges the overrides the server serves over the catalogue, keeping the other words', () => {
    expect(t('web.shared.loggedOut')).toBe('已退出登录');
    const taken = applyMessageOverrides({
      'web.shared.loggedOut': '您已安全退出',
      'web.api.serverError': '服务器故障（{status}），请联系管理员',
    });
    expect(taken).toEqual(['web.shared.loggedOut', 'web.api.serverError']);
    expect(t('web.shared.loggedOut')).toBe('您已安全退出');
    expect(t('web.api.serverError', { status: 500 })).toBe('服务器故障（500），请联系管理员');
    expect(t('web.shared.noPermission')).toBe('您没有使用该功能的权限');
  });

  it("leaves out what the catalogue would refuse and the server's own keys", () => {
    const taken = applyMessageOverrides({
      'web.no.such': 'x',
      'common.policyDenied': '本省：{reason}',
      'web.api.requestFailed': '请求失败（{status}、{extra}）',
      'web.shared.loggedOut': 3,
      'web.api.serverError': '服务器故障',
      'web.shared.importDone': '已导入',
    });
    expect(taken).toEqual(['web.shared.importDone']);
    expect(t('web.api.serverError', { status: 502 })).toBe('服务器出错（502），请稍后再试');
    expect(applyMessageOverrides(null)).toEqual([]);
    expect(applyMessageOverrides(['x'])).toEqual([]);
  });

  it('loads them before the app mounts and tolerates a failed or slow request', async () => {
    await loadMessageOverrides(async () => ({ 'web.shared.loggedOut': '再见' }));
    expect(t('web.shared.loggedOut')).toBe('再见');
    clearMessageOverrides();
    await expect(loadMessageOverrides(() => Promise.reject(new Error('offline')))).resolves.toBeUndefined();
    const never = new Promise<Record<string, string>>(() => {});
    await expect(loadMessageOverrides(() => never, 10)).resolves.toBeUndefined();
    expect(t('web.shared.loggedOut')).toBe('已退出登录');
  });
});
