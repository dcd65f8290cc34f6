import type { MemberView } from './directory.ts';

export const isAdmin = (m: MemberView) => m.roles.some((r) => r.role === 'ADMIN');
export const isCoordinator = (m: MemberView) => m.roles.some((r) => r.role === 'COORDINATOR');
/** A representative carries their party's mandate in the group and may vote there. */
export const isRepresentativeIn = (m: MemberView, groupId: string) => m.roles.some((r) => r.role === 'REPRESENTATIVE' && r.groupId === groupId);
/** Holds the file's fixed chair role. For chair rights ask rotation/chair.ts (chairOf/isChair): in a rotating group the role counts for nothing. */
export const isChairOf = (m: MemberView, groupId: string) => m.roles.some((r) => r.role === 'CHAIR' && r.groupId === groupId);
/** Members of a group are those holding a role in it (representatives and the chair). */
export const isMemberOf = (m: MemberView, groupId: string) => m.roles.some((r) => r.groupId === groupId && (r.role === 'REPRESENTATIVE' || r.role === 'CHAIR'));
