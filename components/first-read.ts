/**
 * The stored first screen's read (lib/first-screen.ts), started when the chat page's code begins to run: the chat
 * page imports this module before anything else, so the request leaves before any other module's top-level code
 * (the markdown renderer's import, for one, which posts its own requests to the browser) and storage answers
 * sooner.
 */
import { browser } from 'wxt/browser';
import { loadFirstScreen } from '../lib/first-screen';

export const firstScreen = loadFirstScreen(browser.storage, browser.runtime.getManifest().version);
