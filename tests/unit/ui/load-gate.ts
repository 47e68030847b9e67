/** A promise the test opens: a mocked lazy module waits on it, so the test sees the page before that module is in. */
export function loadGate(): { open(): void; opened: Promise<void> } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open: () => open(), opened };
}
