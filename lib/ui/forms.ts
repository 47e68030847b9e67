/**
 * What the desk's forms ask and how answers are checked, kept apart from the components so the rules can be
 * tested on their own: the registration form (name, e-mail, department, custom fields, consent) and the
 * offline form (name, e-mail, department, message).
 */
import type { CustomFieldDef, Department, LivechatConfig } from '../livechat/types';
import { t } from './i18n';
import { isValidEmail } from './validate';

export type FormErrors = Record<string, string>;

export interface RegistrationPlan {
  name: boolean;
  email: boolean;
  departments: Department[];
  customFields: CustomFieldDef[];
  consent: boolean;
}

/** The registration fields exactly as the desk configures them. */
export function registrationPlan(config: LivechatConfig): RegistrationPlan {
  const form = config.registrationForm;
  return {
    name: form && config.nameField,
    email: form && config.emailField,
    departments: form ? config.departments.filter((d) => d.showOnRegistration) : [],
    customFields: form ? config.customFields : [],
    consent: config.forceDataProcessingConsent,
  };
}

export interface RegistrationAnswers {
  name: string;
  email: string;
  consent: boolean;
  custom: Record<string, string>;
}

function checkEmail(email: string, required: boolean): string | null {
  const value = email.trim();
  if (!value) return required ? t('errorEmailRequired') : null;
  return isValidEmail(value) ? null : t('errorEmailInvalid');
}

/** A custom field's error: missing when required, or not matching the desk's pattern. */
export function checkCustomField(field: CustomFieldDef, raw: string | undefined): string | null {
  const value = (raw ?? '').trim();
  if (!value) return field.required ? t('errorRequired', field.label) : null;
  if (field.type === 'select' && field.options.length > 0 && !field.options.includes(value)) {
    return t('errorChoose', field.label);
  }
  if (field.regexp) {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(field.regexp);
    } catch {
      // A pattern this browser cannot compile is the desk's mistake; the server still validates.
    }
    if (pattern && !pattern.test(value)) return t('errorPattern', field.label);
  }
  return null;
}

/** Errors by field id (`name`, `email`, `consent`, `custom-<id>`); empty when the answers can be sent. */
export function validateRegistration(plan: RegistrationPlan, answers: RegistrationAnswers): FormErrors {
  const errors: FormErrors = {};
  if (plan.name && !answers.name.trim()) errors.name = t('errorNameRequired');
  const email = plan.email ? checkEmail(answers.email, true) : null;
  if (email) errors.email = email;
  for (const field of plan.customFields) {
    const error = checkCustomField(field, answers.custom[field.id]);
    if (error) errors[`custom-${field.id}`] = error;
  }
  if (plan.consent && !answers.consent) errors.consent = t('errorConsent');
  return errors;
}

export interface OfflineAnswers {
  name: string;
  email: string;
  message: string;
}

/** The offline form always asks for name, e-mail and message: the desk answers by e-mail. */
export function validateOffline(answers: OfflineAnswers): FormErrors {
  const errors: FormErrors = {};
  if (!answers.name.trim()) errors.name = t('errorNameRequired');
  const email = checkEmail(answers.email, true);
  if (email) errors.email = email;
  if (!answers.message.trim()) errors.message = t('errorMessageRequired');
  return errors;
}

/** Departments the offline form offers. */
export function offlineDepartments(config: LivechatConfig): Department[] {
  return config.departments.filter((d) => d.showOnOfflineForm);
}
