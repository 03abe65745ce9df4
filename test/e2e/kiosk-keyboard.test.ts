/**
 * The kiosk's in-app keyboard (ux.md K18/K19/K20/K16/K3/K5): journeys done by
 * tapping its keys only — no page.keyboard, no fill — with the OS keyboard
 * never used (no keydown reaches the page), pinyin candidates, the caret, the
 * hardware keyboard alongside it, the reset, and the large-text mode; and
 * the candidate bar by Tab and Enter/Space alone (keyboard and switch access).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';
import { badgeCodeOnScreen, continueButton, idbAll, waitHeading } from './kiosk-helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/** A resident ID number whose GB 11643 check digit is X. */
const ID_WITH_X = '44052419800101003X';

async function kiosk(): Promise<Page> {
  const page = await h.open('kiosk');
  await waitHeading(page, '欢迎光临');
  // Counts every key event the page sees: the on-screen keyboard must not need one.
  await page.evaluate(() => {
    const w = window as unknown as { osKeys: number };
    w.osKeys = 0;
    document.addEventListener('keydown', () => (w.osKeys += 1), true);
  });
  return page;
}

function osKeys(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { osKeys: number }).osKeys);
}

/** Taps each character's key on the docked keyboard; returns the number of taps. */
async function tap(page: Page, text: string): Promise<number> {
  for (const ch of text) {
    const key = ch === ' ' ? '{space}' : ch;
    await page.locator(`.k-kb button[data-skbtn="${key}"]`).click();
  }
  return text.length;
}

/** Taps a pinyin candidate, paging forward until it shows; returns the number of taps. */
async function pick(page: Page, char: string): Promise<number> {
  for (let taps = 1; taps < 10; taps++) {
    const item = page.locator('.k-kb .hg-candidate-box-list-item').filter({ hasText: new RegExp(`^${char}$`) });
    if ((await item.count()) > 0) {
      await item.click();
      return taps;
    }
    await page.locator('.k-kb .hg-candidate-box-next').click();
  }
  throw new Error(`candidate ${char} not offered`);
}

/** What has focus, as the test names it: `cand:王`, `prev`, `next`, `key:w`, the field's id, or a button's text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    if (el.closest('.hg-candidate-box-list-item')) return `cand:${el.textContent ?? ''}`;
    if (el.closest('.hg-candidate-box-prev')) return 'prev';
    if (el.closest('.hg-candidate-box-next')) return 'next';
    const key = el.getAttribute('data-skbtn');
    if (key) return `key:${key}`;
    return el.id ? `#${el.id}` : (el.textContent ?? '').trim();
  });
}

/** Moves focus with Tab, or Shift+Tab towards earlier elements, until `target` has it; returns the stops passed. */
async function tabTo(page: Page, target: Locator): Promise<string[]> {
  const back = await target.evaluate((el) => {
    const from = document.activeElement ?? document.body;
    return from !== el && (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  });
  const stops: string[] = [];
  for (let n = 0; n < 80; n++) {
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    stops.push(await focused(page));
  }
  throw new Error(`Tab never reached ${String(target)}; stops: ${stops.join(' ')}`);
}

/** Types on the on-screen keyboard with the keyboard alone, as a switch does: Tab to each key, Enter. */
async function typeByTab(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    await tabTo(page, page.locator(`.k-kb button[data-skbtn="${ch}"]`));
    await page.keyboard.press('Enter');
  }
}

/** The candidates on the bar now, by their buttons' accessible names. */
async function candidateNames(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: '候选字' });
  return Promise.all((await list.getByRole('button').all()).map(async (b) => (await b.getAttribute('aria-label')) ?? (await b.innerText())));
}

async function keyboardShown(page: Page): Promise<void> {
  await page.locator('.k-kb button.hg-button').first().waitFor();
}

async function askReceptionShown(page: Page): Promise<void> {
  // K20: every screen that needs text offers reception's help.
  expect(await page.getByRole('button', { name: '需要帮助', exact: true }).isVisible()).toBe(true);
}

