/**
 * @module The password rule as the server states it (packages/db checkPasswordStrength), checked
 * in the form before sending so the user sees the reason at once. The server has the last word.
 */
import { t } from '../../shared/messages';

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 256;

/** The rule, shown next to every new-password input. */
export const passwordRule = () => t('web.accounts.passwordRule', { min: PASSWORD_MIN_LENGTH });

/**
 * What is wrong with a new password, or null (the server may still refuse a common one).
 * @param password the proposed password
 * @param username the account's username
 */
export function passwordProblem(password: string, username: string): string | null {
  const pw = password.normalize('NFC');
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH)
    return t('web.accounts.passwordTooShort', { min: PASSWORD_MIN_LENGTH, length });
  if (length > PASSWORD_MAX_LENGTH) return t('web.accounts.passwordTooLong', { max: PASSWORD_MAX_LENGTH });
  if (/^\d+$/.test(pw)) return t('web.accounts.passwordAllDigits');
  const name = username.trim().toLowerCase();
  if (name !== '' && pw.toLowerCase().includes(name)) return t('web.accounts.passwordHasUsername');
  if (new Set(pw).size < 4) return t('web.accounts.passwordRepetitive');
  return null;
}
