// agent_csat: csat, response rate and first response time per agent, ranked, so a low-rated agent stands out.
/**
 * DECISIONS
 * - Attribution: the conversation's agent (first responder, else first assigned, else first named), the same as
 *   `--group-by agent`; a conversation passed between agents is credited to the first. Zendesk credits the assignee
 *   at solve time instead.
 * - Ranked by CSAT ascending (lowest first), agents with no rating last; `value` is the lowest agent CSAT among
 *   agents with at least `settings.agentCsatMinResponses` ratings (default 5), so one bad rating does not make a
 *   target fail. Satisfied is csat's rule (top quarter of the scale).
 * - Memory: one small record per agent.
 */
import { isSatisfied } from './csat.js';
import { Distribution, ratio, round3, settingNumber } from './stats.js';
import type { Metric } from './types.js';

interface AgentTally {
  conversations: number;
  resolved: number;
  rated: number;
  satisfied: number;
  frt: Distribution;
}

const agentCsat: Metric = {
  id: 'agent_csat',
  description: 'CSAT, response rate and first response time per agent, lowest CSAT first',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['ratings:csat'],
  isDefault: false,
  readsReplies: false,
  create(options) {
    const agents = new Map<string, AgentTally>();
    const minResponses = settingNumber(options.settings, 'agentCsatMinResponses', 5);
    return {
      add(c) {
        if (c.agent === undefined) return;
        let t = agents.get(c.agent);
        if (t === undefined) agents.set(c.agent, (t = { conversations: 0, resolved: 0, rated: 0, satisfied: 0, frt: new Distribution() }));
        t.conversations++;
        if (c.status === 'resolved') t.resolved++;
        const r = c.ratings.csat;
        if (r !== undefined) {
          t.rated++;
          if (isSatisfied(r)) t.satisfied++;
        }
        if (!c.isAgentInitiated && c.requestedAt !== undefined && c.firstResponseAt !== undefined) t.frt.add(Math.max(0, c.firstResponseAt - c.requestedAt));
      },
      result() {
        const rows = [...agents.entries()].map(([agent, t]) => ({
          agent,
          csat: ratio(t.satisfied, t.rated),
          responses: t.rated,
          response_rate: ratio(t.rated, t.resolved),
          first_response_median: t.frt.count > 0 ? round3(t.frt.percentile(50)! / 1000) : null,
          conversations: t.conversations,
        }));
        rows.sort((a, b) => (a.csat ?? Infinity) - (b.csat ?? Infinity) || a.agent.localeCompare(b.agent));
        const ranked = rows.filter((r) => r.responses >= minResponses && r.csat !== null);
        const lowest = ranked[0];
        return {
          value: lowest?.csat ?? null,
          lowest_agent: lowest?.agent ?? null,
          min_responses: minResponses,
          agents: rows,
        };
      },
    };
  },
};

export default agentCsat;
