#!/usr/bin/env node
// End to end through the Microsoft 365 Agents Playground, the issue's "done when" for joint evaluations:
//   1. register the 市民活動推進課 channel (登録, with an @mention);
//   2. add a project for that department with the CLI (`projects add`, a separate process of the bot's executable);
//   3. `reminders send-due --as-of <the first reminder's send time>` (another process) posts the reminder card to the
//      channel as a new thread, through the Playground's connector;
//   4. record an evaluation on the card (Action.Execute evaluation.record): the invoke answers with the recorded card
//      and the bot updates the posted card for everyone (the Playground sees updateMessage for the same message);
//      詳細 on the recorded card shows the project's details, 戻る brings the recorded card back;
//   5. 評価履歴 <reference> in the channel shows the ratings;
//   6. `export --format csv --out FILE` writes a UTF-8 CSV with BOM holding the project's row and ratings;
//   7. `reminders send-due` again at the same instant sends nothing, nor at the overdue day (recording cancelled it).
// What a user would see (the cards' texts) is printed as it goes.
//
// The bot must already be running, and the CLI verbs must reach the same database: this script runs them as
//   dotnet $KYODOBOT_DLL <verb> …   (default: src/KyodoBot/bin/Debug/net10.0/KyodoBot.dll)
// with this process's environment, so give it the bot's own ASPNETCORE_ENVIRONMENT (Development: the Playground
// sends no token), ConnectionStrings__KyodoBot (an absolute path) and Kyodo__ContentRoot. EXPORT_FILE names the CSV
// (default: a temp file).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlayground, messageSearchText, cardOf, cardLines, runCli, localDay as day, REPO_ROOT } from './playground.mjs';

const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
const CLI_TIMEOUT_MS = Number(process.env.CLI_TIMEOUT_MS || 60000);
const DLL = process.env.KYODOBOT_DLL || path.join(REPO_ROOT, 'src', 'KyodoBot', 'bin', 'Debug', 'net10.0', 'KyodoBot.dll');
const EXPORT_FILE = process.env.EXPORT_FILE || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kyodobot-export-')), 'evaluations.csv');
const DEPARTMENT = '市民活動推進課';
const TITLE = 'みどり野 子ども食堂ネットワーク事業';
const ORGANIZATION = 'NPO法人みどり野こども応援団';
const EVALUATOR = '29:1-midorino-yamada-hanako'; // 山田 花子, a member of 市民活動推進課 in .m365agentsplayground.yml
let pg = null;


