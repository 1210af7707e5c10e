import SwaggerParser from '@apidevtools/swagger-parser';
import { TestContext } from '../../../test/support/test-context';

type Operation = { 'x-roles'?: string[]; responses: Record<string, unknown>; summary?: string };

describe('OpenAPI document (e2e)', () => {
  let ctx: TestContext;
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    ctx = await TestContext.create();
    document = (await ctx.http.get('/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await ctx.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes every route with its roles, a success response and its error responses', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const statuses = Object.keys(operation.responses);
      return [
        !operation['x-roles']?.length && `${route}: no x-roles`,
        !operation.summary && `${route}: no summary`,
        !statuses.some((status) => status.startsWith('2')) && `${route}: no success response`,
        !statuses.includes('500') && `${route}: no error responses`,
      ].filter(Boolean);
    });
    expect(problems).toEqual([]);
    expect(operations().length).toBeGreaterThan(5);
  });

  it('serves the interactive documentation page', async () => {
    const page = await ctx.http.get('/docs').expect(200);
    expect(page.text).toContain('swagger');
  });
});
