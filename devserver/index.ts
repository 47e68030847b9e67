/** Public API of the Rocket.Chat Livechat stand-in (see devserver/README.md). */
export { startDevServer, type DevServer, type DevServerOptions } from './server';
export { Control } from './control/api';
export type { RoomView } from './control/snapshot';
export type { FaultConfig } from './faults';
export type { LogEntry, Violation, ViolationEntry } from './log';
export type { StateEvent } from './bus';
export type { HeartbeatOptions } from './ddp/session';
export { PROFILES, type Profile, type Settings, type AgentStatus } from './types';
export { defaultSettings, SUPPORT_DEPARTMENT_ID, SALES_DEPARTMENT_ID } from './seed';
