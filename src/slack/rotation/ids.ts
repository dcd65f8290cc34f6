export const ROTATION_COMMAND = '/rotation';
export const SWAP_ACCEPT = 'rotation_swap_accept';
export const SWAP_DECLINE = 'rotation_swap_decline';
export const MINUTES_REGISTER = 'rotation_minutes_register';
export const VIEW_MINUTES = 'rotation_minutes_form';
export const MINUTES_LINK = 'link';
