// The order journey of the Cartwheel web app, end to end, in a headless Chromium:
// register → catalogue → live stream → order → CONFIRMED without a reload → notification → screenshots.
//
//   node order-journey.mjs <baseUrl> <screenshotPath>
//
// Writes <screenshotPath> (desktop, full page) and <screenshotPath minus .png>-phone.png (390 px wide),
// or <...>-failure.png when a step fails. Exits 0 on success, 1 on failure.

import { chromium } from 'playwright-core';

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error('usage: node order-journey.mjs <baseUrl> <screenshotPath>');
  process.exit(2);
}

const stem = screenshotPath.replace(/\.png$/i, '');
const phonePath = `${stem}-phone.png`;
const failurePath = `${stem}-failure.png`;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const STEP_TIMEOUT_MS = 15_000;
const CONFIRM_TIMEOUT_MS = 30_000;

const started = Date.now();
function step(text) {
  console.log(`[order-journey +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);
}

const byTestId = (id) => `[data-testid="${id}"]`;

async function run(page) {
  step(`opening ${baseUrl}`);
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });

  const email = `e2e-${Date.now()}@example.test`;
  step(`registering ${email}`);
  await page.fill(byTestId('register-email'), email);
  await page.fill(byTestId('register-name'), 'E2E Shopper');
  await page.fill(byTestId('register-password'), 'correct horse battery staple 42');
  await page.click(byTestId('register-submit'));

  step('waiting for the catalogue');
  const products = page.locator('[data-testid^="product-"]');
  await products.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  // The first product in stock: an out-of-stock product's Order button is disabled.
  const sku = await page.evaluate(() => [...document.querySelectorAll('[data-testid^="product-"]')]
    .map((card) => card.dataset.sku)
    .find((candidate) => !document.querySelector(`[data-testid="order-${candidate}"]`)?.disabled));
  if (!sku) throw new Error('every product in the catalogue is out of stock');
  step(`catalogue shows ${await products.count()} product(s); first in stock is ${sku}`);

  step('waiting for the live stream');
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.textContent.trim() === 'live',
    byTestId('live-indicator'), { timeout: STEP_TIMEOUT_MS });
  step('live indicator reads "live"');

  const rowsBefore = await orderRowIds(page);
  const errorsBefore = await page.locator(ERROR_TEXT).count();
  step(`ordering 1 × ${sku}`);
  await page.fill(byTestId(`qty-${sku}`), '1', { timeout: STEP_TIMEOUT_MS });
  const [placed] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/orders',
      { timeout: STEP_TIMEOUT_MS }),
    page.click(byTestId(`order-${sku}`), { timeout: STEP_TIMEOUT_MS }),
  ]);
  // the platform is set to answer before the saga ends: only the stream can show the confirmation
  if (placed.status() !== 202) throw new Error(`the order was answered ${placed.status()}, not 202 PENDING`);

  const orderId = await newOrderRow(page, rowsBefore, errorsBefore);
  step(`order ${orderId} appeared in My orders`);

  const statusSelector = `${byTestId(`order-row-${orderId}`)} ${byTestId('order-status')}`;
  step('waiting (no reload) for the order to be CONFIRMED');
  const finalStatus = await page.waitForFunction(
    (selector) => {
      const status = document.querySelector(selector)?.textContent.trim();
      return status === 'CONFIRMED' || status === 'CANCELLED' ? status : null;
    },
    statusSelector, { timeout: CONFIRM_TIMEOUT_MS }).then((handle) => handle.jsonValue());
  if (finalStatus !== 'CONFIRMED') {
    const row = await page.textContent(byTestId(`order-row-${orderId}`));
    throw new Error(`order ${orderId} ended ${finalStatus}, not CONFIRMED (row: ${row.replace(/\s+/g, ' ').trim()})`);
  }
  step('order row shows CONFIRMED');

  step('waiting for a confirmation notification');
  await page.waitForFunction(
    (selector) => /confirm/i.test(document.querySelector(selector)?.textContent || ''),
    byTestId('notifications'), { timeout: CONFIRM_TIMEOUT_MS });
  step('notification about the confirmation is listed');

  await page.screenshot({ path: screenshotPath, fullPage: true });
  step(`desktop screenshot saved to ${screenshotPath}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300); // let the layout settle
  await page.screenshot({ path: phonePath, fullPage: true });
  step(`phone screenshot saved to ${phonePath}`);
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (overflow.scrollWidth > overflow.clientWidth) {
    throw new Error(`horizontal overflow at 390 px: scrollWidth ${overflow.scrollWidth} > clientWidth ${overflow.clientWidth}`);
  }
  step('no horizontal overflow at 390 px');
}

function orderRowIds(page) {
  return page.$$eval('[data-testid^="order-row-"]', (rows) => rows.map((row) => row.dataset.testid.slice('order-row-'.length)));
}

const ERROR_TEXT = '.message-error [data-testid="message-text"]';

/**
 * The id of the order row that was not there before (My orders is newest first). A new error message
 * instead means the order was refused: fail with its text.
 */
async function newOrderRow(page, rowsBefore, errorsBefore) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const fresh = (await orderRowIds(page)).find((id) => !rowsBefore.includes(id));
    if (fresh) return fresh;
    const errors = await page.locator(ERROR_TEXT).allTextContents();
    if (errors.length > errorsBefore) throw new Error(`placing the order failed: ${errors.at(-1)}`);
    await page.waitForTimeout(200);
  }
  throw new Error(`no new order row within ${STEP_TIMEOUT_MS / 1000} s`);
}

async function main() {
  let browser;
  let page;
  try {
    step(`launching ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => console.log(`[browser error] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.log(`[browser console] ${message.text()}`);
    });
    await run(page);
    step('PASSED');
    return 0;
  } catch (error) {
    console.error(`[order-journey] FAILED: ${error.message}`);
    if (page) {
      await page.screenshot({ path: failurePath, fullPage: true })
        .then(() => console.error(`[order-journey] failure screenshot saved to ${failurePath}`))
        .catch((e) => console.error(`[order-journey] could not save a failure screenshot: ${e.message}`));
    }
    return 1;
  } finally {
    await browser?.close().catch(() => {});
  }
}

process.exit(await main());
