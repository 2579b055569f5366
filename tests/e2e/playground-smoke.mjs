#!/usr/bin/env node
// Smoke test: KyodoBot answers 「ヘルプ」 in the Teams personal chat, driven through the
// Microsoft 365 Agents Playground (local Teams emulator). The bot must already be running; this script
// starts and stops only the playground.
//
//   cd tests/e2e && npm ci && node playground-smoke.mjs
//
// Environment (all optional):
//   BOT_ENDPOINT        bot messaging endpoint        (default http://127.0.0.1:3978/api/messages)
//   PLAYGROUND_PORT     playground port               (default 56150)
//   EXPECT              substring the reply must contain, in its text or attachments JSON (default 協働)
//   SMOKE_TEXT          text sent to the bot          (default ヘルプ)
//   START_TIMEOUT_MS    bound for the playground to start   (default 60000)
//   REPLY_TIMEOUT_MS    bound for the bot's reply            (default 30000)
//   KEEP_PLAYGROUND_LOG=1  keep the playground's log file (its path is printed)
//
// Exit code 0 and a "PASS" line when a matching bot message arrives; exit code 1 and a "FAIL" line otherwise.

import { startPlayground, messageSearchText } from './playground.mjs';

const EXPECT = process.env.EXPECT || '協働';
const TEXT = process.env.SMOKE_TEXT || 'ヘルプ';
const START_TIMEOUT_MS = Number(process.env.START_TIMEOUT_MS || 60000);
const REPLY_TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);

let pg = null;
let finished = false;

async function finish(ok, line, details) {
  if (finished) return;
  finished = true;
  if (details) console.log(details);
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-smoke: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => finish(false, `interrupted by ${sig}`));
}

// Hard bound on the whole run, whatever happens.
const hardTimer = setTimeout(
  () => finish(false, `overall time limit of ${START_TIMEOUT_MS + REPLY_TIMEOUT_MS + 20000} ms exceeded`, pg?.describeLogs()),
  START_TIMEOUT_MS + REPLY_TIMEOUT_MS + 20000,
);
hardTimer.unref();

try {
  pg = await startPlayground({ startTimeoutMs: START_TIMEOUT_MS });
  const ids = await pg.conversations();
  console.log(`personal chat ${ids.personal} (user ${ids.me.name} ${ids.me.id}, bot ${ids.bot.name} ${ids.bot.id})`);

  const since = pg.mark();
  const sent = await pg.sendMessage(ids.personal, TEXT);
  console.log(`sent ${JSON.stringify(TEXT)} as message ${sent?.messageId}; waiting up to ${REPLY_TIMEOUT_MS} ms for a bot message containing ${JSON.stringify(EXPECT)}`);

  let ev;
  try {
    ev = await pg.waitForBotMessage({
      conversationId: ids.personal,
      since,
      timeoutMs: REPLY_TIMEOUT_MS,
      predicate: (e) => messageSearchText(e.message).includes(EXPECT),
    });
  } catch (err) {
    const seen = pg.botMessages(since);
    const undelivered = pg.deliveryFailure(since, ids.personal);
    for (const e of seen) console.log(`received ${e.action} in ${e.actionConversationId}: ${JSON.stringify(e.message)}`);
    await finish(
      false,
      seen.length
        ? `${seen.length} bot message(s) received, none containing ${JSON.stringify(EXPECT)}`
        : undelivered
          ? `message not delivered to the bot at ${pg.botEndpoint}: ${undelivered}`
          : `no bot message within ${REPLY_TIMEOUT_MS} ms (is the bot running at ${pg.botEndpoint}?)`,
      `${err.message}\n${pg.describeLogs()}`,
    );
  }
  for (const e of pg.botMessages(since)) {
    console.log(`received ${e.action} in ${e.actionConversationId}: ${JSON.stringify(e.message)}`);
  }
  await finish(true, `bot replied to ${JSON.stringify(TEXT)} with a message containing ${JSON.stringify(EXPECT)}: ${JSON.stringify(messageSearchText(ev.message).slice(0, 300))}`);
} catch (err) {
  await finish(false, err.message.split('\n')[0], `${err.stack || err}\n${pg ? pg.describeLogs() : ''}`);
}
