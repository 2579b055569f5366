#!/usr/bin/env node
// End to end through the Microsoft 365 Agents Playground, across a bot restart. PHASE=1: start a proposal, answer the
// first two questions and pause (中断). The caller then restarts the bot on the same database. PHASE=2: 続きから must
// continue at the third question (代表者名). The bot must already be running.

import { startPlayground, messageSearchText } from './playground.mjs';

const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
const PHASE = process.env.PHASE || '1';
let pg = null;

async function finish(ok, line) {
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-resume phase ${PHASE}: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

async function say(conversationId, text) {
  const since = pg.mark();
  await pg.sendMessage(conversationId, text);
  const reply = await pg.waitForBotMessage({ conversationId, since, timeoutMs: TIMEOUT_MS });
  return messageSearchText(reply.message);
}

try {
  pg = await startPlayground({});
  const ids = await pg.conversations();
  if (PHASE === '1') {
    await say(ids.personal, '提案');
    await say(ids.personal, 'みどり野まちづくりネット');
    await say(ids.personal, 'NPO法人');
    const paused = await say(ids.personal, '中断');
    if (!paused.includes('続きから')) throw new Error(`not paused: ${paused.slice(0, 200)}`);
    await finish(true, 'started, answered two questions, paused');
  } else {
    const resumed = await say(ids.personal, '続きから');
    if (!resumed.includes('代表者')) throw new Error(`did not continue at 代表者名: ${resumed.slice(0, 300)}`);
    await finish(true, `resumed after the restart at the same field: ${resumed.slice(0, 80)}`);
  }
} catch (err) {
  await finish(false, `${err.message.split('\n')[0]}${pg ? '\n' + pg.describeLogs() : ''}`);
}
