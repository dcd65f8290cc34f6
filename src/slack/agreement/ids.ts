export const VIEW_APPENDIX_CHANGE = 'appendix_change';
