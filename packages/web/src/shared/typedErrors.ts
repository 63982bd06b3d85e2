/**
 * @module What is typed wrong in a page's number fields (NumberField's `error` events), kept by
 * field so that an action refuses to run on the field's last good value while the text says
 * something else — the refusal names the field and the fix (numberInput.ts composes it).
 */
import { ref } from 'vue';

export function useTypedErrors() {
  const typed = ref<Record<string, string>>({});
  return {
    typed,
    /** Records one field's `error` event: `@error="(m: string) => typedErrors.set('year', m)"`. */
    set: (field: string, message: string) => {
      typed.value = { ...typed.value, [field]: message };
    },
    /**
     * The first standing message of these fields (of every field without a list), or '' when they
     * hold what they show.
     */
    first: (fields?: readonly string[]): string =>
      (fields ? fields.map((f) => typed.value[f]) : Object.values(typed.value)).find(Boolean) ?? '',
  };
}
