import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { skillCoverage, UserRole } from '@hybridmatch/domain';
import { greatCircleKm } from '@hybridmatch/matching';
import { CounterpartFacts, VogSchoolCheck } from '../proposals/counterpart-view';

interface Row {
  teacher_name: string;
  company_name: string;
  qualification: string;
  skills: Array<{ subjectCode: string; level: string }>;
  vog_issued_on: string | null;
  vog_verified: boolean;
  vog_school_check: VogSchoolCheck | null;
  teacher_email: string | null;
  home_city: string;
  home_latitude: number;
  home_longitude: number;
  school_name: string;
  location_name: string;
  street: string;
  postal_code: string;
  city: string;
  latitude: number;
  longitude: number;
  contact: { name: string; email: string } | null;
  request: CounterpartFacts['request'];
  lessons: CounterpartFacts['lessons'];
  supervisor: { name: string; email: string } | null;
  agreed: { hourlyRateCents: number; startDate: string; endDate: string } | null;
  placed: boolean;
}

/** The facts of a proposal without its cost (`RateCardService.costOf` adds that), and its placement's terms. */
export interface ProposalCounterpartFacts {
  facts: Omit<CounterpartFacts, 'cost'>;
  placed: boolean;
  /** The placement's agreed rate and dates, once placed. */
  agreed: { hourlyRateCents: number; startDate: string; endDate: string } | null;
}

/** Everything a counterpart view may show about one proposal, in one statement. */
@Injectable()
export class CounterpartRepository {
  async factsOfProposal(
    manager: EntityManager,
    proposalId: string,
  ): Promise<ProposalCounterpartFacts | null> {
    const [row]: Row[] = await manager.query(
      `SELECT t.first_name || ' ' || t.last_name AS teacher_name, c.name AS company_name,
              t.qualification::text AS qualification,
              t.skills AS skills,
              to_char(t.vog_issued_on, 'YYYY-MM-DD') AS vog_issued_on, t.vog_verified_at IS NOT NULL AS vog_verified,
              (SELECT json_build_object('status', v.status, 'issuedOn', to_char(v.issued_on, 'YYYY-MM-DD'),
                                        'verifiedBy', u.name, 'verifiedAt', v.verified_at)
                 FROM vog_verification v LEFT JOIN app_user u ON u.id = v.verified_by_user_id
                WHERE v.proposal_id = p.id ORDER BY v.verified_at DESC, v.created_at DESC LIMIT 1) AS vog_school_check,
              t.email AS teacher_email, t.home_city, t.home_latitude, t.home_longitude,
              s.name AS school_name, l.name AS location_name, l.street, l.postal_code, l.city, l.latitude, l.longitude,
              (SELECT json_build_object('name', u.name, 'email', u.email) FROM app_user u
                WHERE u.organisation_id = s.id AND u.role = $2 AND u.deactivated_at IS NULL
                ORDER BY u.created_at, u.id LIMIT 1) AS contact,
              json_build_object('id', r.id, 'title', r.title, 'subjectCode', r.subject_code, 'level', r.level,
                                'learningPath', r.learning_path,
                                'periodStart', to_char(r.period_start, 'YYYY-MM-DD'),
                                'periodEnd', to_char(r.period_end, 'YYYY-MM-DD')) AS request,
              (SELECT coalesce(json_agg(json_build_object('weekday', b.weekday, 'start', to_char(b.start_time, 'HH24:MI'),
                                                          'end', to_char(b.end_time, 'HH24:MI'))
                                        ORDER BY b.weekday, b.start_time), '[]'::json)
                 FROM lesson_block b WHERE b.id = ANY(p.block_ids)) AS lessons,
              (SELECT json_build_object('name', pl.supervisor_name, 'email', pl.supervisor_email) FROM placement pl
                WHERE pl.proposal_id = p.id) AS supervisor,
              (SELECT json_build_object('hourlyRateCents', pl.hourly_rate_cents, 'startDate', pl.start_date::text,
                                        'endDate', pl.end_date::text)
                 FROM placement pl WHERE pl.proposal_id = p.id) AS agreed,
              p.status = 'approved' AS placed
         FROM proposal p
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN organisation c ON c.id = p.company_id
         JOIN organisation s ON s.id = p.school_id
         JOIN teaching_request r ON r.id = p.request_id
         JOIN organisation_location l ON l.id = r.location_id
        WHERE p.id = $1`,
      [proposalId, UserRole.SchoolAdmin],
    );
    if (!row) return null;
    const travelKm = greatCircleKm(
      { lat: row.home_latitude, lon: row.home_longitude },
      { lat: row.latitude, lon: row.longitude },
    );
    return {
      placed: row.placed,
      agreed: row.placed ? row.agreed : null,
      facts: {
        teacher: {
          name: row.teacher_name,
          companyName: row.company_name,
          qualification: row.qualification,
          // The skills that cover the requested subject (itself, its field, a specialisation of it).
          relevantSkills: row.skills.filter(
            (skill) => skillCoverage(skill.subjectCode, row.request.subjectCode) !== null,
          ),
          vogIssuedOn: row.vog_issued_on,
          vogVerified: row.vog_verified,
          vogSchoolCheck: row.vog_school_check,
          travelKm: Math.round(travelKm * 10) / 10,
          email: row.teacher_email,
          homeCity: row.home_city,
        },
        school: {
          name: row.school_name,
          address: {
            locationName: row.location_name,
            street: row.street,
            postalCode: row.postal_code,
            city: row.city,
          },
          contact: row.contact,
        },
        request: row.request,
        lessons: row.lessons,
        supervisor: row.placed ? row.supervisor : null,
      },
    };
  }
}
