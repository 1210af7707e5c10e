import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import { ComplianceWarningKind, NotificationKind } from '@hybridmatch/database';
import { Clock, complianceWarnings, today } from '@hybridmatch/domain';
import { bilingualBody } from '../notifications/notification-messages';
import { ComplianceRepository, NewComplianceWarning } from '../repositories/compliance.repository';
import { NotificationRepository } from '../repositories/notification.repository';

const DAY = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};
const day = (date: string, language: 'nl' | 'en') => DAY[language].format(new Date(`${date}T00:00:00Z`));

/**
 * The daily compliance sweep (the `compliance-sweep` job, apps/worker; docs/RULES.md): warns the
 * teacher's company and the coordinators of its region ahead of a VOG that will be too old for a
 * next placement and of a PDG 2-year deadline inside a placement (`complianceWarnings`, the rule
 * book's dates). Each warning is first written as a `compliance_warning` row, whose unique key
 * (kind, teacher, due date) makes it happen once however often the sweep runs; its messages are
 * written in the same transaction (outbox).
 */
@Injectable()
export class ComplianceSweepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ComplianceRepository,
    private readonly notifications: NotificationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Writes and tells today's new warnings; returns how many were new. */
  async sweep(): Promise<number> {
    const date = today(this.clock);
    return this.dataSource.transaction(async (manager) => {
      const candidates = await this.repository.candidates(manager, date);
      const names = new Map(candidates.map((c) => [c.teacherId, c.teacherName]));
      const found: NewComplianceWarning[] = candidates.flatMap((c) =>
        complianceWarnings(c, date).map((due) => ({
          kind: due.kind as ComplianceWarningKind,
          teacherId: c.teacherId,
          companyId: c.companyId,
          regionId: c.regionId,
          dueOn: due.dueOn,
          placementId: due.placementId,
        })),
      );
      const fresh = await this.repository.insertNew(manager, found, date, this.clock.now());
      await this.tell(manager, fresh, names);
      return fresh.length;
    });
  }

  private async tell(
    manager: EntityManager,
    warnings: Array<NewComplianceWarning & { id: string }>,
    names: Map<string, string>,
  ): Promise<void> {
    if (warnings.length === 0) return;
    const people = await this.repository.recipients(
      manager,
      [...new Set(warnings.map((w) => w.companyId))],
      [...new Set(warnings.map((w) => w.regionId))],
    );
    await this.notifications.insertNew(
      manager,
      warnings.flatMap((warning) => {
        const message = this.message(warning, names.get(warning.teacherId) ?? '');
        return people
          .filter((p) => p.companyId === warning.companyId || p.regionId === warning.regionId)
          .map((p) => ({
            recipientUserId: p.userId,
            proposalId: null,
            kind:
              warning.kind === ComplianceWarningKind.VogExpiring
                ? NotificationKind.VogExpiring
                : NotificationKind.PdgDeadline,
            subject: message.subject,
            bodyText: message.bodyText,
            dedupeKey: `compliance-${warning.id}-${p.userId}`,
          }));
      }),
    );
  }

  private message(warning: NewComplianceWarning, teacher: string): { subject: string; bodyText: string } {
    const link = `${this.config.http.publicUrl}/app/teachers/${warning.teacherId}`;
    if (warning.kind === ComplianceWarningKind.VogExpiring)
      return {
        subject: `VOG verloopt: ${teacher} / VOG expiring`,
        bodyText: bilingualBody(
          {
            greeting: 'Hallo,',
            lines: [
              `De VOG van ${teacher} is vanaf ${day(warning.dueOn, 'nl')} ouder dan 6 maanden: een volgende plaatsing kan dan niet meer met deze VOG starten.`,
              'Wat moet u doen: vraag een nieuwe VOG aan en leg de nieuwe afgiftedatum vast in het profiel.',
              `Bekijk de docent: ${link}`,
            ],
          },
          {
            greeting: 'Hello,',
            lines: [
              `From ${day(warning.dueOn, 'en')} the VOG of ${teacher} is more than 6 months old: a next placement can no longer start on it.`,
              'What to do: apply for a new VOG and record its issue date on the profile.',
              `View the teacher: ${link}`,
            ],
          },
        ),
      };
    return {
      subject: `PDG-termijn binnen een plaatsing: ${teacher} / PDG deadline inside a placement`,
      bodyText: bilingualBody(
        {
          greeting: 'Hallo,',
          lines: [
            `De PDG-termijn van 2 jaar van ${teacher} loopt af op ${day(warning.dueOn, 'nl')}, terwijl een plaatsing doorloopt.`,
            'Wat moet u doen: zorg dat het PDG (of een bevoegdheid) op tijd is behaald, of beperk de les op MBO-niveau daarna tot 6 uur per week.',
            `Bekijk de docent: ${link}`,
          ],
        },
        {
          greeting: 'Hello,',
          lines: [
            `The 2-year PDG deadline of ${teacher} ends on ${day(warning.dueOn, 'en')}, while a placement runs on.`,
            'What to do: make sure the PDG (or a qualification) is obtained in time, or keep MBO-level teaching at 6 hours a week after it.',
            `View the teacher: ${link}`,
          ],
        },
      ),
    };
  }
}
