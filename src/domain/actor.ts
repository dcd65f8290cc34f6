/** Who does something, in the domain's own ids. `memberId` is absent for the system (scheduler, file loader). */
export interface Actor {
  partnershipId: string;
  memberId?: string;
  label: string;
}

export const systemActor = (partnershipId: string, label = 'system'): Actor => ({ partnershipId, label });
