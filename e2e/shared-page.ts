/**
 * One started page for a serial group of tests: opened before the group's
 * first test, closed after its last. Starting a page (its runtime, its first
 * build) is the costly part of a test; the tests of one group begin from
 * where the last left the page, and put back what they rely on.
 */
import { test, type Page } from "@playwright/test";
import { Playground } from "./playground";

/** The group's page, once its `beforeAll` has opened it. */
export interface SharedPage {
  readonly page: Page;
  readonly playground: Playground;
}

/**
 * Make the calling `describe` a serial group that shares one page, opened
 * in a browser context of its own and made ready by `open`.
 */
export function sharePage(open: (playground: Playground) => Promise<void>): SharedPage {
  test.describe.configure({ mode: "serial" });
  let playground: Playground | undefined;
  const opened = (): Playground => {
    if (!playground) throw new Error("the shared page is opened in beforeAll");
    return playground;
  };
  test.beforeAll(async ({ browser }) => {
    playground = new Playground(await browser.newPage());
    await open(playground);
  });
  test.afterAll(async () => {
    await playground?.page.close();
  });
  return {
    get page() {
      return opened().page;
    },
    get playground() {
      return opened();
    },
  };
}
