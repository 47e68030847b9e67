import { useSignal } from '../lib/ui/signals';
import type { ComponentChildren, RefObject } from 'preact';
import { useId, useRef } from '../lib/ui/hooks';

/** What a menu button hands the list it opens. */
export interface MenuListProps {
  id: string;
  label: string;
  /** The button, so that a click on it is not taken for a click outside the list. */
  button: RefObject<HTMLButtonElement | null>;
  /** Closes the list, giving the focus back to the button when `refocus`. */
  close: (refocus: boolean) => void;
}

interface Props {
  label: string;
  icon: ComponentChildren;
  /** The open list (`MenuList`, loaded when first needed): only the button is part of the first screen. */
  list: (props: MenuListProps) => ComponentChildren;
  /** A count shown on the menu button (its `label` must say it too). */
  count?: number;
}

/**
 * A menu button (WAI-ARIA menu pattern): opens with click, Enter, Space or ArrowDown. The list it opens handles
 * the keys inside it and the clicks outside (`MenuList`).
 */
export function MenuButton({ label, icon, list, count }: Props) {
  const open = useSignal(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = (refocus: boolean): void => {
    open.value = false;
    if (refocus) button.current?.focus();
  };
  return (
    <div class="lqs-menu">
      <button
        ref={button}
        type="button"
        class="lqs-icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open.value}
        aria-controls={open.value ? id : undefined}
        onClick={() => (open.value = !open.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            open.value = true;
          }
        }}
      >
        {icon}
        {count ? <span class="lqs-count lqs-count--button">{count}</span> : null}
      </button>
      {open.value && list({ id, label, button, close })}
    </div>
  );
}
