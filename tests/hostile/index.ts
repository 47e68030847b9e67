/** The hostile-server fixture the trust tests share: a recording second origin and a hostile agent. */
export * from './agent';
export * from './origin';
