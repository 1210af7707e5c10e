/**
 * The relay's claim as one statement: `notification_claim_unrelayed(batch, max_in_flight)` takes
 * the relay's advisory lock, counts the e-mails relayed and not yet finished (pending rows with
 * `relayed_at`, rows being sent; up to the limit), and claims up to `batch` unrelayed pending rows,
 * fewer when more would pass `max_in_flight`: `relayed_at` set, the relay counted. Called on its
 * own (autocommit), the lock lasts as long as the statement, so relays in several workers count
 * and claim one after another and together keep the limit, and no transaction or lock waits on a
 * worker's event loop between statements. The function is VOLATILE, so its UPDATE reads a
 * snapshot taken after the lock: it sees the claims of the relay that held the lock before.
 *
 * E-mails a person is waiting for go first: an invite, a password reset, or the note that an
 * address already has an account (the e-mail-only kinds), through a partial index that holds only
 * those; then the others, oldest first. A national match run leaves tens of thousands of proposal
 * e-mails in the outbox, which SMTP sends in hours; a reset link behind them would arrive long
 * after it was asked for.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationRelayClaim1799100000000 implements MigrationInterface {
  name = 'NotificationRelayClaim1799100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_notification_unrelayed_account" ON "notification" ("created_at", "id") WHERE "delivery_status" = 'pending' AND "relayed_at" IS NULL AND "kind" IN ('invite', 'password_reset', 'address_in_use')`,
    );
    await queryRunner.query(`
      CREATE FUNCTION notification_claim_unrelayed(batch integer, max_in_flight integer)
      RETURNS TABLE (id uuid, relay_count integer)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        in_flight integer;
        room integer;
        claimed integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('notification-relay', 0));
        SELECT count(*) INTO in_flight FROM (
          (SELECT 1 FROM notification f
            WHERE f.delivery_status = 'pending' AND f.relayed_at IS NOT NULL LIMIT max_in_flight)
          UNION ALL
          (SELECT 1 FROM notification f WHERE f.delivery_status = 'sending' LIMIT max_in_flight)) AS relayed;
        room := least(batch, max_in_flight - in_flight);
        IF room <= 0 THEN
          RETURN;
        END IF;
        RETURN QUERY
          UPDATE notification n SET relayed_at = now(), relay_count = n.relay_count + 1
            FROM (SELECT u.id FROM notification u -- ix_notification_unrelayed_account
                   WHERE u.delivery_status = 'pending' AND u.relayed_at IS NULL
                     AND u.kind IN ('invite', 'password_reset', 'address_in_use')
                   ORDER BY u.created_at, u.id
                   LIMIT room
                   FOR UPDATE SKIP LOCKED) due
           WHERE n.id = due.id
          RETURNING n.id, n.relay_count;
        GET DIAGNOSTICS claimed = ROW_COUNT;
        room := room - claimed;
        IF room <= 0 THEN
          RETURN;
        END IF;
        RETURN QUERY
          UPDATE notification n SET relayed_at = now(), relay_count = n.relay_count + 1
            FROM (SELECT u.id FROM notification u -- ix_notification_unrelayed
                   WHERE u.delivery_status = 'pending' AND u.relayed_at IS NULL
                     AND u.kind NOT IN ('invite', 'password_reset', 'address_in_use')
                   ORDER BY u.created_at, u.id
                   LIMIT room
                   FOR UPDATE SKIP LOCKED) due
           WHERE n.id = due.id
          RETURNING n.id, n.relay_count;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION notification_claim_unrelayed(integer, integer)`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_unrelayed_account"`);
  }
}
