/** 0003: the dues sheet of a branch-year reads payments and profiles by year. */
export const migration0003 = `
CREATE INDEX dues_payment_year ON dues_payment(year, member_id, month);
CREATE INDEX dues_profile_year ON dues_profile(year, member_id);
`;
