/** Replaced at build time by wxt.config.ts: a branded build's Rocket.Chat server URL, or ''. */
declare const __LQS_PRESET_SERVER__: string;
/** Replaced at build time by wxt.config.ts: a branded build's accent colour (#rrggbb), or ''. */
declare const __LQS_BRAND_ACCENT__: string;
