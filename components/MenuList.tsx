import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from '../lib/ui/hooks';
import { MenuButton, type MenuListProps } from './Menu';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './menu.css';

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

/**
 * An open menu's items (WAI-ARIA menu pattern): the first takes the focus; arrows, Home and End move between
 * items; Escape or Tab closes; a click outside closes; choosing an item closes and runs it.
 */
export function MenuList({ id, label, button, close, items }: MenuListProps & { items: MenuItem[] }) {
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role^=menuitem]')?.focus();
    const onPointer = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, []);

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
    <div id={id} class="lqs-menu__list" role="menu" aria-label={label} ref={menu} onKeyDown={onMenuKey}>
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
  );
}

/** A menu button with its items at hand, for parts that are themselves loaded on demand. */
export function Menu({
  label,
  icon,
  items,
  count,
}: {
  label: string;
  icon: ComponentChildren;
  items: MenuItem[];
  count?: number;
}) {
  return <MenuButton label={label} icon={icon} count={count} list={(props) => <MenuList {...props} items={items} />} />;
}
