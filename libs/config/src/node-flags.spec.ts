import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from './node-flags';

const root = join(__dirname, '..', '..', '..');

describe('NODE_FLAGS', () => {
  it('are the flags of `npm start`', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe(['node', ...NODE_FLAGS, 'dist/apps/main.js'].join(' '));
  });

  it("are the flags of the Dockerfile's command", () => {
    const command = /^CMD (\[.*\])$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(command ?? 'null')).toEqual(['node', ...NODE_FLAGS, 'dist/apps/main.js']);
  });
});
