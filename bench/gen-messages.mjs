#!/usr/bin/env node
// Synthetic message-level chat export for the benchmark: one row per message, in time order, many conversations
// interleaved, deterministic for a given --rows/--seed/--format.
//
//   node bench/gen-messages.mjs --rows 660000 --seed 1 > msgs-100m.csv        # ~100 MB
//   node bench/gen-messages.mjs --rows 660000 --seed 1 --format ndjson > msgs-100m.ndjson
//
// Columns: conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating
// Shape (on purpose close to ../shared/bench/README.md, so either file exercises the same code paths):
// ~152 bytes/row, ~5% of rows quoted (most of them multi-line, some with "" escapes), 15% of conversations
// missed and 5% resolved by a bot alone, ~20% rated 1-5 on their last row, a bot before the agent in 25%.
// Rows are scheduled in one-second buckets (a calendar queue): a conversation is planned whole when it starts
// and its rows wait in the buckets of their seconds, so memory holds only the conversations still open.

const USAGE = `usage: node bench/gen-messages.mjs [--rows N] [--seed S] [--format csv|ndjson] > FILE
  --rows N      exact number of message rows (default 1000); the last conversation is cut to fit
  --seed S      integer seed, same seed => same bytes (default 1)
  --format F    csv (RFC 4180, LF, header row) or ndjson (null for empty agent/rating) (default csv)`;

const MISSED_SHARE = 0.15;
const BOT_ONLY_SHARE = 0.05;
const RATED_SHARE = 0.2; // of all conversations; ratings go on answered ones only
const BOT_FIRST_SHARE = 0.25;
const QUOTED_SHARE = 0.05;
const UNICODE_SHARE = 0.01;
const PEAK_GAP_SECONDS = 6; // mean gap between conversation starts at the busiest hour
const START_SECONDS = Date.UTC(2024, 0, 1) / 1000;
const FLUSH_CHARS = 1 << 20;

