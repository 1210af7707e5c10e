import { UserRole } from '@hybridmatch/domain';

/** Who is calling: taken from the verified access token, never from the request body. */
export interface Actor {
  userId: string;
  role: UserRole;
  organisationId: string | null;
  regionIds: string[];
}
