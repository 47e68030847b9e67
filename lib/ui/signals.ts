/**
 * The one place the UI gets its reactive state from. Every component, model and test imports signals from here, so
 * the implementation behind it can change without touching them.
 */
export {
  batch,
  computed,
  effect,
  signal,
  useComputed,
  useSignal,
  useSignalEffect,
  type ReadonlySignal,
  type Signal,
} from '@preact/signals';
