// Talks to the host runner (test/host/run-vscode-tests.mjs), which drives the workbench page: only
// available in the code-server host, where VSCODE_TEST_UI_URL is set in the extension host.
import * as http from 'http';

export const workbenchUiUrl = process.env.VSCODE_TEST_UI_URL;

/**
 * The quick input (input boxes, quick picks) while it shows. A closed one stays in the DOM, hidden,
 * with its last text: matching that would let a test type before the next one has opened.
 */
export const quickInput = '.quick-input-widget:visible';

function get(pathAndQuery: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(`${workbenchUiUrl}${pathAndQuery}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(body))));
    }).on('error', reject);
  });
}

/** innerText of every workbench element matching a CSS selector, with Monaco's non-breaking spaces as spaces. */
export async function workbenchText(selector: string): Promise<string> {
  const text = await get(`/text?selector=${encodeURIComponent(selector)}`);
  return text.replace(/\u00a0/g, ' ');
}

/**
 * What a person cannot read whole under the first element matching `selector`: each text its box
 * cuts off ("cut: …"), and each list whose rows do not all fit without scrolling. Empty when all of it shows.
 */
export async function clippedText(selector: string): Promise<string[]> {
  return JSON.parse(await get(`/clipped?selector=${encodeURIComponent(selector)}`)) as string[];
}

/** Saves a PNG of the page, or of one element, and returns the file's path. */
export function screenshot(name: string, selector?: string): Promise<string> {
  const element = selector ? `&selector=${encodeURIComponent(selector)}` : '';
  return get(`/screenshot?name=${encodeURIComponent(name)}${element}`);
}

/** Polls the workbench's text under `selector` until `predicate` holds, or fails after `timeoutMs`. */
export async function waitForWorkbenchText(selector: string, predicate: (text: string) => boolean, timeoutMs = 10000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await workbenchText(selector);
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`workbench text under ${selector} never matched; last seen:\n${text}`);
}

/** Clicks the first workbench element matching a CSS selector (Playwright selectors work too), holding `modifiers` (e.g. Control). */
export async function click(selector: string, modifiers: readonly string[] = []): Promise<void> {
  await get(`/click?selector=${encodeURIComponent(selector)}${modifiers.length ? `&modifiers=${modifiers.join(',')}` : ''}`);
}

/** Right-clicks the first workbench element matching a selector, opening its context menu. */
export async function rightClick(selector: string): Promise<void> {
  await get(`/click?selector=${encodeURIComponent(selector)}&button=right`);
}

/**
 * Clicks an item of the context menu that is opening. A menu ignores the pointer for a moment after
 * it opens (a guard against the click that opened it), so the item is clicked once it has shown and
 * that moment has passed.
 */
export async function clickMenuItem(title: string): Promise<void> {
  await waitForWorkbenchText('.monaco-menu', (t) => t.includes(title));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await click(`.monaco-menu .action-item:has-text("${title}")`);
}

/** Types text on the keyboard into whatever has focus (an input box, a dialog). */
export async function typeText(text: string): Promise<void> {
  await get(`/type?text=${encodeURIComponent(text)}`);
}

export async function pressKey(key: string): Promise<void> {
  await get(`/press?key=${encodeURIComponent(key)}`);
}