async function finish(ok, line) {
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-evaluation: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

function check(condition, what) {
  if (!condition) throw new Error(what);
}

/** Prints what a user sees on a card, indented, under a title. */
function show(title, card) {
  console.log(`--- ${title} ---`);
  for (const line of cardLines(card)) console.log(`  | ${line}`);
}

/** Runs one CLI verb of the bot's executable to its end, printing it; rejects unless it exits with 0. */
const cli = (...args) => runCli(DLL, args, { timeoutMs: CLI_TIMEOUT_MS });

try {
  check(fs.existsSync(DLL), `${DLL} not found: build the bot or set KYODOBOT_DLL`);
  pg = await startPlayground({});
  const ids = await pg.conversations();

  // 1. The department's channel.
  let since = pg.mark();
  await pg.sendMessage(ids.channel, `登録 ${DEPARTMENT}`, { mentionBot: true });
  const registered = await pg.waitForBotMessage({ conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS });
  console.log(`register: ${messageSearchText(registered.message).slice(0, 120)}`);

  // 2. A project of that department, registered from the command line.
  const added = await cli('projects', 'add', '--title', TITLE, '--org', ORGANIZATION, '--department', DEPARTMENT,
    '--start', day(30), '--end', day(395), '--schedule', 'quarterly');
  const [reference, dueDates] = added.trim().split('\t');
  check(/^[A-Z]+-\d{4}-\d+$/.test(reference ?? ''), `projects add printed no reference: ${added}`);
  const firstDue = dueDates.split(',')[0];

  // The first reminder to go out: its send time, with its offset (as `reminders list` prints it).
  const listed = await cli('reminders', 'list', '--days', '500');
  const planned = listed.trim().split('\n').slice(1).map((l) => l.split('\t')).filter((cells) => cells[3] === reference);
  check(planned.length > 0, `reminders list shows no reminder for ${reference}:\n${listed}`);
  const instant = (cells) => cells[0];
  const asOf = instant(planned[0]);
  const overdue = planned.find((cells) => cells[1] === 'overdue' && cells[5] === firstDue);
  check(planned[0][1] === 'advance' && overdue, `the first evaluation's reminders are not advance … overdue:\n${listed}`);

  // 3. The due reminder goes out from a second process, through the Playground's connector.
  since = pg.mark();
  const sent = await cli('reminders', 'send-due', '--as-of', asOf);
  check(/^sent 1, failed 0/m.test(sent), `send-due as of ${asOf} did not send exactly one card: ${sent}`);
  const posted = await pg.waitForBotMessage({
    conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS, actions: ['createMessage'],
    predicate: (e) => JSON.stringify(cardOf(e.message) || {}).includes('evaluation.record'),
  });
  const reminder = cardOf(posted.message);
  const postedCards = pg.botMessages(since).filter((e) => e.action === 'createMessage');
  check(postedCards.length === 1, `send-due posted ${postedCards.length} messages, not 1`);
  show(`reminder card, new thread ${posted.actionConversationId}`, reminder);
  const lines = cardLines(reminder);
  const texts = JSON.stringify(reminder);
  check(lines[0] === '評価の期限が近づいています', `reminder heading is "${lines[0]}"`);
  check(reminder.body.some((b) => b.type === 'RichTextBlock' && b.inlines?.some((r) => r.type === 'TextRun' && r.text === TITLE)),
    'the project title is not in a TextRun');
  // Cards show dates as the dialog writes them (2027年4月2日); the CLI lists them as 2027-04-02.
  const [y, m, d] = firstDue.split('-').map(Number);
  const firstDueShown = `${y}年${m}月${d}日`;
  check(texts.includes(reference) && texts.includes(firstDueShown), `the card does not name ${reference} due ${firstDueShown}`);
  check(lines.includes('1. 課題は解決されているか') && lines.includes('2. 事業は適正に行われているか'),
    'the two questions are missing');
  const titles = reminder.actions.map((a) => a.title);
  check(titles.length === 3 && titles[0] === '評価を記録' && titles[1].startsWith('延期') && titles[2] === '詳細',
    `the actions are ${JSON.stringify(titles)}`);
  const record = reminder.actions[0].card.actions.find((a) => a.verb === 'evaluation.record');
  check(record, 'no evaluation.record action');

  // 4. Record the evaluation on the card; the card is the root of its thread.
  const messageId = posted.message.messageId;
  since = pg.mark();
  const result = await pg.invoke({
    conversationId: `${ids.channel};messageid=${messageId}`,
    replyToId: messageId,
    from: EVALUATOR,
    value: {
      action: {
        type: 'Action.Execute', verb: record.verb,
        data: { ...record.data, issueRating: '4', conductRating: '5', principles: '1,6,7', comments: '参加者が増えています。', nextSteps: '会場を一つ増やします。' },
      },
      trigger: 'manual',
    },
  });
  // The Playground hands back the body of the bot's invoke response: a card comes as { type: <card content type>, value: card }.
  const recorded = result?.type === 'application/vnd.microsoft.card.adaptive' ? result.value : null;
  check(recorded?.type === 'AdaptiveCard',
    `the record invoke did not answer with a card: ${JSON.stringify(result).slice(0, 400)}`);
  show('invoke response (what the clicker sees)', recorded);
  const recordedLines = cardLines(recorded);
  check(recordedLines[0] === '評価を記録しました', `recorded heading is "${recordedLines[0]}"`);
  check(recordedLines.some((l) => l.startsWith('山田 花子 さんが')), `"recorded by" names nobody: ${recordedLines[1]}`);
  check(recordedLines.includes('4 / 5（おおむねできている）') && recordedLines.includes('5 / 5（できている）'), 'the ratings are missing');
  const updated = await pg.waitForBotMessage({
    conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS, actions: ['updateMessage'],
    predicate: (e) => e.message?.messageId === messageId,
  });
  show('the posted card after the update (what everyone sees)', cardOf(updated.message));
  check(cardLines(cardOf(updated.message))[0] === '評価を記録しました', 'the posted card was not replaced by the recorded card');

  // 詳細 on the recorded card shows the project in its place (for the clicker); 戻る brings the recorded card back.
  const detailsAction = recorded.actions.find((a) => a.verb === 'evaluation.details');
  const details = await pg.invoke({
    conversationId: `${ids.channel};messageid=${messageId}`, replyToId: messageId, from: EVALUATOR,
    value: { action: { type: 'Action.Execute', verb: detailsAction.verb, data: detailsAction.data }, trigger: 'manual' },
  });
  check(cardLines(details?.value)[0] === `事業の詳細と評価履歴（${reference}）`, `details answered ${JSON.stringify(details).slice(0, 300)}`);
  const backAction = details.value.actions?.find((a) => a.verb === 'evaluation.back');
  check(backAction, 'the details card has no 戻る');
  const back = await pg.invoke({
    conversationId: `${ids.channel};messageid=${messageId}`, replyToId: messageId, from: EVALUATOR,
    value: { action: { type: 'Action.Execute', verb: backAction.verb, data: backAction.data }, trigger: 'manual' },
  });
  check(cardLines(back?.value)[0] === '評価を記録しました', `戻る answered ${JSON.stringify(back).slice(0, 300)}`);
  console.log('details → back: 事業の詳細と評価履歴 → 評価を記録しました');

  // 5. The history in the channel.
  since = pg.mark();
  await pg.sendMessage(ids.channel, `評価履歴 ${reference}`, { mentionBot: true });
  const history = await pg.waitForBotMessage({
    conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS, actions: ['createMessage'],
    predicate: (e) => cardOf(e.message) !== null,
  });
  show(`評価履歴 ${reference}`, cardOf(history.message));
  const historyLines = cardLines(cardOf(history.message));
  check(historyLines.includes('課題は解決されているか: 4 / 5（おおむねできている）')
    && historyLines.includes('事業は適正に行われているか: 5 / 5（できている）'),
    'the history card does not show the ratings 4 and 5');

  // 6. The export.
  await cli('export', '--format', 'csv', '--out', EXPORT_FILE);
  const bytes = fs.readFileSync(EXPORT_FILE);
  check(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'the CSV does not start with the UTF-8 BOM');
  const rows = bytes.subarray(3).toString('utf8').split('\r\n');
  const header = rows[0].split(',');
  const row = rows.map((r) => r.split(',')).find((cells) => cells[0] === reference && cells[header.indexOf('state')] === 'recorded');
  check(row, `no recorded row for ${reference} in the CSV:\n${rows.slice(0, 4).join('\n')}`);
  check(row[header.indexOf('issue_rating')] === '4' && row[header.indexOf('conduct_rating')] === '5' && row[header.indexOf('title')] === TITLE,
    `the CSV row is ${row.join(',')}`);
  console.log(`--- ${EXPORT_FILE} (BOM, ${rows.length - 1} lines) ---\n  | ${rows[0]}\n  | ${row.join(',')}`);

  // 7. The same instant again: nothing is sent twice. Nor later: recording cancelled the due-day and overdue cards.
  since = pg.mark();
  const again = await cli('reminders', 'send-due', '--as-of', asOf);
  check(/^sent 0, failed 0/m.test(again), `the second send-due sent something: ${again}`);
  const later = await cli('reminders', 'send-due', '--as-of', instant(overdue));
  check(/^sent 0, failed 0/m.test(later), `send-due as of the overdue day sent something: ${later}`);
  check(pg.botMessages(since).length === 0, 'the Playground received a message after the evaluation was recorded');

  await finish(true, `${reference}: reminder posted by the CLI, recorded on the card (4/5, 5/5), the card updated for everyone, history and CSV export show it, send-due again (same instant, overdue day) sent 0`);
} catch (err) {
  await finish(false, `${err.message}${pg ? '\n' + pg.describeLogs() : ''}`);
}
