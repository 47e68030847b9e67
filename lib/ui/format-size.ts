/** File sizes as a visitor reads them: only parts that handle files (loaded when one is attached or shown) ask. */
import { locale } from './i18n';

/** "512 B", "1.4 MB": a file size as a visitor reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  let number: string;
  try {
    number = value.toLocaleString(locale.value, { maximumFractionDigits: value < 10 ? 1 : 0 });
  } catch {
    number = value.toFixed(value < 10 ? 1 : 0);
  }
  return `${number} ${units[unit]}`;
}
