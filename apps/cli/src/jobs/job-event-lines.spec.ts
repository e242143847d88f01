import { eventLines } from './job-event-lines';

describe(eventLines.name, () => {
  it('reads a run of token events as the text they spell, between the other events', () => {
    expect(
      eventLines([
        { id: '1-0', type: 'status', data: { status: 'running' } },
        { id: '2-0', type: 'token', data: { text: 'Hel' } },
        { id: '3-0', type: 'token', data: { text: 'lo.' } },
        { id: '4-0', type: 'done', data: { status: 'succeeded' } },
      ]),
    ).toEqual(['1-0  status  {"status":"running"}', '2-0  token x2  "Hello."', '4-0  done  {"status":"succeeded"}']);
  });
});
