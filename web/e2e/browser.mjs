// Starts Debian's headless Chromium through playwright-core, the same way
// for the end-to-end tests and the performance script.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// launch returns {browser, close}; every run gets a fresh profile so no
// cache or storage leaks from one run into the next.
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "archivegraph-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // Without a GPU, WebGL (which sigma draws with) needs the software
      // renderer; recent Chromium only offers it when asked.
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
