export const ROTATION_COMMAND = '/rotation';
export const SWAP_ACCEPT = 'rotation_swap_accept';
export const SWAP_DECLINE = 'rotation_swap_decline';
