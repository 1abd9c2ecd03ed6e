import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dataOf, DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, PHONE, SCREENSHOTS, seriousAxeProblems, signIn } from '../support/browser';

/**
 * Inclusion (issue 15): the axe check every browser test runs does find problems; quiz questions
 * and explanations are read aloud in Vietnamese where the device has a Vietnamese voice (and the
 * button is absent where it has none); the main pages can be read with their text at 200 %.
 */
const missing = browserSkipReason('accessibility.test.ts', { needsWebDist: true });

let t: TestApp;
let browser: Browser;
const SCENARIO_TIMEOUT = 240_000;

interface Spoken {
  text: string;
  lang: string;
  voice: string | null;
}

/**
 * A phone whose speechSynthesis is a stand-in with these voices, arriving a moment after the page
 * loads (as real voices do, with `voiceschanged`); what it is asked to say is kept in
 * `window.__spoken`.
 */
async function phoneWithVoices(voices: { lang: string; name: string }[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  await context.addInitScript((available: { lang: string; name: string }[]) => {
    const spoken: Spoken[] = [];
    let current: { lang: string; name: string }[] = [];
    const listeners: (() => void)[] = [];
    function FakeUtterance(this: Record<string, unknown>, text: string) {
      Object.assign(this, { text, lang: '', voice: null, rate: 1, onend: null, onerror: null });
    }
    const fake = {
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => current,
      speak(u: { text: string; lang: string; voice: { lang: string } | null; onend?: () => void }) {
        spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null });
        setTimeout(() => u.onend?.(), 0);
      },
      cancel() {},
      pause() {},
      resume() {},
      addEventListener(type: string, listener: () => void) {
        if (type === 'voiceschanged') listeners.push(listener);
      },
      removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => fake });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: FakeUtterance });
    (window as unknown as { __spoken: Spoken[] }).__spoken = spoken;
    setTimeout(() => {
      current = available;
      listeners.forEach((listener) => listener());
    }, 400);
  }, voices);
  return context;
}

const spokenText = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
const CORE_QUIZ = `{ quizzes { id isCore } }`;

describe.skipIf(missing !== null)('accessibility on a 390-px phone', () => {
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the axe check reports a button without a name and an image without a text alternative', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/dang-nhap`);
      await page.getByTestId('login-username').waitFor();
      expect(await seriousAxeProblems(page)).toEqual([]);
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.id = 'nameless';
        document.querySelector('main')!.append(button);
        const image = document.createElement('img');
        image.id = 'no-alt';
        image.src = '/icon-192.png';
        document.querySelector('main')!.append(image);
      });
      const problems = await seriousAxeProblems(page);
      expect(problems.join('\n')).toMatch(/^button-name \(critical\):.*#nameless/m);
      expect(problems.join('\n')).toMatch(/^image-alt \(critical\):.*#no-alt/m);
    } finally {
      await context.close();
    }
  });

  it('reads a quiz question and an explanation aloud in Vietnamese, and offers no button on a device without a Vietnamese voice', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const citizen = await t.as('citizen', DEMO_PASSWORD);
    const quizId = (dataOf(await citizen.gql(CORE_QUIZ)).quizzes as { id: string; isCore: boolean }[]).find((q) => q.isCore)!.id;

    // ---- a phone with English and French voices only: no button
    const plain = await phoneWithVoices([
      { lang: 'en-US', name: 'English' },
      { lang: 'fr-FR', name: 'Français' },
    ]);
    const noVoice = await plain.newPage();
    await signIn(noVoice, t.url, 'citizen', DEMO_PASSWORD);
    await noVoice.goto(`${t.url}/bai-kiem-tra/${quizId}`);
    await noVoice.getByTestId('quiz-begin').click();
    await noVoice.getByTestId('quiz-question').waitFor();
    await noVoice.waitForTimeout(1000); // the voices have arrived
    expect(await noVoice.getByTestId('quiz-read-question').count()).toBe(0);

    // ---- a phone with a Vietnamese voice: the open attempt resumes at its question
    const vietnamese = await phoneWithVoices([
      { lang: 'en-US', name: 'English' },
      { lang: 'vi-VN', name: 'Tiếng Việt' },
    ]);
    const page = await vietnamese.newPage();
    await signIn(page, t.url, 'citizen', DEMO_PASSWORD);
    await page.goto(`${t.url}/bai-kiem-tra/${quizId}`);
    const question = page.getByTestId('quiz-question');
    await question.waitFor();
    const readQuestion = page.getByTestId('quiz-read-question');
    await readQuestion.waitFor();
    expect(await readQuestion.textContent()).toContain('Nghe đọc câu hỏi');
    const questionText = (await question.locator('legend').evaluate((legend) => legend.lastChild!.textContent!)).trim();
    const options = (await question.getByTestId('quiz-option').locator('.option__text').allTextContents()).map((o) => o.trim());
    await readQuestion.click();
    await expect.poll(async () => (await spokenText(page)).length).toBeGreaterThan(0);
    const spoken = await spokenText(page);
    const said = spoken.map((s) => s.text).join(' ');
    expect(said).toContain('Câu 1');
    expect(said).toContain(questionText);
    for (const option of options) expect(said).toContain(option);
    expect(spoken.every((s) => s.lang === 'vi-VN' && s.voice === 'vi-VN')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}read-aloud-1-question.png` });
    expect(await seriousAxeProblems(page), 'a question with the read-aloud button').toEqual([]);

    // ---- submitted (through the API): each explanation has its own button
    const attempt = dataOf(await citizen.gql(`mutation($quizId: ID!) { startQuizAttempt(quizId: $quizId) { id } }`, { quizId })).startQuizAttempt;
    dataOf(await citizen.gql(`mutation($id: ID!) { submitQuizAttempt(attemptId: $id, answers: []) { id } }`, { id: attempt.id }));
    await page.goto(`${t.url}/bai-kiem-tra/ket-qua/${attempt.id}`);
    const first = page.getByTestId('quiz-result-item').first();
    await first.waitFor();
    const readExplanation = first.getByTestId('quiz-read-explanation');
    await readExplanation.waitFor();
    const explanation = (await first.getByTestId('quiz-result-explanation').textContent())!.trim();
    expect(explanation.length).toBeGreaterThan(10);
    await page.evaluate(() => ((window as unknown as { __spoken: Spoken[] }).__spoken.length = 0));
    await readExplanation.click();
    await expect.poll(async () => (await spokenText(page)).map((s) => s.text).join(' ')).toContain('Giải thích');
    const explained = (await spokenText(page)).map((s) => s.text).join(' ');
    for (const sentence of explanation.split(/(?<=[.!?])\s+/)) expect(explained).toContain(sentence.trim());
    await readExplanation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}read-aloud-2-explanation.png` });
    expect(await seriousAxeProblems(page), 'the result with read-aloud buttons').toEqual([]);

    // ---- and none on the result page of the phone without a Vietnamese voice
    await noVoice.goto(`${t.url}/bai-kiem-tra/ket-qua/${attempt.id}`);
    await noVoice.getByTestId('quiz-result-item').first().waitFor();
    await noVoice.waitForTimeout(1000);
    expect(await noVoice.getByTestId('quiz-read-explanation').count()).toBe(0);
    await plain.close();
    await vietnamese.close();
  }, SCENARIO_TIMEOUT);
});
