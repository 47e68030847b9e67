import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface MenuItem {
  label: string;
  icon?: ComponentChildren;
  onSelect: () => void;
  tone?: 'danger';
  /** Set for a choice among items (a radio item): whether it is the chosen one. */
  checked?: boolean;
  /** A count shown at the item's end (e.g. unread messages); `spoken` then says label and count together. */
  count?: number;
  spoken?: string;
}

interface Props {
  label: string;
  icon: ComponentChildren;
  items: MenuItem[];
  /** A count shown on the menu button (its `label` must say it too). */
  count?: number;
}

/**
 * A menu button (WAI-ARIA menu pattern): opens with click, Enter, Space or ArrowDown; arrows, Home and End move
 * between items; Escape or Tab closes; a click outside closes; choosing an item closes and runs it.
 */
export function Menu({ label, icon, items, count }: Props) {
  const open = useSignal(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open.value) return;
    menu.current?.querySelector<HTMLElement>('[role^=menuitem]')?.focus();
    const onPointer = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) open.value = false;
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open.value]);

  function close(refocus: boolean): void {
    open.value = false;
    if (refocus) button.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent): void {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role^=menuitem]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number> = {
      ArrowDown: (at + 1) % entries.length,
      ArrowUp: (at - 1 + entries.length) % entries.length,
      Home: 0,
      End: entries.length - 1,
    };
    if (event.key in move) {
      event.preventDefault();
      entries[move[event.key]!]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

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
        aria-controls={open.value ? menuId : undefined}
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
      {open.value && (
        <div id={menuId} class="lqs-menu__list" role="menu" aria-label={label} ref={menu} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
              aria-checked={item.checked}
              aria-label={item.spoken}
              tabIndex={-1}
              class="lqs-menu__item"
              data-tone={item.tone}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              <span class="lqs-menu__icon" aria-hidden="true">
                {item.icon}
              </span>
              {item.count === undefined ? (
                item.label
              ) : (
                <>
                  <span class="lqs-menu__label">{item.label}</span>
                  {item.count > 0 && (
                    <span class="lqs-count" aria-hidden="true">
                      {item.count}
                    </span>
                  )}
                </>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
