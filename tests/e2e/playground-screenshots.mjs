#!/usr/bin/env node
// Screenshots of every card as staff see them in the Playground's own web UI (issue #12, "done when"), taken in
// headless Chromium (Debian's /usr/bin/chromium, driven by npm playwright-core; no browser download):
//   help, answer, refusal        typed into the web UI's message box in the personal chat;
//   unanswered                   a question the manual cannot answer, then 未回答一覧 typed (the current user must be in
//                                Kyodo:Admins): the card with 「…の言い換えに追加」 and 「マニュアル外として登録」;
//   summary                      the proposal dialog answered through the Playground's routes (faster than typing);
//   review                       the review card in the 市民活動推進課 channel (one self-check answered いいえ);
//   reminder, recorded           the proposal accepted, its first reminder sent by the CLI (`reminders send-due`) to the
//                                channel, recorded on the card (Action.Execute: the bot updates the posted card);
//   history                      評価履歴 typed into the personal chat (the current user must be in Kyodo:Admins);
//   upload                       the preview of a file an admin sends: the web UI cannot attach a file, so Teams' file
//                                message (a file.download.info attachment whose download URL is a local HTTP server
//                                of this script) is sent through the Playground's custom-activity route as the current
//                                user; the bot downloads the Markdown file and its preview card shows in the chat.
// Each screenshot is checked for the #12 items that can be seen: the card's text has no backslash and no raw `**`,
// it is Japanese and drawn with a Japanese font (Chromium's own report of the fonts it used, CSS.getPlatformFontsForNode),
// 👍 is drawn with an emoji font,
// and the picture is not trivial (its PNG size). The paths are printed ("screenshot: <name> <path> …").
//
// The bot must already be running (see playground-evaluation.mjs for the environment the CLI verbs need).
// SCREENSHOT_DIR names the folder (default: <repo>/TestResults/screenshots), CHROMIUM the browser (/usr/bin/chromium).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startPlayground, messageSearchText, cardOf, proposalAnswers, runCli, REPO_ROOT } from './playground.mjs';

const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
const CLI_TIMEOUT_MS = Number(process.env.CLI_TIMEOUT_MS || 60000);
const DLL = process.env.KYODOBOT_DLL || path.join(REPO_ROOT, 'src', 'KyodoBot', 'bin', 'Debug', 'net10.0', 'KyodoBot.dll');
const OUT = process.env.SCREENSHOT_DIR || path.join(REPO_ROOT, 'TestResults', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const EVALUATOR = '29:1-midorino-yamada-hanako'; // 山田 花子, a member of 市民活動推進課 in .m365agentsplayground.yml
const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF]/;
const JAPANESE_FONT = /IPA|Noto Sans CJK|Noto Serif CJK|Takao|VL Gothic|Droid Sans Fallback/i;
const started = Date.now();
let pg = null;
let browser = null;
let page = null;
let files = null;

// The file the admin "sends" for the upload preview (a Markdown knowledge file: front matter and headed sections).
const UPLOAD_NAME = '庁舎見学ツアーの案内.md';
const UPLOAD_TEXT = `---
id: tour-guide
title: "庁舎見学ツアーの案内"
chapter: "付録"
source: "庁舎見学ツアーの案内（画面確認用）"
---

# 庁舎見学ツアーの申込 {#tour-apply}

庁舎見学ツアーは総務課の窓口で申し込みます。

## 集合場所 {#tour-place}

本庁舎1階のロビーに集合します。
`;

// One self-check answered いいえ, with a comment: the review card flags it.
const ANSWERS = proposalAnswers({ selfChecks: ['はい', 'はい', 'いいえ 活動の進め方を市と相談している段階です', 'はい', 'はい', 'はい', 'はい'] });

