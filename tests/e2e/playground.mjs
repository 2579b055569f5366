// Reusable driver for the Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground, pinned 0.2.28),
// Microsoft's local Teams emulator. It lets end-to-end tests talk to KyodoBot as a Teams client would,
// without a browser and without the internet.
//
// What it relies on (internal routes of playground 0.2.28, read from its bundled code; they may change
// in other versions, which is why the version is pinned in package.json):
//   GET  /_debug/ping                                   -> "pong" once the backend is mounted
//   GET  /_internal/v1/testConfig                       -> { config: { tenantId, bot, currentUser, users,
//                                                            personalChat, groupChats[], teams[] }, internalConfig }
//   GET  /_internal/v1/config                           -> the same, but first waits up to 15 s for the bot
//                                                          endpoint to answer (what the web UI calls on load)
//   POST /_conversation/v1/conversations/{id}/messages  body { from:{id}, text, textFormat:"plain"|"markdown"|"xml",
//                                                            mentions?:[{mentioned:{id}, text}] }
//                                                       -> { messageId, timestamp, postConversationId? }
//   POST /_conversation/v1/submit                       body { conversation:{id}, from:{id}, replyToId, value:{} }
//   POST /_conversation/v1/invoke                       body { name:"adaptiveCard/action", value, from:{id},
//                                                            conversation:{id}, replyToId } -> bot's {type, value}
//   POST /_debug/conversation/{id}/installation         body {} -> installationUpdate(add) + conversationUpdate
//   GET  /_internal/v1/customActivities/template?conversationId=&type=  (install, uninstall, userAdded, ...)
//   POST /_internal/v1/customActivities                 body = a full Bot Framework activity, sent as is
//   WS   /_ws_conversation/v1/conversations/stream      <- { action:"createMessage"|"updateMessage"|"typing",
//                                                            actionConversationId, message? }
//   WS   /_ws/log/stream                                <- { logAction:"appendLog", log:{ type:"text"|"bot",
//                                                            level?, conversationId?, displayText, response? } }
//
// Usage:
//   import { startPlayground } from './playground.mjs';
//   const pg = await startPlayground();            // spawns it, waits for /_debug/ping, connects the WebSocket
//   try {
//     const ids = await pg.conversations();        // { personal, groupChat, general, channel, me, bot }
//     const mark = pg.mark();
//     await pg.sendMessage(ids.personal, 'ヘルプ');
//     const msg = await pg.waitForBotMessage({ conversationId: ids.personal, since: mark, timeoutMs: 30000 });
//   } finally {
//     await pg.stop();                             // kills the playground's whole process group
//   }

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const PLAYGROUND_BIN = path.join(HERE, 'node_modules', '.bin', 'agentsplayground');
export const DEFAULT_BOT_ENDPOINT = 'http://127.0.0.1:3978/api/messages';
export const DEFAULT_PORT = 56150;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sinceIndex = (since, key) => (typeof since === 'number' ? since : since?.[key] ?? 0);

