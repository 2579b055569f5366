#!/usr/bin/env node
// End to end through the Microsoft 365 Agents Playground: register the 市民活動推進課 channel, file a proposal with
// public funds in the personal chat, submit it, and accept it from the review card in the channel (Action.Execute).
// Passes when the review card arrives in the channel, the accept invoke returns the decided card, and the proposer's
// personal chat is told. The bot must already be running.

import { startPlayground, messageSearchText, cardOf, proposalAnswers } from './playground.mjs';

const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
let pg = null;

const ANSWERS = proposalAnswers();

async function finish(ok, line) {
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-proposal: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

async function say(conversationId, text, opts = {}) {
  const since = pg.mark();
  await pg.sendMessage(conversationId, text, opts);
  return pg.waitForBotMessage({ conversationId, since, timeoutMs: TIMEOUT_MS });
}

try {
  pg = await startPlayground({});
  const ids = await pg.conversations();

  const registered = await say(ids.channel, '登録 市民活動推進課', { mentionBot: true });
  console.log(`register: ${messageSearchText(registered.message).slice(0, 80)}`);

  await say(ids.personal, '提案');
  let last = null;
  for (const answer of ANSWERS) {
    last = await say(ids.personal, answer);
    // The Playground says en-US; an answer without Japanese characters must not switch the dialog to English (#12).
    const reply = messageSearchText(last.message);
    if (/[@\d]/.test(answer) && !/[\u3040-\u30FF\u3400-\u9FFF]/.test(reply)) throw new Error(`after ${answer} the dialog left Japanese: ${reply.slice(0, 120)}`);
    if (reply.includes('You can say')) throw new Error(`English hint after ${answer}: ${reply.slice(0, 120)}`);
  }
  console.log(`summary: ${messageSearchText(last.message).slice(0, 80)}`);

  const since = pg.mark();
  await pg.sendMessage(ids.personal, '送信');
  const confirmation = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => messageSearchText(e.message).includes('KP-'),
  });
  const review = await pg.waitForBotMessage({
    conversationId: ids.channel, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => JSON.stringify(cardOf(e.message) || {}).includes('proposal.accept'),
  });
  console.log(`confirmation: ${messageSearchText(confirmation.message).slice(0, 80)}`);
  const accept = cardOf(review.message).actions.find((a) => a.verb === 'proposal.accept');

  const before = pg.mark();
  console.log(`review card in ${review.actionConversationId}, message ${review.message.messageId}`);
  // The card is the root message of a new thread: the invoke comes from that thread.
  const result = await pg.invoke({
    conversationId: `${ids.channel};messageid=${review.message.messageId}`,
    replyToId: review.message.messageId,
    value: { action: { type: 'Action.Execute', verb: accept.verb, data: accept.data } },
  });
  if (!JSON.stringify(result).includes('受理しました')) throw new Error(`accept returned ${JSON.stringify(result).slice(0, 300)}`);
  const told = await pg.waitForBotMessage({
    conversationId: ids.personal, since: before, timeoutMs: TIMEOUT_MS,
    predicate: (e) => messageSearchText(e.message).includes('受理されました'),
  });
  await finish(true, `submitted, reviewed in the channel and accepted: ${messageSearchText(told.message).slice(0, 80)}`);
} catch (err) {
  await finish(false, `${err.message.split('\n')[0]}${pg ? '\n' + pg.describeLogs() : ''}`);
}
