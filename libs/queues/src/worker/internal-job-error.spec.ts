import { internalJobErrorMessage } from './internal-job-error';

describe(internalJobErrorMessage.name, () => {
  it('names the job and request to quote, and nothing of the error', () => {
    const payload = {
      jobId: '6f1d1c7e-0a53-4a0e-9d0c-4b9a1c2e3f40',
      tenantId: '0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11',
      requestId: 'req-1',
    };
    expect(internalJobErrorMessage(payload)).toBe(
      'The job failed because of an internal error; quote job 6f1d1c7e-0a53-4a0e-9d0c-4b9a1c2e3f40, request req-1 to support.',
    );
    expect(internalJobErrorMessage({})).toBe('The job failed because of an internal error.');
  });
});
