import type { ReadonlySignal } from '@preact/signals';

/** "Jane is typing…", with three animated dots; empty (but present, to keep the layout still) otherwise. */
export function TypingLine({
  name,
  agentHidden,
}: {
  name: ReadonlySignal<string | null>;
  agentHidden: ReadonlySignal<boolean>;
}) {
  const who = name.value && (agentHidden.value ? 'The agent' : name.value);
  return (
    <div class="lqs-typing" role="status">
      {who && (
        <>
          <span class="lqs-typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {who} is typing…
        </>
      )}
    </div>
  );
}
