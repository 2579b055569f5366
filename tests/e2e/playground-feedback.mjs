#!/usr/bin/env node
// End to end through the Microsoft 365 Agents Playground: ask a question in the personal chat, press 👎 on the
// answer card (a card submit, as Teams sends it), then send a comment from the comment card. Passes when the bot
// answers with a source, asks for the comment and thanks for it. The bot must already be running.
//
//   BOT_ENDPOINT=http://127.0.0.1:3978/api/messages node playground-feedback.mjs

import { startPlayground, messageSearchText, cardOf } from './playground.mjs';

const QUESTION = process.env.QUESTION || '公開の原則とは何ですか';
const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
let pg = null;

async function finish(ok, line) {
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-feedback: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

try {
  pg = await startPlayground({});
  const ids = await pg.conversations();

  let since = pg.mark();
  await pg.sendMessage(ids.personal, QUESTION);
  const answer = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => cardOf(e.message)?.actions?.some((a) => a.data?.action === 'feedback'),
  });
  const answerCard = cardOf(answer.message);
  console.log(`answer: ${messageSearchText(answer.message).slice(0, 200)}`);
  const down = answerCard.actions.find((a) => a.data?.action === 'feedback' && a.data?.vote === 'down');

  since = pg.mark();
  await pg.submit({ conversationId: ids.personal, replyToId: answer.message.messageId, value: down.data });
  const commentCard = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => cardOf(e.message)?.body?.some((b) => b.type === 'Input.Text'),
  });
  const submit = cardOf(commentCard.message).actions[0];

  since = pg.mark();
  await pg.submit({
    conversationId: ids.personal,
    replyToId: commentCard.message.messageId,
    value: { ...submit.data, comment: '手続きの流れも知りたいです' },
  });
  const thanks = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => messageSearchText(e.message).includes('コメントを受け付けました'),
  });
  await finish(true, `answered, asked for a comment, and thanked: ${messageSearchText(thanks.message).slice(0, 80)}`);
} catch (err) {
  await finish(false, `${err.message.split('\n')[0]}${pg ? '\n' + pg.describeLogs() : ''}`);
}
