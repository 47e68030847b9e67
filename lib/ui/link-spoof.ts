/**
 * A link whose words are an address (`https://bank.example.com/login`, `bank.example.com`) but whose target is
 * another host is the classic phishing shape; the chat then shows where the link really goes.
 */

/** A label that reads as a web address: with a scheme, or a bare `host.tld[/…]`. */
const BARE_HOST = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');

function hostOfLabel(label: string): string | null {
  const words = label.trim();
  if (!words || /\s/.test(words)) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(words) ? words : BARE_HOST.test(words) ? `https://${words}` : null;
  if (!candidate) return null;
  try {
    return new URL(candidate).hostname || null;
  } catch {
    return null;
  }
}

/**
 * The host `href` really leads to when `label` reads as an address of another host (`www.` aside), else null.
 * A label that is not an address ("our pricing page") is never misleading in this sense.
 */
export function misleadingLinkHost(label: string, href: string): string | null {
  const shown = hostOfLabel(label);
  if (!shown) return null;
  let real: URL;
  try {
    real = new URL(href);
  } catch {
    return null;
  }
  if (real.protocol === 'mailto:') return null;
  return bare(shown) === bare(real.hostname) ? null : real.host;
}
