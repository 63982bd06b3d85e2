/**
 * @module What an account rule finds wrong: a catalogue key and its parameters (the words are the
 * catalogue's, zh-CN/accounts.ts). The caller decides how to refuse (the server's commands with a
 * Refusal and the matching code).
 */
import type { MessageKey } from '../messages/catalogue.js';
import type { MessageParams } from '../messages/format.js';

export interface AccountProblem {
  key: MessageKey;
  params?: MessageParams;
}