function fail(message) {
  process.stderr.write(`gen-messages: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv) {
  const options = { rows: 1000, seed: 1, format: 'csv' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '-h' || flag === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (flag === '--rows') options.rows = Number(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--format') options.format = String(value());
    else fail(`unknown option ${flag}`);
  }
  if (!Number.isSafeInteger(options.rows) || options.rows < 0) fail('--rows needs a non-negative integer');
  if (!Number.isSafeInteger(options.seed)) fail('--seed needs an integer');
  if (options.format !== 'csv' && options.format !== 'ndjson') fail('--format is csv or ndjson');
  return options;
}

// xoshiro128** seeded by a splitmix32 stream: fast, 32-bit, and the same on every platform.
function createRandom(seed) {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 15), 0x2c1b3c6d);
    z = Math.imul(z ^ (z >>> 12), 0x297a2d39);
    return (z ^ (z >>> 15)) >>> 0;
  };
  const s = Uint32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  const rotl = (v, k) => (v << k) | (v >>> (32 - k));
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result / 4294967296;
  };
  const between = (low, high) => low + Math.floor(next() * (high - low + 1));
  const oneOf = (list) => list[Math.floor(next() * list.length)];
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.sin(2 * Math.PI * next());
  return {
    next,
    between,
    oneOf,
    chance: (p) => next() < p,
    logNormal: (median, sigma) => median * Math.exp(sigma * gaussian()),
    exponential: (mean) => -mean * Math.log(1 - next()),
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      return () => {
        let r = next() * total;
        for (const [item, weight] of entries) if ((r -= weight) < 0) return item;
        return entries[entries.length - 1][0];
      };
    },
  };
}

const GIVEN = ['Aiko', 'Bruno', 'Cecile', 'Dario', 'Esra', 'Felix', 'Gita', 'Hugo', 'Irene', 'Jakub', 'Kira', 'Luca',
  'Mina', 'Nils', 'Olivia', 'Pedro', 'Rania', 'Stefan', 'Talia', 'Ulrich', 'Valeria', 'Wiktor', 'Yara', 'Zeno'];
const FAMILY = ['Abbott', 'Becker', 'Castillo', 'Dumont', 'Eriksen', 'Ferreira', 'Gallo', 'Hoffmann', 'Ito', 'Jovanovic',
  'Kaur', 'Lindqvist', 'Mendes', 'Nakamura', 'Oliveira', 'Popescu', 'Quinn', 'Reyes', 'Schulz', 'Torres'];
const BOT_NAMES = ['Support Bot', 'Ava (virtual assistant)'];
const DEPARTMENTS = [['Support', 44], ['Sales', 21], ['Billing', 15], ['Technical', 12], ['Returns', 8]];
const CHANNELS = [['web', 58], ['ios', 13], ['android', 14], ['whatsapp', 10], ['messenger', 5]];
const RATINGS = [[5, 52], [4, 23], [3, 10], [2, 6], [1, 9]];
// Arrivals per hour of day, relative to the peak (UTC business day).
const HOURLY_LOAD = [0.12, 0.1, 0.08, 0.08, 0.12, 0.2, 0.4, 0.65, 0.9, 1, 1, 0.95, 0.85, 0.9, 1, 0.98, 0.92, 0.8,
  0.65, 0.5, 0.4, 0.3, 0.22, 0.16];

const GREETINGS = ['Hi', 'Hello', 'Hey there', 'Good afternoon', 'Hi team', 'Morning'];
const PROBLEMS = [
  'my order still shows as processing after a week', 'I was billed twice for the same subscription',
  'the login page says my password is wrong', 'the mobile app freezes on the checkout screen',
  'I would like to send back a jacket that does not fit', 'where can I update my delivery address',
  'the promo code from your newsletter is rejected', 'please cancel my plan at the end of the month',
  'the amount on my invoice is not what I agreed to', 'can I move to the yearly plan right now',
  'the courier link shows no tracking information', 'the blender arrived with a cracked jar',
  'do you deliver to Norway', 'I never got the verification email', 'I need to speak with someone in person',
  'my card was charged but the order failed',
];
const CUSTOMER_LINES = [
  'my reference is #', 'I ordered it on Tuesday evening', 'yes exactly', 'I tried that already twice',
  'alright thank you', 'it is still the same', 'how many days does that usually take', 'could you look once more',
  'hello are you still there', 'perfect that fixed it', 'I attached a photo of the box', 'same email as on my profile',
  'thanks a lot you have been very helpful', 'nothing else for now', 'sorry I stepped away for a minute',
  'I wrote to you about this last week as well and nobody answered my message',
  'the product page says it is available but the basket empties itself whenever I pay',
  'I only need to know when the money is back on my card because rent is due soon',
  'my partner sees exactly the same error on another phone so it is not my device',
];
const AGENT_OPENERS = [
  'Hello this is {name} and I will take care of this for you', 'Thanks for your message I am checking it right now',
  'Hi and thank you for your patience', 'Good to hear from you I can sort that out', 'Thanks for getting in touch',
];
const AGENT_LINES = [
  'could you give me the order reference please', 'let me look that up', 'I found your order in our system',
  'the refund is on its way and takes 3 to 5 working days', 'please log out and sign in again after clearing the cache',
  'I have just sent you a fresh reset link', 'the courier has it and expects to deliver tomorrow',
  'I passed this on to our technical team', 'is there anything else I can do for you today',
  'thank you for waiting', 'bear with me for a moment', 'the new address is now saved on the order',
  'the discount will show on your next invoice', 'I am sorry for the inconvenience',
  'I understand this has been frustrating and I will make sure it is fixed before the end of the day',
  'our records show the bank declined the payment so nothing was actually taken from your account',
  'I am sending you the help centre article with the step by step instructions now',
  'I left a note on your account so that anyone you talk to next can see the full history',
];
const BOT_LINES = [
  'Hi I am the virtual assistant what can I do for you', 'Pick a topic Orders Billing Account or Something else',
  'This article might answer your question', 'Did that solve your problem', 'I will connect you to a colleague',
];
const UNICODE_LINES = ['¿Dónde está mi paquete?', 'Merci pour votre aide', '非常感谢你的帮助', 'Vielen Dank',
  'Obrigada 🙂', 'Большое спасибо', 'どうもありがとう', 'Çok teşekkürler'];
const QUOTE_WORDS = ['shipped', 'on hold', 'Premium', 'Payment pending', 'Forgot password', 'Track order'];
const MISSED_ENDINGS = ['Visitor left the chat', 'No agent was available', 'Chat timed out in the queue'];
const CLOSINGS = ['Chat closed by agent', 'Visitor closed the chat', 'Chat archived after inactivity'];

function createPlanner(random) {
  const agents = [];
  for (let i = 0; agents.length < 40; i++) {
    const name = `${random.oneOf(GIVEN)} ${random.oneOf(FAMILY)}`;
    if (!agents.includes(name)) agents.push(name);
  }
  const department = random.weighted(DEPARTMENTS);
  const channel = random.weighted(CHANNELS);
  const rating = random.weighted(RATINGS);
  const idSalt = BigInt(random.between(0, 2 ** 30)) * 1024n;
  const ID_SPACE = 36n ** 8n;
  const A = 25214903917n; // coprime to 36, so index -> id is a bijection of the id space

  const withReference = (line) => (line.endsWith('#') ? `${line}${random.between(10000000, 99999999)}` : line);
  const customerText = (first) => {
    if (random.chance(UNICODE_SHARE)) return random.oneOf(UNICODE_LINES);
    if (first) {
      const ask = `${random.oneOf(GREETINGS)} ${random.oneOf(PROBLEMS)}`;
      return random.chance(0.45) ? `${ask}. Also ${random.oneOf(PROBLEMS)}` : ask;
    }
    const line = withReference(random.oneOf(CUSTOMER_LINES));
    return random.chance(0.6) ? `${line}. ${withReference(random.oneOf(CUSTOMER_LINES))}` : line;
  };
  const agentText = (first, agent) => {
    if (first) return `${random.oneOf(AGENT_OPENERS).replace('{name}', agent.split(' ')[0])}. ${random.oneOf(AGENT_LINES)}`;
    const parts = random.chance(0.3) ? 1 : random.chance(0.8) ? 2 : 3;
    const lines = [];
    for (let i = 0; i < parts; i++) lines.push(random.oneOf(AGENT_LINES));
    return lines.join('. ');
  };
  // Needs CSV quoting: always a comma; usually a line break; often a quoted word ("" once escaped).
  const quotedText = (role, agent) => {
    const first = role === 'agent' ? agentText(false, agent) : role === 'bot' ? random.oneOf(BOT_LINES) : customerText(false);
    const second = role === 'agent' ? random.oneOf(AGENT_LINES) : customerText(false);
    const word = random.oneOf(QUOTE_WORDS);
    const shape = random.next();
    if (shape < 0.4) return `${first}, the status says "${word}"\n${second}`;
    if (shape < 0.75) return `${first},\n${second}\n\nSent from my phone`;
    return `${first}, then "${word}", ${second}`;
  };

  return function plan(index, startSecond) {
    const conversation = {
      id: `C${((BigInt(index) * A + idSalt) % ID_SPACE).toString(36).toUpperCase().padStart(8, '0')}`,
      department: department(),
      channel: channel(),
      agent: '',
      rating: 0,
      rows: [],
    };
    const customer = random.chance(0.35) ? `Visitor ${random.between(10000, 99999)}` : `${random.oneOf(GIVEN)} ${random.oneOf(FAMILY)}`;
    const bot = random.oneOf(BOT_NAMES);
    let at = startSecond;
    const say = (role, author, text) => conversation.rows.push({ at: Math.round(at), role, author, text });
    const wait = (seconds) => { at += seconds; };

    say('customer', customer, customerText(true));
    const kind = random.next();
    if (kind < MISSED_SHARE) {
      if (random.chance(BOT_FIRST_SHARE)) { wait(1 + random.next() * 2); say('bot', bot, random.oneOf(BOT_LINES)); }
      for (let i = random.between(0, 2); i > 0; i--) { wait(15 + random.next() * 100); say('customer', customer, customerText(false)); }
      wait(60 + random.next() * 500);
      say('system', 'System', random.oneOf(MISSED_ENDINGS));
    } else if (kind < MISSED_SHARE + BOT_ONLY_SHARE) {
      const turns = random.between(1, 4);
      for (let i = 0; i < turns; i++) {
        wait(1 + random.next() * 2.5);
        say('bot', bot, random.oneOf(BOT_LINES));
        if (i < turns - 1) { wait(random.logNormal(14, 0.8)); say('customer', customer, customerText(false)); }
      }
      wait(30 + random.next() * 120);
      say('system', 'System', 'Resolved by the assistant');
    } else {
      const agent = random.oneOf(agents);
      conversation.agent = agent;
      if (random.chance(BOT_FIRST_SHARE)) {
        wait(1 + random.next() * 2.5);
        say('bot', bot, random.oneOf(BOT_LINES));
        if (random.chance(0.6)) { wait(random.logNormal(11, 0.7)); say('customer', customer, customerText(false)); }
        wait(0.5 + random.next() * 1.5);
        say('system', 'System', `Transferred to ${agent}`);
      }
      wait(Math.min(1800, Math.max(2, random.logNormal(25, 1.1))));
      say('agent', agent, agentText(true, agent));
      // at most 40 rows in all: the body leaves room for the closing row
      const body = Math.min(39 - conversation.rows.length, Math.max(1, Math.round(random.logNormal(7, 0.65))));
      let customerTurn = true;
      for (let i = 0; i < body; i++) {
        wait(random.logNormal(customerTurn ? 28 : 33, 0.9));
        if (customerTurn) say('customer', customer, customerText(false));
        else say('agent', agent, agentText(false, agent));
        if (random.chance(0.75)) customerTurn = !customerTurn; // sometimes the same side writes twice
      }
      if (random.chance(0.5)) { wait(20 + random.next() * 280); say('system', 'System', random.oneOf(CLOSINGS)); }
      else { wait(random.logNormal(28, 0.8)); say('agent', agent, 'Thanks for chatting with us and have a lovely day'); }
      if (random.chance(RATED_SHARE / (1 - MISSED_SHARE - BOT_ONLY_SHARE))) conversation.rating = rating();
    }
    for (const row of conversation.rows) {
      if (random.chance(QUOTED_SHARE)) row.text = quotedText(row.role, conversation.agent || 'Sam Quinn');
    }
    return conversation;
  };
}

const needsQuotes = /[",\r\n]/;
const csvField = (value) => (needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function rowFormatter(format) {
  if (format === 'csv') {
    return (c, row, timestamp, rating) =>
      `${c.id},${timestamp},${row.role},${csvField(row.author)},${csvField(c.agent)},${c.department},${c.channel},${csvField(row.text)},${rating || ''}\n`;
  }
  return (c, row, timestamp, rating) => `${JSON.stringify({
    conversation_id: c.id, timestamp, author_type: row.role, author_name: row.author, agent: c.agent || null,
    department: c.department, channel: c.channel, message: row.text, rating: rating || null,
  })}\n`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const random = createRandom(options.seed);
  const plan = createPlanner(random);
  const format = rowFormatter(options.format);
  const out = process.stdout;
  out.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const write = async (text) => {
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  };

  const buckets = new Map(); // second -> [conversation, row, isLast][] in the order they were planned
  let planned = 0;
  let conversations = 0;
  let nextStart = START_SECONDS;
  let pending = 0;
  let text = options.format === 'csv' ? 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating\n' : '';
  for (let second = START_SECONDS; planned < options.rows || pending > 0; second++) {
    while (planned < options.rows && nextStart <= second) {
      const conversation = plan(conversations++, nextStart);
      const rows = conversation.rows.slice(0, options.rows - planned); // the export window ends mid-conversation
      if (rows.length < conversation.rows.length) conversation.rating = 0;
      rows.forEach((row, i) => {
        const bucket = buckets.get(row.at);
        const entry = [conversation, row, i === rows.length - 1];
        if (bucket) bucket.push(entry);
        else buckets.set(row.at, [entry]);
      });
      planned += rows.length;
      pending += rows.length;
      const load = HOURLY_LOAD[new Date(nextStart * 1000).getUTCHours()];
      nextStart += Math.max(1, Math.round(random.exponential(PEAK_GAP_SECONDS / load)));
    }
    const bucket = buckets.get(second);
    if (!bucket) continue;
    buckets.delete(second);
    const timestamp = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    for (const [conversation, row, isLast] of bucket) {
      text += format(conversation, row, timestamp, isLast ? conversation.rating : 0);
    }
    pending -= bucket.length;
    if (text.length >= FLUSH_CHARS) {
      await write(text);
      text = '';
    }
  }
  if (text.length > 0) await write(text);
}

main().catch((error) => {
  process.stderr.write(`gen-messages: ${error?.stack ?? error}\n`);
  process.exit(1);
});
