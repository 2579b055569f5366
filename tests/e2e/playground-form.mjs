#!/usr/bin/env node
// End to end through the Microsoft 365 Agents Playground, card mode: 「カードで入力」 shows the whole proposal as one
// card; pressing 内容を確認 (Action.Execute) with a mistake brings the errors back on the card; with good values the
// card becomes the summary; 送信 files the proposal. The bot must already be running.

import { startPlayground, messageSearchText, cardOf } from './playground.mjs';

const TIMEOUT_MS = Number(process.env.REPLY_TIMEOUT_MS || 30000);
let pg = null;

const day = (offset) => new Date(Date.now() + 9 * 3600 * 1000 + offset * 86400 * 1000).toISOString().slice(0, 10);
const VALUES = {
  orgName: 'みどり野まちづくりネット', orgType: 'npo', representative: '山田 花子', email: 'yamada@example.jp', phone: '',
  projectName: '高齢者の見守りとサロン運営事業', purpose: '一人暮らしの高齢者が地域で孤立しないまちをつくります。',
  issue: '一人暮らしの高齢者が増え、孤立が心配されています。', description: '毎週水曜日に公民館でサロンを開き、見守り訪問を行います。',
  outcomes: 'サロン参加者を年間延べ500人にします。', orgRole: 'サロンの運営と見守り訪問', cityRole: '会場の提供と広報',
  department: '市民活動推進課', startDate: day(30), endDate: day(395), publicFunds: 'yes', budget: '120万円',
  disclosure: '市と団体のホームページで四半期ごとに報告します。', evaluationSchedule: 'quarterly',
  check1: 'yes', check2: 'yes', check3: 'yes', check4: 'yes', check5: 'yes', check6: 'yes', check7: 'yes',
};

async function finish(ok, line) {
  if (pg) await pg.stop().catch(() => {});
  console.log(`${ok ? 'PASS' : 'FAIL'}: playground-form: ${line}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

try {
  pg = await startPlayground({});
  const ids = await pg.conversations();

  let since = pg.mark();
  await pg.sendMessage(ids.personal, 'カードで入力');
  const form = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => (cardOf(e.message)?.actions || []).some((a) => a.verb === 'proposal.form'),
  });
  const card = cardOf(form.message);
  const orgType = JSON.stringify(card).match(/"id":"orgType".*?"choices":\[\{"title":"[^"]*","value":"([^"]+)"/);
  if (orgType) VALUES.orgType = orgType[1];
  const schedule = JSON.stringify(card).match(/"id":"evaluationSchedule".*?"choices":\[\{"title":"[^"]*","value":"([^"]+)"/);
  if (schedule) VALUES.evaluationSchedule = schedule[1];

  const invoke = (data) => pg.invoke({
    conversationId: ids.personal,
    replyToId: form.message.messageId,
    value: { action: { type: 'Action.Execute', verb: 'proposal.form', data: { lang: 'ja', ...data } } },
  });
  const wrong = await invoke({ ...VALUES, budget: '', endDate: day(10) });
  if (!JSON.stringify(wrong).includes('Attention')) throw new Error(`no errors on the card: ${JSON.stringify(wrong).slice(0, 300)}`);
  const good = await invoke(VALUES);
  if (!JSON.stringify(good).includes('"command":"送信"')) throw new Error(`no summary card: ${JSON.stringify(good).slice(0, 400)}`);

  since = pg.mark();
  await pg.sendMessage(ids.personal, '送信');
  const confirmation = await pg.waitForBotMessage({
    conversationId: ids.personal, since, timeoutMs: TIMEOUT_MS,
    predicate: (e) => messageSearchText(e.message).includes('KP-'),
  });
  await finish(true, `form → errors on the card → summary → ${messageSearchText(confirmation.message).slice(0, 60)}`);
} catch (err) {
  await finish(false, `${err.message.split('\n')[0]}${pg ? '\n' + pg.describeLogs() : ''}`);
}
