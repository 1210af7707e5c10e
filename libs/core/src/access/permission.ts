import { UserRole } from '@hybridmatch/domain';

/** What an actor may want to do with a record. `AccessService.requireAccess` decides each. */
export enum Permission {
  OrganisationRead = 'organisation.read',
  OrganisationUpdate = 'organisation.update',
  TeacherRead = 'teacher.read',
  /** Company and admins change a profile; a hybrid teacher their own (the teacher service limits the fields). */
  TeacherUpdate = 'teacher.update',
  /** Record that a VOG was checked: the company, the region's coordinator; never the teacher themself. */
  TeacherVerify = 'teacher.verify',
  TeachingRequestRead = 'teaching-request.read',
  TeachingRequestUpdate = 'teaching-request.update',
  ProposalRead = 'proposal.read',
  /** Accept or decline as one of the three parties. */
  ProposalAnswer = 'proposal.answer',
  /** Approve, reject, withdraw, cancel and read the audit trail: the region's coordinator. */
  ProposalDecide = 'proposal.decide',
  PlacementRead = 'placement.read',
  MatchRunRead = 'match-run.read',
  /** Shortage signals of a region: its coordinators; a company admin for their company's region (own staff only). */
  ShortageRead = 'shortage.read',
  /** Start match runs and manage schedules in a region. */
  RegionCoordinate = 'region.coordinate',
}

const ALL = Object.values(UserRole);
const COORDINATORS = [UserRole.PlatformAdmin, UserRole.RegionalCoordinator] as const;

/**
 * The roles that may use a permission on a record they can see (anyone else gets a 403). The
 * proposal and match-run routes declare theirs from this table (`@Roles(...ROLES_WITH[p])`), so
 * the guard and the service's record check read the same list.
 */
export const ROLES_WITH: Record<Permission, readonly UserRole[]> = {
  [Permission.OrganisationRead]: ALL,
  [Permission.OrganisationUpdate]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.CompanyAdmin,
    UserRole.SchoolAdmin,
  ],
  [Permission.TeacherRead]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.CompanyAdmin,
    UserRole.HybridTeacher,
  ],
  [Permission.TeacherUpdate]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.CompanyAdmin,
    UserRole.HybridTeacher,
  ],
  [Permission.TeacherVerify]: [UserRole.PlatformAdmin, UserRole.RegionalCoordinator, UserRole.CompanyAdmin],
  [Permission.TeachingRequestRead]: ALL,
  [Permission.TeachingRequestUpdate]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.SchoolAdmin,
  ],
  [Permission.ProposalRead]: ALL,
  [Permission.ProposalAnswer]: [UserRole.CompanyAdmin, UserRole.HybridTeacher, UserRole.SchoolAdmin],
  [Permission.ProposalDecide]: COORDINATORS,
  [Permission.PlacementRead]: ALL,
  [Permission.MatchRunRead]: COORDINATORS,
  [Permission.ShortageRead]: [...COORDINATORS, UserRole.CompanyAdmin],
  [Permission.RegionCoordinate]: COORDINATORS,
};
