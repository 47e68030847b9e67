/**
 * The first screen a chat page shows while the worker wakes up: the desk a new chat opens on, as a snapshot with
 * only its newest messages (`lib/first-screen-shape.ts`). The worker keeps it in storage under one small key; a
 * chat page starts reading that key before anything else, so a stopped worker's start, its desk restore and its
 * full snapshot are off the path to the first screen. The worker's snapshot then replaces it. It is a cache: a
 * value of another version, or one that fails a check (storage can hold anything), is ignored, and the worker
 * writes a fresh one. This module is only the key: chat pages import it eagerly.
 */

/** The `chrome.storage.local` key (one for the extension: the desk a new chat opens on). */
export const FIRST_SCREEN_KEY = 'firstScreen';
