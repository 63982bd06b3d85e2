/**
 * @module The characters a catalogue template cannot hold (the web's vue-i18n reads them as syntax),
 * filled in as parameters: `{or}` is the `|` between the alternatives of a command synopsis, `{at}`
 * the `@` of a connection string (core messages/zh-CN/cli.ts).
 */
export const SYNTAX = { or: '|', at: '@' } as const;
