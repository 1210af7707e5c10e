/**
 * Every change that decides whether an account's access tokens still work (its sign-in version,
 * deactivation, the row's deletion), or what `GET /api/auth/me` shows (e-mail, name, role,
 * organisation), is announced on the channel `hm_sign_in_changed` with the user's id, at commit.
 * Each API process keeps the sign-in states it has read and forgets one when its id is announced
 * (apps/api/src/auth/sign-in-states.ts), so a request needs no read of the account.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInChangeNotify1797400000000 implements MigrationInterface {
  name = 'SignInChangeNotify1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_sign_in_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hm_sign_in_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER app_user_sign_in_changed
        AFTER UPDATE OF auth_version, deactivated_at, email, name, role, organisation_id OR DELETE
        ON app_user FOR EACH ROW EXECUTE FUNCTION notify_sign_in_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER app_user_sign_in_changed ON app_user`);
    await queryRunner.query(`DROP FUNCTION notify_sign_in_changed()`);
  }
}
