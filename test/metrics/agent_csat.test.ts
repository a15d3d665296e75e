import { describe, expect, it } from 'vitest';
import agentCsat from '../../src/metrics/agent_csat.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

const rated = (agent: string, frt: string, score: string) => conversation('0s customer', `${frt} agent:${agent}`, `1m rated:csat=${score}`);

describe('agent_csat', () => {
  const sample = () => [
    rated('Ana', '10s', '5'), rated('Ana', '20s', '4'), rated('Ana', '30s', '2'),
    rated('Bo', '40s', '1'), rated('Bo', '60s', '5'),
    conversation('0s customer', '5s agent:Cy'), // no rating
  ];

  it('ranks lowest CSAT first with response rate and median FRT', () => {
    const r = run(agentCsat, sample(), { settings: { agentCsatMinResponses: 2 } });
    expect(r).toEqual({
      value: 0.5, lowest_agent: 'Bo', min_responses: 2,
      agents: [
        { agent: 'Bo', csat: 0.5, responses: 2, response_rate: 1, first_response_median: 50, conversations: 2 },
        { agent: 'Ana', csat: 0.666667, responses: 3, response_rate: 1, first_response_median: 20, conversations: 3 },
        { agent: 'Cy', csat: null, responses: 0, response_rate: 0, first_response_median: 5, conversations: 1 },
      ],
    });
  });

  it('agents under the minimum of responses do not set the value', () => {
    // Ana has 3 ratings, Bo 2: with the minimum at 3 only Ana counts
    expect(run(agentCsat, sample(), { settings: { agentCsatMinResponses: 3 } })).toMatchObject({ value: 0.666667, lowest_agent: 'Ana' });
    expect(run(agentCsat, sample())).toMatchObject({ value: null, lowest_agent: null });
  });
});
