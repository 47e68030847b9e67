/** Input checks shared by the registration form and the options page. */

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** A pragmatic e-mail check: one "@", no spaces, a dotted domain. The server has the last word. */
export function isValidEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}
