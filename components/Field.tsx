import type { Signal } from '../lib/ui/signals';
import type { ComponentChildren } from 'preact';
import { t } from '../lib/ui/i18n';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './forms.css';

interface Base {
  id: string;
  label: string;
  value: Signal<string>;
  error?: string;
  hint?: string;
  required?: boolean;
  /** Says "(optional)" after the label, for fields a desk lets the visitor skip. */
  optional?: boolean;
}

/**
 * The label, the control, then its error or hint, tied together with `aria-describedby`. An error is an alert:
 * it is read out when it appears, also when the field does not take the focus (a refusal after saving).
 */
function Wrap({ id, label, error, hint, optional, children }: Omit<Base, 'value'> & { children: ComponentChildren }) {
  return (
    <div class="lqs-field">
      <label for={id}>
        {label}
        {optional && <span class="lqs-field__optional"> {t('optionalMark')}</span>}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} class="lqs-field__error" role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} class="lqs-field__hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

function described(id: string, error?: string, hint?: string): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** A text, e-mail, URL or multi-line input bound to a signal. */
export function TextField(
  props: Base & { type?: 'text' | 'email' | 'url'; autocomplete?: string; multiline?: boolean; placeholder?: string },
) {
  const { id, value, error, hint, required, type = 'text', autocomplete, multiline, placeholder } = props;
  const common = {
    id,
    required,
    placeholder,
    'aria-required': required,
    'aria-invalid': Boolean(error),
    'aria-describedby': described(id, error, hint),
  };
  return (
    <Wrap {...props}>
      {multiline ? (
        <textarea {...common} rows={3} value={value.value} onInput={(ev) => (value.value = ev.currentTarget.value)} />
      ) : (
        <input
          {...common}
          // One literal for the checker: Preact's input types pair other `type`s with extra attributes.
          type={type as 'text'}
          inputMode={type === 'url' ? 'url' : undefined}
          autocomplete={autocomplete}
          value={value.value}
          onInput={(ev) => (value.value = ev.currentTarget.value)}
        />
      )}
    </Wrap>
  );
}

/** A drop-down bound to a signal; `placeholder` is the empty first choice. */
export function SelectField(props: Base & { options: Array<{ value: string; label: string }>; placeholder?: string }) {
  const { id, value, error, hint, required, options, placeholder } = props;
  return (
    <Wrap {...props}>
      <select
        id={id}
        value={value.value}
        required={required}
        aria-required={required}
        aria-invalid={Boolean(error)}
        aria-describedby={described(id, error, hint)}
        onChange={(ev) => (value.value = ev.currentTarget.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

/** A checkbox with its label beside it (consent). */
export function CheckField(props: { id: string; label: string; checked: Signal<boolean>; error?: string }) {
  const { id, label, checked, error } = props;
  return (
    <div class="lqs-field lqs-field--check">
      <input
        id={id}
        type="checkbox"
        checked={checked.value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(ev) => (checked.value = ev.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {error && (
        <p id={`${id}-error`} class="lqs-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The end of a form: the server's refusal (announced), then the submit button, which says when it is busy. */
export function FormSubmit(props: {
  failure: Signal<string | null>;
  busy: Signal<boolean>;
  label: string;
  busyLabel: string;
}) {
  const { failure, busy, label, busyLabel } = props;
  return (
    <>
      {failure.value && (
        <p class="lqs-form__failure" role="alert">
          {failure.value}
        </p>
      )}
      <button type="submit" class="lqs-button lqs-button--primary lqs-button--wide" disabled={busy.value}>
        {busy.value ? busyLabel : label}
      </button>
    </>
  );
}

/** Moves focus to the first field the form marked invalid, so the visitor lands on what to fix. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