describe('kiosk on-screen keyboard', () => {
  it('K18/K19/K20 R-V4 walk-in completed by tapping only the in-app keyboard: mobile, 王小明 by pinyin in ≤ 15 taps, company, host search, ID number with X; then sign-out by badge code and a pinyin comment', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await waitHeading(page, '请输入您的手机号码');
    await keyboardShown(page);
    await askReceptionShown(page);
    // The mobile gets the numeric pad: no letters on it.
    expect(await page.locator('.k-kb button[data-skbtn="q"]').count()).toBe(0);
    await tap(page, '13800138000');
    expect(await page.getByLabel('手机号码').inputValue()).toBe('13800138000');
    await continueButton(page).click();

    await waitHeading(page, '请问您的姓名？');
    await keyboardShown(page);
    await askReceptionShown(page);
    let taps = 0;
    taps += await tap(page, 'wang');
    // K19: at least six candidates on a page, each a 48 px target.
    const boxes = await page.locator('.k-kb .hg-candidate-box-list-item').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(boxes.length).toBeGreaterThanOrEqual(6);
    for (const [w, hgt] of boxes) expect(Math.min(w!, hgt!)).toBeGreaterThanOrEqual(48);
    await screenshot(page, 'kiosk-kb-name-candidates');
    taps += await pick(page, '王');
    taps += await tap(page, 'xiao');
    taps += await pick(page, '小');
    taps += await tap(page, 'ming');
    taps += await pick(page, '明');
    expect(await page.getByLabel('姓名').inputValue()).toBe('王小明');
    expect(taps).toBeLessThanOrEqual(15);
    await continueButton(page).click();

    await waitHeading(page, '请问您来自哪个单位？');
    await keyboardShown(page);
    await askReceptionShown(page);
    await tap(page, 'xing');
    await pick(page, '星');
    await tap(page, 'he');
    await pick(page, '河');
    expect(await page.getByLabel('单位名称（选填）').inputValue()).toBe('星河');
    await continueButton(page).click();

    await waitHeading(page, '请问您来访的事由是？');
    await page.getByLabel('商务洽谈').check();
    await continueButton(page).click();

    await waitHeading(page, '请问您要拜访哪一位？');
    await keyboardShown(page);
    await askReceptionShown(page);
    await tap(page, 'zs');
    await page.getByRole('button', { name: /张三 · 研发部/ }).click();
    await continueButton(page).click();

    await waitHeading(page, '请登记您的证件');
    await keyboardShown(page);
    await askReceptionShown(page);
    // The resident ID gets digits and X only.
    expect(await page.locator('.k-kb button[data-skbtn="X"]').count()).toBe(1);
    expect(await page.locator('.k-kb button[data-skbtn="A"]').count()).toBe(0);
    await tap(page, ID_WITH_X);
    expect(await page.getByLabel('身份证号码（18 位）').inputValue()).toBe(ID_WITH_X);
    await screenshot(page, 'kiosk-kb-id');
    await page.getByLabel(/我同意贵司/).check();
    await continueButton(page).click();
    await waitHeading(page, '签到成功');

    const code = await badgeCodeOnScreen(page);
    const visit = (await idbAll(page, 'visits')).find((v) => v.badgeCode === code);
    expect(visit?.name).toBe('王小明');
    expect(visit?.company).toBe('星河');
    expect(visit?.phone).toBe('+8613800138000');
    expect(visit?.hostName).toBe('张三');

    // R-V8 sign-out by the badge code on the capitals-and-digits keyboard, then a comment by pinyin.
    await page.getByRole('button', { name: '完成', exact: true }).click();
    await waitHeading(page, '欢迎光临');
    await page.getByRole('button', { name: '离开签退' }).click();
    await keyboardShown(page);
    await askReceptionShown(page);
    await tap(page, code);
    expect(await page.getByLabel('胸卡编号（8 位）').inputValue()).toBe(code);
    await page.getByRole('button', { name: '签退', exact: true }).click();
    await page.getByRole('button', { name: /非常满意/ }).click();
    await page.getByLabel('还有什么想告诉我们的吗？（选填）').click();
    await keyboardShown(page);
    await tap(page, 'hao');
    await pick(page, '好');
    expect(await page.getByLabel('还有什么想告诉我们的吗？（选填）').inputValue()).toBe('好');
    expect(await osKeys(page)).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('K19 K18 WCAG 2.1.1 (keyboard, switch access): every pinyin candidate and page arrow is a named button reached by Tab between the navigation and the keys, chosen with Enter or Space; focus stays in the bar on a page turn and goes back after a pick', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await waitHeading(page, '请输入您的手机号码');
    // A hardware keyboard types the number and submits.
    await page.getByLabel('手机号码').focus();
    await page.keyboard.type('13800138000');
    await page.keyboard.press('Enter');
    await waitHeading(page, '请问您的姓名？');
    await keyboardShown(page);
    const name = page.getByLabel('姓名');
    expect(await focused(page)).toBe(`#${await name.getAttribute('id')}`);

    // The on-screen keys by Tab and Enter only, then into the bar that appears above them.
    await typeByTab(page, 'wang');
    expect(await name.inputValue()).toBe('wang');
    expect(await focused(page)).toBe('key:g');
    const page1 = await candidateNames(page);
    expect(page1.length).toBeGreaterThanOrEqual(6);
    expect(page1).toContain('王');
    for (const c of page1) expect([...c]).toHaveLength(1);
    expect(await page.getByRole('button', { name: '下一页', exact: true }).isEnabled()).toBe(true);
    // On the first page there is no previous page: not shown and no Tab stop.
    const prev = page.locator('.k-kb .hg-candidate-box-prev button');
    expect(await prev.isDisabled()).toBe(true);
    expect(await prev.isVisible()).toBe(false);

    // Backwards from the keys: the next-page arrow, the candidates right to left, then out to the navigation.
    const up = await tabTo(page, page.getByRole('button', { name: '下一页', exact: true }));
    expect(up.at(-2)).toBe('key:1');
    const back: string[] = [];
    for (let i = 0; i <= page1.length; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push(await focused(page));
    }
    expect(back).toEqual([...page1.map((c) => `cand:${c}`).reverse(), '需要帮助']);
    // …and forwards again into the bar, where a candidate shows the focus ring.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(`cand:${page1[0]}`);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle);
    expect(ring).toBe('solid');
    await screenshot(page, 'kiosk-kb-candidates-tab-focus');

    // Space picks 王. Focus came into the bar from the navigation, so it goes back to the field.
    await tabTo(page, page.getByRole('list', { name: '候选字' }).getByRole('button', { name: '王', exact: true }));
    await page.keyboard.press('Space');
    expect(await name.inputValue()).toBe('王');
    expect(await page.locator('.hg-candidate-box').count()).toBe(0);
    expect(await focused(page)).toBe(`#${await name.getAttribute('id')}`);

    // "xiao" has four pages. Enter on the next-page arrow turns the page and keeps focus on the arrow.
    await typeByTab(page, 'xiao');
    const xiao1 = await candidateNames(page);
    await tabTo(page, page.getByRole('button', { name: '下一页', exact: true }));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('next');
    const xiao2 = await candidateNames(page);
    expect(xiao2).not.toEqual(xiao1);
    expect(await page.getByRole('button', { name: '上一页', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, 'kiosk-kb-candidates-tab-focus-page2');
    // Space on the previous-page arrow turns back; with no page before, focus goes to the first candidate.
    await tabTo(page, page.getByRole('button', { name: '上一页', exact: true }));
    await page.keyboard.press('Space');
    expect(await candidateNames(page)).toEqual(xiao1);
    expect(await focused(page)).toBe(`cand:${xiao1[0]}`);
    // Enter picks 小. Focus came into the bar from the keys below it (Shift+Tab from "o" passed them), so it goes back there.
    await tabTo(page, page.getByRole('list', { name: '候选字' }).getByRole('button', { name: '小', exact: true }));
    await page.keyboard.press('Enter');
    expect(await name.inputValue()).toBe('王小');
    expect(await focused(page)).toBe('key:1');

    // Touch is unchanged alongside: tapped keys and a tapped candidate.
    await tap(page, 'ming');
    await pick(page, '明');
    expect(await name.inputValue()).toBe('王小明');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await tap(page, 'ming');
    // The bar's names follow the language.
    expect(await page.getByRole('list', { name: 'Candidate characters' }).getByRole('button').count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByRole('button', { name: 'Next', exact: true }).isEnabled()).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('K18 R-V3 appointment code typed on the numeric pad only, then confirmed', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '我有预约' }).click();
    await waitHeading(page, '请输入您的预约码');
    await keyboardShown(page);
    await askReceptionShown(page);
    await tap(page, '100009');
    await page.locator('.k-kb button[data-skbtn="{bksp}"]').click();
    await tap(page, '1');
    expect(await page.getByLabel('预约码（6 位数字）').inputValue()).toBe('100001');
    await continueButton(page).click();
    await waitHeading(page, '请核对您的预约信息');
    await page.getByRole('checkbox', { name: /我同意贵司/ }).check();
    await page.getByRole('button', { name: '信息无误，确认签到' }).click();
    await waitHeading(page, '签到成功');
    expect(await osKeys(page)).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('K18 the hardware keyboard and the on-screen keyboard edit the same field; keys insert at the caret', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '没有预约，登记来访' }).click();
    await waitHeading(page, '请输入您的手机号码');
    await keyboardShown(page);
    const phone = page.getByLabel('手机号码');
    // A wedge scanner or hardware keyboard types into the focused field…
    await page.keyboard.type('138');
    // …and the pad carries on from there.
    await tap(page, '00138000');
    expect(await phone.inputValue()).toBe('13800138000');
    await continueButton(page).click();
    await waitHeading(page, '请问您的姓名？');
    await keyboardShown(page);
    const name = page.getByLabel('姓名');
    await tap(page, 'wang');
    await pick(page, '王');
    await tap(page, 'ming');
    await pick(page, '明');
    // Put the caret between 王 and 明 and type the middle character there.
    await page.keyboard.press('ArrowLeft');
    await tap(page, 'xiao');
    expect(await name.inputValue()).toBe('王xiao明');
    await pick(page, '小');
    expect(await name.inputValue()).toBe('王小明');
    expect(await name.evaluate((el) => (el as HTMLInputElement).selectionStart)).toBe(2);
    // Hardware backspace, then the keyboard follows the shorter value.
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await tap(page, 'x');
    expect(await name.inputValue()).toBe('王小x');
    expect(h.pageErrors).toEqual([]);
  });

  it('K3 a key acts on release over the same key: pressing alone, or sliding off before lifting, types nothing', async () => {
    const page = await kiosk();
    await page.getByRole('button', { name: '我有预约' }).click();
    await keyboardShown(page);
    const code = page.getByLabel('预约码（6 位数字）');
    const five = await page.locator('.k-kb button[data-skbtn="5"]').boundingBox();
    if (!five) throw new Error('no key 5');
    await page.mouse.move(five.x + five.width / 2, five.y + five.height / 2);
    await page.mouse.down();
    expect(await code.inputValue()).toBe('');
    await page.mouse.move(five.x + five.width / 2, five.y - 200, { steps: 5 });
    await page.mouse.up();
    expect(await code.inputValue()).toBe('');
    await page.locator('.k-kb button[data-skbtn="5"]').click();
    expect(await code.inputValue()).toBe('5');
  });

  it('K16/K5 start over and the idle reset clear the pinyin buffer, the candidates and large text', async () => {
    const context = await h.newContext();
    await context.clock.install();
    const page = await h.open('kiosk', { context });
    await waitHeading(page, '欢迎光临');
    await page.getByRole('button', { name: '大字', exact: true }).click();
    expect(await page.locator('.k-app.k-large').count()).toBe(1);
    for (const reset of ['startOver', 'idle'] as const) {
      await page.getByRole('button', { name: '没有预约，登记来访' }).click();
      await keyboardShown(page);
      await tap(page, '13800138000');
      await continueButton(page).click();
      await waitHeading(page, '请问您的姓名？');
      await keyboardShown(page);
      await tap(page, 'wang');
      await page.locator('.k-kb .hg-candidate-box-list-item').first().waitFor();
      if (reset === 'startOver') {
        await page.getByRole('button', { name: '取消，重新开始' }).click();
      } else {
        await page.clock.fastForward('01:00');
        await page.clock.runFor(300);
        await page.getByRole('alertdialog').waitFor();
        await page.clock.fastForward('00:21');
        await page.clock.runFor(300);
      }
      await waitHeading(page, '欢迎光临');
      expect(await page.locator('.k-app.k-large').count(), `${reset}: large text off`).toBe(0);
      expect(await page.locator('.hg-candidate-box').count(), `${reset}: no candidates left`).toBe(0);
      expect(await page.content()).not.toContain('wang');
      await page.getByRole('button', { name: '没有预约，登记来访' }).click();
      await keyboardShown(page);
      await tap(page, '13900139000');
      await continueButton(page).click();
      await waitHeading(page, '请问您的姓名？');
      await keyboardShown(page);
      // A stale buffer would bring back "wang" and its candidates with this key.
      await tap(page, 'g');
      expect(await page.getByLabel('姓名').inputValue()).toBe('g');
      await page.getByRole('button', { name: '取消，重新开始' }).click();
      await waitHeading(page, '欢迎光临');
      await page.getByRole('button', { name: '大字', exact: true }).click();
    }
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
