/**
 * Every schema migration, in order. Add `NNN_name.ts` exporting `sql` (or an `up(db)` for data
 * moves), list it here, and add `NNN_name.test.ts` (migrate to N−1, insert, migrate to N, assert).
 * Never edit a migration that has shipped.
 */
import type Database from 'better-sqlite3';
import { sql as initial } from './001_initial';
import { sql as oneTrainingPerBrand } from './002_one_training_per_brand';
import { sql as runCharge } from './003_run_charge';
import { sql as socialPosts } from './004_social_posts';
import { sql as runLease } from './005_run_lease';
import { sql as batches } from './006_batches';
import { sql as variants } from './007_variants';
import { sql as brandLogo } from './008_brand_logo';
import { sql as variantSetNotes } from './009_variant_set_notes';
import { sql as productRoles } from './010_product_roles';
import { sql as exportPaths } from './011_export_paths';
import { sql as brandFont } from './012_brand_font';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

const fromSql = (version: number, name: string, sql: string): Migration => ({ version, name, up: (db) => db.exec(sql) });

export const migrations: readonly Migration[] = [fromSql(1, 'initial', initial), fromSql(2, 'one_training_per_brand', oneTrainingPerBrand), fromSql(3, 'run_charge', runCharge), fromSql(4, 'social_posts', socialPosts), fromSql(5, 'run_lease', runLease), fromSql(6, 'batches', batches), fromSql(7, 'variants', variants), fromSql(8, 'brand_logo', brandLogo), fromSql(9, 'variant_set_notes', variantSetNotes), fromSql(10, 'product_roles', productRoles), fromSql(11, 'export_paths', exportPaths), fromSql(12, 'brand_font', brandFont)];
