/**
 * Issue 22: a product picture's role (hero, detail, lifestyle, logo — the design documents'
 * names). NULL until the creator sets it: the app then treats the brand's first picture as the
 * hero and the others as details (services/product-roles.ts).
 */
export const sql = `
ALTER TABLE assets ADD COLUMN product_role TEXT CHECK (product_role IS NULL OR product_role IN ('hero','detail','lifestyle','logo'));
`;
