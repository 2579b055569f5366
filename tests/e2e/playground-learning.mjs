#!/usr/bin/env node
// End to end through the Microsoft 365 Agents Playground: the learning loop. The current user asks a question the
// manual cannot answer, then (as an admin: start the bot with Kyodo__Admins set to the current user's aadObjectId,
// and Kyodo__ContentRoot on a copy of the content folders, since the knowledge file is written) sends 「未回答一覧」,
// presses the first 「…の言い換えに追加」 button, and is told that the question is now answered; asking again gets
// an answer with a source. The bot must already be running.
//
//   BOT_ENDPOINT=http://127.0.0.1:3978/api/messages node playground-learning.mjs

import { startPlayground, messageSearchText, cardOf } from './playground.mjs';

const QUESTION = process.env.QUESTION || 'ボランティアさんに仕事まるなげしちゃってもいいのかな？';
const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
let pg = null;

async function finish(ok, line) {
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-learning: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

function buttons(card) {
  const found = [];
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Submit' && node.data?.action === 'addPhrasing') found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

try {
  pg = await startPlayground({});
  const ids = await pg.conversations();

  let since = pg.mark();
  await pg.sendMessage(ids.personal, QUESTION);
  const refusal = await pg.waitForBotMessage({ conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS });
  if (!messageSearchText(refusal.message).includes('該当する記載が見つかりませんでした')) {
    throw new Error(`expected a refusal first, got: ${messageSearchText(refusal.message).slice(0, 200)}`);
  }

  since = pg.mark();
  await pg.sendMessage(ids.personal, '未回答一覧');
  const list = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => buttons(cardOf(e.message)).length > 0,
  });
  const button = buttons(cardOf(list.message))[0];
  console.log(`list: ${messageSearchText(list.message).slice(0, 200)}`);
  console.log(`pressing: ${button.title}`);

  since = pg.mark();
  await pg.submit({ conversationId: ids.personal, replyToId: list.message.messageId, value: button.data });
  const added = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => messageSearchText(e.message).includes('言い換えとして追加しました'),
  });
  const told = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => messageSearchText(e.message).includes('お答えできるようになりました'),
  });
  console.log(`added: ${messageSearchText(added.message).slice(0, 160)}`);
  console.log(`told: ${messageSearchText(told.message).slice(0, 160)}`);

  since = pg.mark();
  await pg.sendMessage(ids.personal, QUESTION);
  const answer = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => cardOf(e.message)?.actions?.some((a) => a.data?.action === 'feedback'),
  });
  await finish(true, `refused, added from 未回答一覧, asker told, then answered: ${messageSearchText(answer.message).slice(0, 100)}`);
} catch (err) {
  await finish(false, `${err.message.split('\n')[0]}${pg ? '\n' + pg.describeLogs() : ''}`);
}
