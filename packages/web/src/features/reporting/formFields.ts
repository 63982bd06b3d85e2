/**
 * @module The annual report form's fields for the signed-in user's pages: the server's (GET /api/meta,
 * with help texts), or core's while the meta data has not come. Kept out of shared/session.ts so that
 * the public pages, which load the session, do not download the form and its checks.
 */
import { computed } from 'vue';
import { session } from '../../shared/session';
import { reportFields } from './reportForm';

export const formFields = computed(() => reportFields(session.meta?.reportFields));
