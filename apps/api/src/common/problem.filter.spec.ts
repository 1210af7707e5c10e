import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorCode, ValidationError } from '@hybridmatch/core';
import { ProblemFilter } from './problem.filter';

/** A minimal HTTP host: records what the filter sends. */
function fakeHost() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-123' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemFilter', () => {
  const filter = new ProblemFilter();

  it('turns a DomainError into problem+json with its code, fields and the correlation id', () => {
    const { host, sent } = fakeHost();
    filter.catch(
      ValidationError.field('windows[0].end', 'must be later than start', 'endNotAfterStart'),
      host,
    );
    expect(sent.status).toBe(400);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: 'urn:hybridmatch:problem:validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'windows[0].end: must be later than start',
      code: ErrorCode.ValidationFailed,
      correlationId: 'req-123',
      errors: [{ field: 'windows[0].end', reason: 'must be later than start', code: 'endNotAfterStart' }],
    });
  });

  it('maps Nest HTTP exceptions to the same shape', () => {
    const { host, sent } = fakeHost();
    filter.catch(new BadRequestException('Unexpected end of JSON input'), host);
    expect(sent.body).toMatchObject({
      status: 400,
      code: ErrorCode.ValidationFailed,
      detail: 'Unexpected end of JSON input',
    });
  });

  it('hides an unexpected error behind a 500 with an error id, and logs it', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost();
    filter.catch(new TypeError("Cannot read properties of undefined (reading 'secret')"), host);
    const body = sent.body as { errorId: string; detail: string };
    expect(sent.status).toBe(500);
    expect(body).toMatchObject({
      code: ErrorCode.InternalError,
      correlationId: 'req-123',
      errorId: expect.any(String),
    });
    expect(body.detail).toContain(body.errorId);
    expect(JSON.stringify(body)).not.toMatch(/secret|TypeError|at /);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ errorId: body.errorId, err: expect.objectContaining({ type: 'TypeError' }) }),
      'Unexpected error',
    );
    logged.mockRestore();
  });

  it('never logs the parameters of a failed query (they can hold personal data)', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost();
    const failure = new QueryFailedError(
      'INSERT INTO app_user (email) VALUES ($1)',
      ['jan.de.vries@example.nl'],
      Object.assign(new Error('internal error'), {
        code: 'XX000',
        detail: 'Key (email)=(jan.de.vries@example.nl)',
      }),
    );
    filter.catch(failure, host);
    expect(sent.status).toBe(500);
    const [entry] = logged.mock.calls[0] as [unknown];
    expect(entry).toMatchObject({ err: { type: 'QueryFailedError', sqlState: 'XX000' } });
    expect(JSON.stringify(entry)).not.toContain('jan.de.vries');
    logged.mockRestore();
  });
});
