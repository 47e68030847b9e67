import type { ComponentChildren } from 'preact';
import { useId } from '../lib/ui/hooks';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './notice.css';

interface Props {
  icon?: ComponentChildren;
  title: string;
  children?: ComponentChildren;
  action?: { label: string; onClick: () => void };
}

/** A centred full-body message: no server, chat disabled, desk offline, connecting, offline message sent. */
export function NoticePanel({ icon, title, children, action }: Props) {
  const titleId = useId();
  return (
    <section class="lqs-notice" aria-labelledby={titleId}>
      {icon && (
        <div class="lqs-notice__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 id={titleId} class="lqs-notice__title">
        {title}
      </h2>
      {children && <div class="lqs-notice__body">{children}</div>}
      {action && (
        <button type="button" class="lqs-button lqs-button--primary" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </section>
  );
}
