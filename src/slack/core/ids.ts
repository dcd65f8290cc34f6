export const COMMAND = '/samverkan';
