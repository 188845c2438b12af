import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { answerQuestion } from '../../core/answer/answer.ts';
import type { ConversationTurn } from '../../core/query/conversation.ts';
import type { Corpus } from '../../core/store/corpus-index.ts';
import type { Answer, Clock } from '../../core/schema.ts';
import { TTL, turnOf, type ChatStore } from '../store/chat-store.ts';
import { AnswerCache } from './answer-cache.ts';
import { HttpProblem } from './errors.ts';
import type { AppEnv } from './context.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Checks a question from either route: present, a string, not blank, not too long. */
export function questionSchema(maxChars: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'A question is required' : 'The question must be a string') })
    .trim()
    .min(1, 'The question is empty')
    .max(maxChars, `The question is longer than ${maxChars} characters`);
}

function readQuestion(schema: z.ZodType<string>, value: unknown): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const code = issue?.code === 'too_big' ? 'question_too_long' : 'invalid_question';
  throw new HttpProblem(400, code, `${issue?.message ?? 'Invalid question'}.`);
}

async function readJsonBody(c: Context): Promise<unknown> {
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the question as JSON with "Content-Type: application/json": {"question": "..."}.');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON: send {"question": "..."}.');
  }
}

export interface AskDeps {
  getCorpus: () => Promise<Corpus>;
  clock: Clock;
  maxQuestionChars: number;
  /** how many recent answers to keep (0: none) */
  answerCacheSize: number;
  /** where a console session's earlier questions are kept, so a follow-up is read against them */
  store?: ChatStore;
  /** answers through a passage store (D1) instead of the corpus in memory; such answers are not cached here */
  answer?: (question: string, history: ConversationTurn[]) => Promise<Answer>;
}

/** A console session id: the page makes one up and sends it with each question. */
const SESSION = /^[\w-]{8,64}$/;

/** `POST /ask` with `{"question"}` and `GET /ask?q=`: both answer with the Answer JSON. */
export function askRoutes(deps: AskDeps): Hono<AppEnv> {
  const schema = questionSchema(deps.maxQuestionChars);
  const body = z.object({ question: z.unknown(), session: z.unknown().optional() }, { error: 'The body must be a JSON object: {"question": "..."}' });
  let cache = new AnswerCache(deps.answerCacheSize);
  let cachedFor: Corpus | null = null;
  const routes = new Hono<AppEnv>();

  const reply = async (c: Context<AppEnv>, question: string, session?: unknown) => {
    const corpus = deps.answer ? null : await deps.getCorpus();
    // Followed sources replace the corpus as articles arrive: answers cached for the old one are dropped.
    if (corpus && corpus !== cachedFor) [cache, cachedFor] = [new AnswerCache(deps.answerCacheSize), corpus];
    const conversation = deps.store && typeof session === 'string' && SESSION.test(session) ? `console:${session}` : null;
    const history = conversation ? await deps.store!.history(conversation).catch(() => []) : [];
    const key = AnswerCache.key(deps.clock.now().toISOString().slice(0, 10), question);
    // an answer that depends on earlier questions is not the answer to the question alone: no cache either way
    let cached = history.length ? undefined : cache.get(key);
    let answer: Answer | undefined;
    if (!cached) {
      answer = corpus ? answerQuestion(question, { corpus, clock: deps.clock, history }) : await deps.answer!(question, history);
      cached = { json: JSON.stringify(answer), intent: answer.intent, answered: answer.answered };
      if (!history.length && !deps.answer) cache.set(key, cached);
    }
    if (conversation) await deps.store!.addTurn(conversation, answer ? turnOf(answer) : { question }, TTL.thread).catch(() => {});
    c.set('logFields', { intent: cached.intent, answered: cached.answered, questionChars: question.length });
    return c.body(cached.json, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  };

  routes.post('/ask', async (c) => {
    const parsed = body.safeParse(await readJsonBody(c));
    if (!parsed.success) throw new HttpProblem(400, 'invalid_question', `${parsed.error.issues[0]?.message ?? 'Invalid body'}.`);
    return reply(c, readQuestion(schema, parsed.data.question), parsed.data.session);
  });
  routes.get('/ask', (c) => reply(c, readQuestion(schema, c.req.query('q')), c.req.query('session')));
  return routes;
}
