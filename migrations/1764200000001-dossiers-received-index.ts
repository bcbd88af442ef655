import { MigrationInterface, QueryRunner } from 'typeorm';

/** DOSSIERS_REGISTERED counts dossiers by the day the signal came in (libs/indicators/src/indicator.sql.ts). */
export class DossiersReceivedIndex1764200000001 implements MigrationInterface {
  name = 'DossiersReceivedIndex1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX dossiers_received ON dossiers (tenant_id, received_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS dossiers_received`);
  }
}
