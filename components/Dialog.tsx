import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from '../lib/ui/hooks';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './forms.css';

interface Props {
  title: string;
  /** `alertdialog` for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  children: ComponentChildren;
  onCancel: () => void;
}

const FOCUSABLE = 'button:not(:disabled), select, input, textarea, a[href], [tabindex="0"]';

/**
 * A modal card over the chat. Focus moves into it (to the element marked `data-autofocus`, else the first
 * control), stays inside while it is open, and returns to where it was; Escape or a click outside cancels.
 */
export function Dialog({ title, role = 'dialog', children, onCancel }: Props) {
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const root = card.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => before?.focus?.();
  }, []);

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !card.current) return;
    const controls = [...card.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div
      class="lqs-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onCancel();
      }}
    >
      <div class="lqs-dialog" role={role} aria-modal="true" aria-labelledby={titleId} ref={card} onKeyDown={onKeyDown}>
        <h2 id={titleId} class="lqs-dialog__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
