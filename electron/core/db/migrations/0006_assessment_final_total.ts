/** 0006: a published assessment keeps the score it was published with; later records do not change it. */
export const migration0006 = `
ALTER TABLE assessment ADD COLUMN final_total REAL;
`;
