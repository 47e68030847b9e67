/** Replaced at build time by wxt.config.ts: a branded build's Rocket.Chat server URL, or ''. */
declare const __LQS_PRESET_SERVER__: string;
/** Replaced at build time by wxt.config.ts: a branded build's accent colour (#rrggbb), or ''. */
declare const __LQS_BRAND_ACCENT__: string;
/** Replaced at build time by wxt.config.ts: the header's colours before the worker sends a desk's (lib/accent.ts). */
declare const __LQS_DEFAULT_THEME__: import('./accent').AccentPair;
/** Replaced at build time by wxt.config.ts: true when a branded build keeps the visitor on its own desk. */
declare const __LQS_SINGLE_DESK__: boolean;