/** Text of a bot message as one searchable string: its text plus its attachments as JSON. */
/** The Adaptive Card attached to a bot message (parsed), or null. */
export function cardOf(message) {
  const card = (message.attachments || []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return card ? (typeof card.content === 'string' ? JSON.parse(card.content) : card.content) : null;
}

/**
 * What a user reads on an Adaptive Card, one line per element, in order: text blocks, rich text (its runs joined),
 * facts, inputs ("[label]" and "( ) choice"), then the buttons ("[title]"); a ShowCard's card is indented under it.
 */
export function cardLines(card, indent = '') {
  const lines = [];
  const element = (e) => {
    if (!e || e.isVisible === false) return;
    switch (e.type) {
      case 'TextBlock':
        lines.push(indent + e.text);
        break;
      case 'RichTextBlock':
        lines.push(indent + (e.inlines || []).map((r) => (typeof r === 'string' ? r : r.text)).join(''));
        break;
      case 'FactSet':
        for (const f of e.facts || []) lines.push(`${indent}${f.title}: ${f.value}`);
        break;
      case 'Container':
        (e.items || []).forEach(element);
        break;
      case 'ColumnSet':
        for (const c of e.columns || []) (c.items || []).forEach(element);
        break;
      case 'ActionSet':
        (e.actions || []).forEach(action);
        break;
      default:
        if (e.type?.startsWith('Input.')) {
          lines.push(`${indent}[${e.label || e.placeholder || e.id}]${e.value ? ` = ${e.value}` : ''}`);
          for (const c of e.choices || []) lines.push(`${indent}  ( ) ${c.title}`);
        }
    }
  };
  const action = (a) => {
    lines.push(`${indent}[${a.title}]${a.type === 'Action.ShowCard' ? ' ▾' : ''}`);
    if (a.type === 'Action.ShowCard' && a.card) lines.push(...cardLines(a.card, `${indent}    `));
  };
  (card?.body || []).forEach(element);
  (card?.actions || []).forEach(action);
  return lines;
}

/** A local date (Asia/Tokyo, the bot's default zone) some days from now, as YYYY-MM-DD. */
export const localDay = (offset) => new Date(Date.now() + 9 * 3600 * 1000 + offset * 86400 * 1000).toISOString().slice(0, 10);

/**
 * Answers to the whole proposal dialog, in order (with public funds, 所管課 市民活動推進課, quarterly evaluations);
 * `selfChecks` replaces the seven self-check answers.
 */
export function proposalAnswers({ selfChecks = ['はい', 'はい', 'はい', 'はい', 'はい', 'はい', 'はい'] } = {}) {
  return [
    'みどり野まちづくりネット', 'NPO法人', '山田 花子', 'yamada@example.jp', 'スキップ',
    '高齢者の見守りとサロン運営事業', '一人暮らしの高齢者が地域で孤立しないまちをつくります。',
    '一人暮らしの高齢者が増え、孤立が心配されています。', '毎週水曜日に公民館でサロンを開き、見守り訪問を行います。',
    'サロン参加者を年間延べ500人にします。', 'サロンの運営と見守り訪問', '会場の提供と広報', '市民活動推進課',
    localDay(30), localDay(395), 'はい', '120万円', '市と団体のホームページで四半期ごとに報告します。', '四半期ごと',
    ...selfChecks,
  ];
}

/**
 * Runs one CLI verb of the bot's executable (`dotnet <dll> …`, this process's environment) to its end and resolves
 * with its standard output; rejects unless it exits with 0. With `echo`, prints the command and its output.
 */
export function runCli(dll, args, { timeoutMs = 60000, echo = true } = {}) {
  return new Promise((resolve, reject) => {
    if (echo) console.log(`$ KyodoBot ${args.join(' ')}`);
    const child = spawn('dotnet', [dll, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (echo) {
        for (const line of stdout.trimEnd().split('\n')) if (line) console.log(`  > ${line}`);
        for (const line of stderr.trimEnd().split('\n')) if (line) console.log(`  ! ${line}`);
      }
      if (code === 0) resolve(stdout);
      else reject(new Error(`KyodoBot ${args.join(' ')} exited with ${code ?? signal}\n${stdout}\n${stderr}`));
    });
  });
}

export function messageSearchText(message) {
  if (!message) return '';
  const parts = [];
  if (typeof message.text === 'string') parts.push(message.text);
  if (Array.isArray(message.attachments) && message.attachments.length > 0) {
    parts.push(JSON.stringify(message.attachments));
  }
  if (message.suggestedActions) parts.push(JSON.stringify(message.suggestedActions));
  return parts.join('\n');
}

/**
 * Start the playground and return a connected Playground.
 * Options (all optional):
 *   botEndpoint     bot URL (default env BOT_ENDPOINT or http://127.0.0.1:3978/api/messages)
 *   port            playground port (default env PLAYGROUND_PORT or 56150)
 *   cwd             working directory, where .m365agentsplayground.yml is read (default: repo root)
 *   startTimeoutMs  bound for the process to answer /_debug/ping with "pong" (default 60000)
 *   logFile         where the playground writes its console log (default: a temp file). When its stdout is
 *                   not a TTY the playground prints only "Listening on <port>"; everything else, including
 *                   config file errors, goes only to this file.
 *   quiet           do not echo progress lines (default false)
 */
export async function startPlayground(options = {}) {
  const pg = new Playground(options);
  try {
    await pg.start();
    await pg.connect();
  } catch (err) {
    await pg.stop();
    throw err;
  }
  return pg;
}

export class Playground {
  constructor(options = {}) {
    this.botEndpoint = options.botEndpoint || process.env.BOT_ENDPOINT || DEFAULT_BOT_ENDPOINT;
    this.requestedPort = Number(options.port || process.env.PLAYGROUND_PORT || DEFAULT_PORT);
    this.port = this.requestedPort;
    this.cwd = options.cwd || process.env.PLAYGROUND_CWD || REPO_ROOT;
    this.startTimeoutMs = Number(options.startTimeoutMs || 60000);
    this.quiet = Boolean(options.quiet);
    this.tmpDir = null;
    this.logFile = options.logFile || process.env.M365_AGENTS_PLAYGROUND_LOGFILE || null;
    this.child = null;
    this.exited = null; // { code, signal } once the process has ended
    this.stdout = '';
    this.events = []; // every frame from the conversation WebSocket, parsed
    this.logs = []; // every frame from the log WebSocket, parsed
    this.ws = null;
    this.logWs = null;
    this.waiters = new Set();
    this._config = null;
    this._onExit = () => this._killGroup('SIGKILL');
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  log(...args) {
    if (!this.quiet) console.log('[playground]', ...args);
  }

  async start() {
    if (!fs.existsSync(PLAYGROUND_BIN)) {
      throw new Error(`${PLAYGROUND_BIN} not found: run "npm ci" in ${HERE} first`);
    }
    if (!this.logFile) {
      this.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodobot-playground-'));
      this.logFile = path.join(this.tmpDir, 'm365agentsplayground.log');
    }
    const args = ['-e', this.botEndpoint, '-c', 'msteams', '-p', String(this.requestedPort), '--disable-telemetry'];
    this.log(`starting ${path.relative(this.cwd, PLAYGROUND_BIN)} ${args.join(' ')} (cwd ${this.cwd}, log ${this.logFile})`);
    this.child = spawn(PLAYGROUND_BIN, args, {
      cwd: this.cwd,
      detached: true, // own process group, so stop() can kill everything it started
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_LOGFILE: this.logFile,
      },
    });
    process.on('exit', this._onExit);
    // A script without its own signal handling would die on SIGINT/SIGTERM without 'exit', leaving the Playground's
    // process group running: stop it, then exit as the signal would have.
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      if (process.listenerCount(sig) === 0) {
        process.once(sig, () => {
          this._killGroup('SIGKILL');
          process.exit(128 + (sig === 'SIGHUP' ? 1 : sig === 'SIGINT' ? 2 : 15));
        });
      }
    }
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      this.stdout += chunk;
      const m = /Listening on (\d+)/.exec(this.stdout);
      if (m) this.port = Number(m[1]);
    });
    this.child.stderr.on('data', (chunk) => {
      this.stdout += chunk;
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this._wakeWaiters();
    });
    this.child.on('error', (err) => {
      this.exited = { code: null, signal: null, error: err };
      this._wakeWaiters();
    });

    const deadline = Date.now() + this.startTimeoutMs;
    let lastError = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.exited) {
        await sleep(200); // let the log file settle
        throw new Error(
          `playground exited before it was ready (code ${this.exited.code}, signal ${this.exited.signal}` +
            `${this.exited.error ? `, ${this.exited.error.message}` : ''})${this._startupErrorReason()}\n${this.describeLogs()}`,
        );
      }
      if (/Listening on \d+/.test(this.stdout)) {
        try {
          const res = await fetch(`${this.baseUrl}/_debug/ping`, { signal: AbortSignal.timeout(2000) });
          const body = await res.text();
          if (res.ok && body.trim() === 'pong') {
            if (this.port !== this.requestedPort) {
              this.log(`WARNING: port ${this.requestedPort} was busy; the playground fell back to port ${this.port}`);
            }
            this.log(`ready on ${this.baseUrl} (bot endpoint ${this.botEndpoint})`);
            return;
          }
          lastError = `HTTP ${res.status} ${body.slice(0, 200)}`;
        } catch (err) {
          lastError = err.message;
        }
      }
      await sleep(250);
    }
    throw new Error(
      `playground did not answer /_debug/ping with "pong" within ${this.startTimeoutMs} ms (last: ${lastError})\n${this.describeLogs()}`,
    );
  }

  /** Connect the conversation WebSocket (bot messages) and the log WebSocket. */
  async connect() {
    const open = (url, onMessage) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        const timer = setTimeout(() => {
          ws.terminate();
          reject(new Error(`timed out connecting ${url}`));
        }, 10000);
        ws.on('open', () => {
          clearTimeout(timer);
          resolve(ws);
        });
        ws.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        ws.on('message', (data) => {
          let parsed;
          try {
            parsed = JSON.parse(data.toString());
          } catch {
            parsed = { raw: data.toString() };
          }
          onMessage(parsed);
        });
      });
    const wsBase = `ws://127.0.0.1:${this.port}`;
    this.ws = await open(`${wsBase}/_ws_conversation/v1/conversations/stream`, (ev) => {
      ev.receivedAt = Date.now();
      this.events.push(ev);
      this._wakeWaiters();
    });
    this.ws.on('error', () => {});
    try {
      this.logWs = await open(`${wsBase}/_ws/log/stream`, (item) => {
        this.logs.push(item);
        this._wakeWaiters();
      });
      this.logWs.on('error', () => {});
    } catch {
      this.logWs = null; // diagnostics only
    }
  }

  /** The tenant, users, chats and team loaded from the yml (GET /_internal/v1/testConfig, cached). */
  async config() {
    if (!this._config) this._config = (await this.request('GET', '/_internal/v1/testConfig')).config;
    return this._config;
  }

  /** Wait (at most ~15 s, playground's own bound) until the bot endpoint answers HTTP at all. */
  async waitForBotEndpoint() {
    await this.request('GET', '/_internal/v1/config');
  }

  /** The conversation ids and accounts of the mock tenant. */
  async conversations() {
    const c = await this.config();
    const team = c.teams[0];
    const general = team.channels.find((ch) => ch.id === team.id) || team.channels[0];
    const extra = team.channels.find((ch) => ch.id !== team.id);
    return {
      personal: c.personalChat.id,
      groupChat: c.groupChats[0].id,
      team: team.id,
      general: general.id,
      channel: extra ? extra.id : undefined,
      channelName: extra ? extra.name : undefined,
      tenantId: c.tenantId,
      me: c.currentUser,
      users: c.users,
      bot: c.bot,
    };
  }

  /** A mention of the bot, for group chat / channel messages: { text, mentions }. */
  async botMention() {
    const { bot } = await this.conversations();
    const text = `<at>${bot.name}</at>`;
    return { text, mentions: [{ mentioned: { id: bot.id }, text }] };
  }

  /**
   * Send a user message. In a group chat or channel the bot only receives it when the bot is mentioned:
   * pass { mentionBot: true } (prefixes "<at>bot name</at> " and adds the mention) or your own mentions.
   * In a channel the message starts a new thread; the reply goes to the returned postConversationId
   * ("<channel id>;messageid=<messageId>"), which can also be used as conversationId to reply in that thread.
   * Note: the activity the bot receives always has from = currentUser, whatever from.id is given here
   * (from.id is only checked for membership).
   */
  async sendMessage(conversationId, text, opts = {}) {
    const me = opts.from || (await this.config()).currentUser.id;
    let body = { from: { id: me }, text, textFormat: opts.textFormat || 'plain' };
    if (opts.mentionBot) {
      const m = await this.botMention();
      body.text = `${m.text} ${text}`;
      body.mentions = m.mentions;
    }
    if (opts.mentions) body.mentions = [...(body.mentions || []), ...opts.mentions];
    return this.request('POST', `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);
  }

  /** Adaptive Card Action.Submit: a message activity with replyToId and value. */
  async submit({ conversationId, replyToId, value, from }) {
    const me = from || (await this.config()).currentUser.id;
    return this.request('POST', '/_conversation/v1/submit', {
      conversation: { id: conversationId },
      from: { id: me },
      replyToId,
      value,
    });
  }

  /** Invoke (default adaptiveCard/action = Action.Execute); returns the bot's invoke response { type, value }. */
  async invoke({ conversationId, replyToId, value, from, name = 'adaptiveCard/action' }) {
    const me = from || (await this.config()).currentUser.id;
    const body = { name, value, from: { id: me }, conversation: { id: conversationId } };
    if (replyToId !== undefined) body.replyToId = replyToId;
    return this.request('POST', '/_conversation/v1/invoke', body);
  }

  /** Send installationUpdate(action add) then conversationUpdate(membersAdded) for a conversation. */
  async install(conversationId) {
    return this.request('POST', `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /** A ready-made activity: type is one of install, uninstall, userAdded, userRemoved, botAdded, botRemoved,
   *  channelCreated, channelRenamed, channelDeleted, teamRenamed, teamDeleted, sendEmail, mentionInWord. */
  async customActivityTemplate(conversationId, type) {
    const q = new URLSearchParams({ conversationId, type });
    return this.request('GET', `/_internal/v1/customActivities/template?${q}`);
  }

  /** Send any activity to the bot as is (e.g. a template from customActivityTemplate, edited). */
  async sendCustomActivity(activity) {
    return this.request('POST', '/_internal/v1/customActivities', activity);
  }

  /** A point in the received frames; pass it as `since` to waitForBotMessage / botMessages to ignore older ones. */
  mark() {
    return { events: this.events.length, logs: this.logs.length };
  }

  /** Bot messages (createMessage / updateMessage frames) received so far, optionally from mark `since`. */
  botMessages(since = 0) {
    return this.events.slice(sinceIndex(since, 'events')).filter((e) => e.action === 'createMessage' || e.action === 'updateMessage');
  }

  /**
   * The first failure to deliver an activity to the bot logged since mark `since` (optionally for one
   * conversation): the bot was unreachable (ECONNREFUSED) or answered HTTP >= 400. Null if none.
   */
  deliveryFailure(since = 0, conversationId) {
    const sameConv = (id) => !conversationId || (id && (id === conversationId || id.split(';')[0] === conversationId));
    for (const item of this.logs.slice(sinceIndex(since, 'logs'))) {
      const log = item.log || item;
      if (!sameConv(log.conversationId)) continue;
      if (log.type === 'text' && (log.level === 'warning' || log.level === 'error') && log.conversationId) {
        return log.displayText || JSON.stringify(log);
      }
      if (log.type === 'bot' && log.to === 'User Application' && log.response?.statusCode >= 400) {
        return `bot answered HTTP ${log.response.statusCode} to ${log.activityName || 'an activity'}: ${JSON.stringify(log.response.body ?? '').slice(0, 300)}`;
      }
    }
    return null;
  }

  /**
   * Wait for a createMessage/updateMessage frame from the conversation WebSocket.
   *   conversationId  match frames for this conversation (also its channel threads "<id>;messageid=...")
   *   since           only frames after this mark (see mark()); default 0 = all
   *   failFast        reject soon (after a 2 s grace) when the playground logs that it could not deliver to
   *                   the bot (unreachable, or HTTP >= 400) since the mark; default true
   *   actions         default ['createMessage', 'updateMessage']
   *   predicate(ev)   extra filter; ev = { action, actionConversationId, message:{ messageId, from, text,
   *                   textFormat, attachments, ... } }
   *   timeoutMs       default 30000
   * Resolves with the frame; rejects with an Error that lists what was received.
   */
  waitForBotMessage({ conversationId, since = 0, actions = ['createMessage', 'updateMessage'], predicate, timeoutMs = 30000, failFast = true } = {}) {
    const matches = (ev) => {
      if (!actions.includes(ev.action)) return false;
      if (conversationId) {
        const id = ev.actionConversationId || '';
        const post = ev.message?.postConversationId || '';
        const same = (x) => x === conversationId || x.split(';')[0] === conversationId;
        if (!same(id) && !same(post)) return false;
      }
      return predicate ? predicate(ev) : true;
    };
    return new Promise((resolve, reject) => {
      let index = sinceIndex(since, 'events');
      const waiter = {};
      const finish = (fn, arg) => {
        clearTimeout(waiter.timer);
        clearTimeout(waiter.graceTimer);
        this.waiters.delete(waiter);
        fn(arg);
      };
      waiter.check = () => {
        for (; index < this.events.length; index++) {
          if (matches(this.events[index])) return finish(resolve, this.events[index]);
        }
        if (this.exited) {
          return finish(reject, new Error(`playground exited (code ${this.exited.code}) while waiting for a bot message`));
        }
        if (failFast && !waiter.graceTimer) {
          const failure = this.deliveryFailure(since, conversationId);
          if (failure) {
            waiter.graceTimer = setTimeout(
              () => finish(reject, new Error(`the playground could not deliver to the bot: ${failure}`)),
              2000,
            );
          }
        }
      };
      waiter.timer = setTimeout(() => {
        const seen = this.botMessages(since);
        finish(
          reject,
          new Error(
            `no matching bot message within ${timeoutMs} ms; bot messages seen: ${seen.length}` +
              (seen.length ? `\n${seen.map((e) => JSON.stringify(e)).join('\n')}` : ''),
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  /** ": <reason>" from the playground log when it refused to start (e.g. a .m365agentsplayground.yml error). */
  _startupErrorReason() {
    try {
      const text = fs.readFileSync(this.logFile, 'utf8');
      const m = /^error Reason: (.*)$/m.exec(text);
      return m ? `: ${m[1]}` : '';
    } catch {
      return '';
    }
  }

  /** Recent playground log lines (log file tail + log WebSocket items), for failure messages. */
  describeLogs(maxLines = 40) {
    const out = [];
    if (this.stdout.trim()) out.push(`--- playground stdout/stderr ---\n${this.stdout.trim().split('\n').slice(-maxLines).join('\n')}`);
    try {
      if (this.logFile && fs.existsSync(this.logFile)) {
        const lines = fs.readFileSync(this.logFile, 'utf8').trim().split('\n');
        out.push(`--- ${this.logFile} (last ${Math.min(maxLines, lines.length)} lines) ---\n${lines.slice(-maxLines).join('\n')}`);
      }
    } catch {}
    const logTexts = this.logs
      .map((l) => l.log || l)
      .map((l) =>
        l.type === 'bot'
          ? `[${l.from} -> ${l.to}] ${l.activityName || ''} ${l.conversationId || ''} HTTP ${l.response?.statusCode ?? '?'} ${l.displayText || ''}`
          : `[${l.level || 'info'}] ${l.conversationId ? `${l.conversationId}: ` : ''}${l.displayText || JSON.stringify(l)}`,
      )
      .slice(-maxLines);
    if (logTexts.length) out.push(`--- playground log stream ---\n${logTexts.join('\n')}`);
    return out.join('\n');
  }

  async request(method, urlPath, body) {
    const res = await fetch(this.baseUrl + urlPath, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${urlPath} -> HTTP ${res.status}: ${text.slice(0, 500)}`);
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  _wakeWaiters() {
    for (const w of [...this.waiters]) w.check();
  }

  _killGroup(signal) {
    if (!this.child || this.exited) return;
    try {
      process.kill(-this.child.pid, signal); // the whole process group (detached spawn)
    } catch {
      try {
        this.child.kill(signal);
      } catch {}
    }
  }

  /** Close the sockets and kill the playground's process group (SIGTERM, then SIGKILL after 5 s). */
  async stop() {
    for (const w of [this.ws, this.logWs]) {
      try {
        w?.terminate();
      } catch {}
    }
    for (const w of [...this.waiters]) {
      clearTimeout(w.timer);
      clearTimeout(w.graceTimer);
      this.waiters.delete(w);
    }
    if (this.child && !this.exited) {
      this._killGroup('SIGTERM');
      const deadline = Date.now() + 5000;
      while (!this.exited && Date.now() < deadline) await sleep(100);
      if (!this.exited) {
        this._killGroup('SIGKILL');
        const hard = Date.now() + 2000;
        while (!this.exited && Date.now() < hard) await sleep(100);
      }
    }
    // The group leader may be gone while a stray child lives on: make sure the group is empty.
    if (this.child) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {}
    }
    process.off('exit', this._onExit);
    if (this.tmpDir && process.env.KEEP_PLAYGROUND_LOG !== '1') {
      try {
        fs.rmSync(this.tmpDir, { recursive: true, force: true });
      } catch {}
    }
  }
}
