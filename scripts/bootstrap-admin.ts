import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions, User } from '@hybridmatch/database';
import { UserRole } from '@hybridmatch/domain';
import { hashPassword } from '../apps/api/src/auth/password';
import { loadConfigForScripts } from './script-config';

const USAGE = 'Usage: npm run bootstrap:admin -- --email admin@example.nl --name "Anna de Vries" [--force]';
const MIN_PASSWORD_LENGTH = 12;

/** Stops the script with a message for the person at the terminal, and exit code 1. */
class BootstrapRefused extends Error {}

/**
 * `npm run bootstrap:admin`: creates the first platform admin, who then invites everyone else.
 * The password comes from HM_ADMIN_PASSWORD, or is generated and printed once. Refuses when a
 * platform admin already exists, unless `--force`.
 */
async function main(): Promise<void> {
  const values = readArguments();
  const email = values.email?.trim().toLowerCase();
  const name = values.name?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new BootstrapRefused(`--email must be an e-mail address.\n${USAGE}`);
  if (!name || name.length < 2) throw new BootstrapRefused(`--name must be the admin's name.\n${USAGE}`);

  const givenPassword = process.env.HM_ADMIN_PASSWORD;
  if (givenPassword !== undefined && givenPassword.length < MIN_PASSWORD_LENGTH) {
    throw new BootstrapRefused(`HM_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  const password = givenPassword ?? randomBytes(18).toString('base64url');

  const dataSource = await new DataSource(dataSourceOptions(loadConfigForScripts().databaseUrl)).initialize();
  try {
    const users = dataSource.getRepository(User);
    const admins = await users.countBy({ role: UserRole.PlatformAdmin });
    if (admins > 0 && !values.force) {
      throw new BootstrapRefused(
        `There is already a platform admin (${admins}); nothing was changed. Pass --force to add another one.`,
      );
    }
    if (await users.existsBy({ email }))
      throw new BootstrapRefused(
        `There is already a user with e-mail address ${email}; nothing was changed.`,
      );

    const admin = await users.save(
      users.create({
        email,
        name,
        role: UserRole.PlatformAdmin,
        organisationId: null,
        passwordHash: await hashPassword(password),
        inviteTokenHash: null,
        inviteExpiresAt: null,
      }),
    );
    console.log(`Created platform admin ${admin.email} (${admin.id}).`);
    if (givenPassword === undefined) {
      console.log(`Password (shown once; store it safely): ${password}`);
    } else {
      console.log('Password: the one from HM_ADMIN_PASSWORD.');
    }
  } finally {
    await dataSource.destroy();
  }
}

function readArguments() {
  try {
    return parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new BootstrapRefused(`${(error as Error).message}\n${USAGE}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BootstrapRefused ? error.message : error);
  process.exit(1);
});
