export const VIEW_APPENDIX_CHANGE = 'appendix_change';
export const VIEW_AGREEMENT_NOTICE = 'agreement_notice';
