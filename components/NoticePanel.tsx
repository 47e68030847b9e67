import type { ComponentChildren } from 'preact';

interface Props {
  icon?: ComponentChildren;
  title: string;
  children?: ComponentChildren;
  action?: { label: string; onClick: () => void };
}

/** A centred full-body message: no server, chat disabled, desk offline, connecting. */
export function NoticePanel({ icon, title, children, action }: Props) {
  return (
    <section class="lqs-notice" aria-labelledby="lqs-notice-title">
      {icon && (
        <div class="lqs-notice__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 id="lqs-notice-title" class="lqs-notice__title">
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
