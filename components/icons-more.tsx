/** Icons of parts loaded on demand (menus, forms, the survey), out of what the popup loads on open. */
import { base, stroke } from './icons';

export function StarIcon() {
  return (
    <svg {...base} width={28} height={28} fill="currentColor" stroke="currentColor" stroke-width={1.5}>
      <path d="m12 2.8 2.8 5.7 6.3.9-4.6 4.4 1.1 6.3L12 17.1l-5.6 3 1.1-6.3L2.9 9.4l6.3-.9z" />
    </svg>
  );
}

export function SwitchIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M17 3l4 4-4 4M21 7H9M7 21l-4-4 4-4M3 17h12" />
    </svg>
  );
}

export function EndIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg {...base} {...stroke} width={28} height={28}>
      <path d="M20 6 9 17l-5-5" />
    </svg>
  );
}

export function ShareIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M4 12v7a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-7M16 6l-4-4-4 4M12 2v13" />
    </svg>
  );
}

export function CameraIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M3 8a2 2 0 0 1 2-2h2l2-3h6l2 3h2a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
      <circle cx="12" cy="13" r="3.5" />
    </svg>
  );
}

export function HistoryIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2" />
    </svg>
  );
}

export function DownloadIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </svg>
  );
}

export function ServerIcon() {
  return (
    <svg {...base} {...stroke} width={28} height={28}>
      <rect x="3" y="4" width="18" height="7" rx="2" />
      <rect x="3" y="13" width="18" height="7" rx="2" />
      <path d="M7 7.5h.01M7 16.5h.01" />
    </svg>
  );
}

export function MoonIcon() {
  return (
    <svg {...base} {...stroke} width={28} height={28}>
      <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...base} {...stroke}>
      <path d="M18 6 6 18M6 6l12 12" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg {...base} {...stroke} width={22} height={22}>
      <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
      <path d="M14 2v6h6" />
    </svg>
  );
}

/** The "New messages" button's arrow (components/JumpButton.tsx). */
export function ArrowDownIcon() {
  return (
    <svg {...base} {...stroke} width={16} height={16}>
      <path d="M12 5v14M19 12l-7 7-7-7" />
    </svg>
  );
}
