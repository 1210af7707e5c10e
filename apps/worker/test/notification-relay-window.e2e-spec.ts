import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Notification, NotificationDeliveryStatus, NotificationKind } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { insertPendingNotification, mailingWorld } from '../../../test/support/notification-fixtures';
import { waitFor } from '../../../test/support/wait-for';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';

/**
 * The relay keeps at most `maxInFlight` e-mails relayed and not yet sent; the rest of the outbox
 * waits in PostgreSQL and is relayed as the senders make room: e-mails a person waits for (an
 * invite, a password reset) first, then the others oldest first.
 */
describe('outbox relay: a bounded number of e-mails queued ahead of the senders (e2e)', () => {
  const world = mailingWorld({ maxInFlight: 2 });
  const queue = () => world.worker.get<Queue>(getQueueToken(QUEUES.notifications));
  const relay = () => world.worker.get(OutboxRelay).relayPending();
  const rows = (ids: string[]) =>
    world.ctx.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.id IN (:...ids)', { ids })
      .orderBy('n.createdAt')
      .getMany();

  it('queues two of five e-mails while nobody sends, the oldest first, and the others as the senders make room', async () => {
    const { user } = await world.ctx.newUser(UserRole.SchoolAdmin);
    await queue().pause();
    const written: Notification[] = [];
    for (let i = 0; i < 5; i++) written.push(await insertPendingNotification(world.ctx.db, user.id));
    const ids = written.map((row) => row.id);

    // However often the relay runs (the worker's own poller runs too), two jobs wait and no more.
    await relay();
    expect(await relay()).toBe(0);
    expect((await rows(ids)).map((row) => row.relayedAt !== null)).toEqual([true, true, false, false, false]);
    // The poller may have claimed them and still be handing them to Redis.
    const queued = (id: string) => queue().getJob(jobIds.notification(id, 1));
    await waitFor('the two oldest to be queued', async () =>
      (await Promise.all(ids.slice(0, 2).map(queued))).every(Boolean),
    );
    expect(await Promise.all(ids.slice(2).map(queued))).toEqual([undefined, undefined, undefined]);

    await queue().resume();
    let mostInFlight = 0;
    const sent = await waitFor('all five e-mails to be sent', async () => {
      await relay(); // as the poller would, every 2 s
      const all = await rows(ids);
      const inFlight = all.filter(
        (row) => row.relayedAt !== null && row.deliveryStatus !== NotificationDeliveryStatus.Sent,
      );
      mostInFlight = Math.max(mostInFlight, inFlight.length);
      return all.every((row) => row.deliveryStatus === NotificationDeliveryStatus.Sent) ? all : undefined;
    });
    expect(mostInFlight).toBeLessThanOrEqual(2);
    expect(sent.map((row) => row.relayCount)).toEqual([1, 1, 1, 1, 1]);
    for (const id of ids) expect(world.smtp.deliveriesOf(notificationMessageId(id))).toBe(1);
  });

  it('queues an invite before the older proposal e-mails waiting in the outbox', async () => {
    const { user } = await world.ctx.newUser(UserRole.CompanyAdmin);
    await queue().pause();
    const older: Notification[] = [];
    for (let i = 0; i < 3; i++) older.push(await insertPendingNotification(world.ctx.db, user.id));
    const invite = await insertPendingNotification(world.ctx.db, user.id, { kind: NotificationKind.Invite });
    const ids = [...older.map((row) => row.id), invite.id];

    await relay();
    expect(await relay()).toBe(0);
    expect((await rows(ids)).map((row) => [row.kind, row.relayedAt !== null])).toEqual([
      [NotificationKind.ProposalNew, true],
      [NotificationKind.ProposalNew, false],
      [NotificationKind.ProposalNew, false],
      [NotificationKind.Invite, true],
    ]);

    await queue().resume();
    await waitFor('all four e-mails to be sent', async () => {
      await relay();
      return (await rows(ids)).every((row) => row.deliveryStatus === NotificationDeliveryStatus.Sent);
    });
  });
});