async function finish(ok, line) {
  await browser?.close().catch(() => {});
  files?.close();
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-screenshots: ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

function check(condition, what) {
  if (!condition) throw new Error(what);
}

const cli = (...args) => runCli(DLL, args, { timeoutMs: CLI_TIMEOUT_MS });

/** Width and height of a PNG file (its IHDR chunk). */
function pngSize(file) {
  const bytes = fs.readFileSync(file);
  check(bytes.subarray(1, 4).toString('latin1') === 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: bytes.length };
}

/** The fonts Chromium drew an element's own text with (CDP CSS.getPlatformFontsForNode), e.g. ["IPAGothic"]. */
async function fontsOf(page, handle) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    // Mark the element, then find it through the DOM domain.
    const mark = `shot-${Math.random().toString(36).slice(2)}`;
    await handle.evaluate((e, m) => e.setAttribute('data-shot', m), mark);
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-shot="${mark}"]` });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Screenshot of the last message in the web UI whose text contains `marker`, after checking what it shows.
 * Returns the path.
 */
async function shoot(page, name, marker, { channel = false } = {}) {
  // A chat lists messages oldest first (.fai-OutputCard); a channel lists posts newest first (.fui-Card).
  const message = channel
    ? page.locator('.fui-Card:has(.ac-adaptiveCard)').filter({ hasText: marker }).first()
    : page.locator('.fai-OutputCard').filter({ hasText: marker }).last();
  await message.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await page.waitForTimeout(300); // let the card finish its layout (images, wrapping)
  const text = await message.innerText();
  check(!text.includes('\\'), `${name}: a backslash is visible: ${text.slice(0, 300)}`);
  check(!text.includes('**'), `${name}: raw ** is visible: ${text.slice(0, 300)}`);
  check(JAPANESE.test(text), `${name}: no Japanese text: ${text.slice(0, 200)}`);
  // The first element of the message whose own text is Japanese: which font did Chromium draw it with?
  const sample = await message.locator('p, span, div').filter({ hasText: JAPANESE }).evaluateAll((els, source) => {
    const japanese = new RegExp(source);
    const own = (e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
    const index = els.findIndex((e) => japanese.test(own(e)));
    return index;
  }, JAPANESE.source);
  check(sample >= 0, `${name}: no element with Japanese text of its own`);
  const element = await message.locator('p, span, div').filter({ hasText: JAPANESE }).nth(sample).elementHandle();
  const fonts = await fontsOf(page, element);
  check(fonts.some((f) => JAPANESE_FONT.test(f)), `${name}: Japanese drawn with ${JSON.stringify(fonts)}, not a Japanese font (install fonts-ipafont-gothic)`);
  // 👍 / 👎 on an answer: drawn with an emoji font, not as empty boxes.
  const emoji = message.locator('button, span, div, p').filter({ hasText: '👍' }).last();
  let emojiFont = '';
  if ((await emoji.count()) > 0) {
    const drawn = await fontsOf(page, await emoji.elementHandle());
    emojiFont = `, 👍 in ${drawn.join('/')}`;
    check(drawn.some((f) => /Emoji/i.test(f)), `${name}: 👍 drawn with ${JSON.stringify(drawn)}, not an emoji font (install fonts-noto-color-emoji)`);
  }
  const file = path.join(OUT, `${name}.png`);
  // A card taller than the window is clipped by the chat's scroll pane: make the window tall enough for it first.
  const viewport = page.viewportSize();
  const box = await message.boundingBox();
  if (box && box.height > viewport.height - 250) await page.setViewportSize({ width: viewport.width, height: Math.ceil(box.height) + 400 });
  await message.scrollIntoViewIfNeeded();
  await message.screenshot({ path: file });
  await page.setViewportSize(viewport);
  const size = pngSize(file);
  check(size.width >= 300 && size.height >= 80 && size.bytes >= 8000, `${name}: the screenshot is trivial: ${JSON.stringify(size)}`);
  console.log(`screenshot: ${name} ${file} (${size.width}x${size.height}, ${size.bytes} bytes, font ${fonts.join('/')}${emojiFont})`);
  return file;
}

async function type(page, text) {
  const input = page.locator('[contenteditable="true"], textarea').first();
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

async function say(conversationId, text, opts = {}) {
  const since = pg.mark();
  await pg.sendMessage(conversationId, text, opts);
  return pg.waitForBotMessage({ conversationId, since, timeoutMs: TIMEOUT_MS });
}

try {
  check(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium fonts-ipafont-gothic)`);
  fs.mkdirSync(OUT, { recursive: true });
  pg = await startPlayground({});
  const ids = await pg.conversations();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
  await page.goto(pg.baseUrl, { waitUntil: 'load' });
  await page.locator('[contenteditable="true"], textarea').first().waitFor({ timeout: TIMEOUT_MS });
  const shots = [];

  // Personal chat, typed into the web UI.
  let since = pg.mark();
  await type(page, 'ヘルプ');
  await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => cardOf(e.message) });
  shots.push(await shoot(page, 'help', '使えるコマンド'));

  since = pg.mark();
  await type(page, '公金を使う協働事業で欠かせない原則は？');
  await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => messageSearchText(e.message).includes('時限性の原則') });
  shots.push(await shoot(page, 'answer', '出典'));

  since = pg.mark();
  await type(page, '明日の会議室を予約して');
  await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => messageSearchText(e.message).includes('お受けできません') });
  shots.push(await shoot(page, 'refusal', 'お受けできません'));

  since = pg.mark();
  await type(page, '補助金の締切はいつ？');
  await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => messageSearchText(e.message).includes('見つかりませんでした') });
  since = pg.mark();
  await type(page, '未回答一覧');
  await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => messageSearchText(e.message).includes('マニュアル外として登録') });
  shots.push(await shoot(page, 'unanswered', 'マニュアルに学ばせる'));

  // The department's channel, then a proposal through the dialog (the Playground's routes: 26 answers).
  await say(ids.channel, '登録 市民活動推進課', { mentionBot: true });
  await say(ids.personal, '提案');
  for (const answer of ANSWERS) await say(ids.personal, answer);
  shots.push(await shoot(page, 'summary', '入力内容を確認してください'));

  since = pg.mark();
  await pg.sendMessage(ids.personal, '送信');
  const confirmation = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => /KP-\d{4}-\d+/.test(messageSearchText(e.message)),
  });
  const reference = /KP-\d{4}-\d+/.exec(messageSearchText(confirmation.message))[0];
  const review = await pg.waitForBotMessage({
    conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS, predicate: (e) => JSON.stringify(cardOf(e.message) || {}).includes('proposal.accept'),
  });
  await page.locator('[aria-label$="市民活動推進課"]').first().click();
  const reviewShot = await shoot(page, 'review', `協働提案 ${reference}`, { channel: true });
  const reviewText = await page.locator('.fui-Card').filter({ hasText: `協働提案 ${reference}` }).first().innerText();
  check(reviewText.includes('確認が必要な点') && reviewText.includes('予算額') && /\d{4}年\d{1,2}月\d{1,2}日〜\d{4}年/.test(reviewText),
    `the review card shows no flags, budget or period: ${reviewText.slice(0, 400)}`);
  shots.push(reviewShot);

  // Accepted: the project and its schedule are created; the first reminder goes out from the CLI.
  const accept = cardOf(review.message).actions.find((a) => a.verb === 'proposal.accept');
  await pg.invoke({
    conversationId: `${ids.channel};messageid=${review.message.messageId}`, replyToId: review.message.messageId,
    value: { action: { type: 'Action.Execute', verb: accept.verb, data: accept.data } },
  });
  const listed = await cli('reminders', 'list', '--days', '500');
  const first = listed.trim().split('\n').slice(1).map((l) => l.split('\t')).find((cells) => cells[3] === reference);
  check(first, `reminders list shows no reminder for ${reference}:\n${listed}`);
  since = pg.mark();
  await cli('reminders', 'send-due', '--as-of', first[0]);
  const posted = await pg.waitForBotMessage({
    conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS, actions: ['createMessage'],
    predicate: (e) => JSON.stringify(cardOf(e.message) || {}).includes('evaluation.record'),
  });
  shots.push(await shoot(page, 'reminder', '評価の期限が近づいています', { channel: true }));

  const record = cardOf(posted.message).actions[0].card.actions.find((a) => a.verb === 'evaluation.record');
  since = pg.mark();
  await pg.invoke({
    conversationId: `${ids.channel};messageid=${posted.message.messageId}`, replyToId: posted.message.messageId, from: EVALUATOR,
    value: {
      action: {
        type: 'Action.Execute', verb: record.verb,
        data: { ...record.data, issueRating: '4', conductRating: '5', principles: '1,6,7', comments: '参加者が増えています。', nextSteps: '会場を一つ増やします。' },
      },
      trigger: 'manual',
    },
  });
  await pg.waitForBotMessage({ conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS, actions: ['updateMessage'], predicate: (e) => e.message?.messageId === posted.message.messageId });
  shots.push(await shoot(page, 'recorded', '評価を記録しました', { channel: true }));

  // The history, typed into the personal chat (the Playground's web UI shows no channel post it did not make itself;
  // the current user is an admin for this run, so 評価履歴 answers there).
  await page.locator('[aria-label="Personal Chat"]').first().click();
  since = pg.mark();
  await type(page, `評価履歴 ${reference}`);
  await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => cardOf(e.message) });
  shots.push(await shoot(page, 'history', `事業の詳細と評価履歴（${reference}）`));

  // An admin sends a file: Teams' file message through the custom-activity route, from the current user (an admin).
  files = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    res.end(UPLOAD_TEXT);
  });
  await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
  const base = await pg.customActivityTemplate(ids.personal, 'install');
  since = pg.mark();
  await pg.sendCustomActivity({
    ...base,
    type: 'message',
    action: undefined,
    // The template's sender has no display name; a Teams message has one (the card shows who sent the file).
    from: { ...base.from, name: base.from?.name || ids.me.name },
    id: `upload-${Date.now()}`,
    text: '',
    attachments: [{
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      contentUrl: `https://midorino.sharepoint.test/personal/${encodeURIComponent(UPLOAD_NAME)}`,
      name: UPLOAD_NAME,
      content: { downloadUrl: `http://127.0.0.1:${files.address().port}/${encodeURIComponent(UPLOAD_NAME)}`, uniqueId: 'A1B2C3D4-0000-4000-8000-000000000001', fileType: 'md' },
    }],
  });
  const upload = await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS, predicate: (e) => cardOf(e.message) });
  const uploadCard = JSON.stringify(cardOf(upload.message));
  check(uploadCard.includes(UPLOAD_NAME) && uploadCard.includes('庁舎見学ツアーの申込') && uploadCard.includes('knowledge.upload.publish')
    && uploadCard.includes(ids.me.name), `the upload preview card lacks the file, its sections, the sender or 公開する: ${uploadCard.slice(0, 400)}`);
  shots.push(await shoot(page, 'upload', 'ナレッジに追加するファイルの確認'));

  await finish(true, `${shots.length} screenshots in ${OUT}`);
} catch (err) {
  // What the web UI showed when it failed, for the log.
  const failure = path.join(OUT, 'failure.png');
  if (page && (await page.screenshot({ path: failure, fullPage: true }).then(() => true, () => false))) {
    console.log(`screenshot: failure ${failure}`);
    fs.writeFileSync(path.join(OUT, 'failure.html'), await page.content().catch(() => ''));
  }
  await finish(false, `${err.message}${pg ? '\n' + pg.describeLogs() : ''}`);
}
