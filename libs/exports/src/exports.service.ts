import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, gone, invalid, notVisible, Page } from '@kernteam/http';
import { IndicatorsService, isWholeMonths, Period, periodProblems } from '@kernteam/indicators';
import { OutboxService } from '@kernteam/jobs';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { PlansService } from '@kernteam/plans';
import { buildExportDocument } from './export-document';
import { CONTENT_TYPES, downloadName, renderExport } from './export-renderers';
import { CreateExportDto, ExportListQuery } from './export.dto';
import { ExportRecord, ExportRequestedView, ExportView, toExportView } from './export.entity';

const view = (e: ExportRecord) => toExportView(e, downloadName(e.periodFrom, e.periodTo, e.format));

/** Anonymised exports: requested over HTTP (row + outbox row in one transaction), made by the worker, downloaded. */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly indicators: IndicatorsService,
    private readonly plans: PlansService,
  ) {}

  async request(actor: Actor, dto: CreateExportDto): Promise<ExportRequestedView> {
    const problems = periodProblems(dto.from, dto.to);
    if (problems.length) throw invalid(problems, 'The period is not valid.');
    if (!isWholeMonths(dto)) {
      // Exports show nothing finer than a month; periods of whole months also keep two exports from being subtracted
      // from each other to isolate a few days.
      throw invalid([{ field: 'from', message: 'an export covers whole months: from is the first day of a month, to the last day of a month' }]);
    }
    return this.db.tx(actor, async (em) => {
      const planId = dto.planId?.toLowerCase() ?? null;
      if (planId) {
        const found = await em.query(`SELECT 1 FROM plans WHERE id = $1 AND tenant_id = $2`, [planId, actor.tenantId]);
        if (!found.length) throw invalid([{ field: 'planId', message: 'planId names no plan of this tenant' }]);
      }
      const [{ id }] = await em.query(
        `INSERT INTO exports (tenant_id, requested_by, format, period_from, period_to, plan_id, state) VALUES ($1, $2, $3, $4, $5, $6, 'QUEUED') RETURNING id`,
        [actor.tenantId, actor.id, dto.format, dto.from, dto.to, planId],
      );
      await this.outbox.add(em, actor.tenantId, 'exports.generate', { exportId: id });
      await this.audit.record(em, actor, 'export.request', { type: 'Export', id: id }, { format: dto.format, from: dto.from, to: dto.to, planId });
      return { id, state: 'QUEUED' as const };
    });
  }

  async list(actor: Actor, q: ExportListQuery): Promise<Page<ExportView>> {
    return this.db.tx(actor, async (em) => {
      const [rows, total] = await em.getRepository(ExportRecord).findAndCount({
        where: { tenantId: actor.tenantId }, order: { createdAt: 'DESC', id: 'ASC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize,
      });
      return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(actor: Actor, id: string): Promise<ExportView> {
    return this.db.tx(actor, async (em) => view(await this.record(em, actor.tenantId, id)));
  }

  /** The file, once made and while it is kept; every download is audited. */
  async file(actor: Actor, id: string): Promise<StreamableFile> {
    return this.db.tx(actor, async (em) => {
      const e = await this.record(em, actor.tenantId, id);
      if (e.state !== 'DONE') throw conflict(`The export is not ready (state ${e.state}).`);
      if (e.fileRemovedAt || !e.fileName) throw gone('The export file was removed after its retention period; request a new export.');
      const path = this.path(e.tenantId, e.fileName);
      const size = await stat(path).then((s) => s.size, () => null);
      if (size === null) throw gone('The export file is no longer available; request a new export.');
      await this.audit.record(em, actor, 'export.download', { type: 'Export', id: id }, { format: e.format, bytes: size });
      return new StreamableFile(createReadStream(path), {
        type: CONTENT_TYPES[e.format], length: size, disposition: `attachment; filename="${downloadName(e.periodFrom, e.periodTo, e.format)}"`,
      });
    });
  }

  /**
   * Worker: makes the file of one export. Idempotent: an export already DONE or FAILED is left alone. A failure is
   * retried by the queue; the last attempt marks the export FAILED.
   */
  async generate(tenantId: string, exportId: string, lastAttempt: boolean): Promise<void> {
    const started = await this.db.tx({ tenantId }, async (em) => {
      const rows: { id: string }[] = await em.query(
        `UPDATE exports SET state = 'RUNNING', started_at = now(), attempts = attempts + 1
          WHERE id = $1 AND tenant_id = $2 AND state IN ('QUEUED', 'RUNNING') RETURNING id`,
        [exportId, tenantId],
      ).then((r: unknown[]) => (Array.isArray(r[0]) ? (r[0] as { id: string }[]) : (r as { id: string }[])));
      return rows.length ? em.getRepository(ExportRecord).findOneByOrFail({ id: exportId }) : null;
    });
    if (!started) return;
    try {
      const period: Period = { from: started.periodFrom, to: started.periodTo };
      const cfg = readRuntimeConfig();
      const doc = await this.db.tx({ tenantId }, async (em) => {
        let indicators = null;
        let report;
        let byMunicipality;
        if (started.planId) ({ report, indicators, byMunicipality } = await this.plans.reportFor(em, tenantId, started.planId, period));
        // Live figures (no closed year): the split is computed with them, in the same transaction.
        if (!indicators && (await this.indicators.municipalities(em, tenantId)).length > 1) {
          byMunicipality = await this.indicators.computeByMunicipality(em, tenantId, period);
        }
        indicators ??= await this.indicators.computeAll(em, tenantId, period);
        return buildExportDocument({ period, generatedAt: new Date(), minCellSize: cfg.exportMinCellSize, indicators, plan: report, byMunicipality });
      });
      const bytes = await renderExport(doc, started.format);
      const fileName = `${exportId}.${started.format}`;
      const dir = join(cfg.exportDir, tenantId);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `${fileName}.${process.pid}.tmp`);
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, join(dir, fileName));
      await this.db.tx({ tenantId }, async (em) => {
        await em.query(
          `UPDATE exports SET state = 'DONE', finished_at = now(), file_name = $3, file_size = $4, error_code = NULL,
                  expires_at = now() + make_interval(days => $5)
            WHERE id = $1 AND tenant_id = $2`,
          [exportId, tenantId, fileName, bytes.length, cfg.exportTtlDays],
        );
        await this.audit.append(em, { tenantId, actorId: null, action: 'export.generate', entityType: 'Export', entityId: exportId, outcome: 'ALLOWED', ip: null, details: { format: started.format, bytes: bytes.length, indicators: doc.indicators.length } });
      });
    } catch (e) {
      // The message is ours or the database's; the export's content never reaches the log.
      this.logger.warn(`export ${exportId} failed${lastAttempt ? '' : ' (will be retried)'}: ${e instanceof Error ? e.message : e}`);
      if (lastAttempt) {
        await this.db.tx({ tenantId }, async (em) => {
          await em.query(`UPDATE exports SET state = 'FAILED', finished_at = now(), error_code = 'GENERATION_FAILED' WHERE id = $1 AND tenant_id = $2`, [exportId, tenantId]);
          await this.audit.append(em, { tenantId, actorId: null, action: 'export.failed', entityType: 'Export', entityId: exportId, outcome: 'ALLOWED', ip: null, details: { format: started.format } });
        });
      }
      throw e;
    }
  }

  /** Worker, daily: removes the files of exports older than EXPORT_TTL_DAYS (the rows stay, as the record of what was exported). */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const cfg = readRuntimeConfig();
    const due: { id: string; tenant_id: string; file_name: string | null }[] = await this.db.system((em) =>
      em.query(`SELECT id, tenant_id, file_name FROM exports WHERE file_removed_at IS NULL AND expires_at IS NOT NULL AND expires_at <= $1 ORDER BY tenant_id, id`, [now]),
    );
    const byTenant = new Map<string, string[]>();
    for (const row of due) {
      if (row.file_name) await rm(join(cfg.exportDir, row.tenant_id, row.file_name), { force: true });
      byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
    }
    for (const [tenantId, ids] of byTenant) {
      await this.db.tx({ tenantId }, async (em) => {
        await em.query(`UPDATE exports SET file_removed_at = now() WHERE id = ANY($1::uuid[]) AND tenant_id = $2`, [ids, tenantId]);
        await this.audit.append(em, { tenantId, actorId: null, action: 'export.purge', outcome: 'ALLOWED', ip: null, details: { files: ids.length } });
      });
    }
    return due.length;
  }

  private path(tenantId: string, fileName: string): string {
    return join(readRuntimeConfig().exportDir, tenantId, fileName);
  }

  private async record(em: EntityManager, tenantId: string, id: string): Promise<ExportRecord> {
    const e = await em.getRepository(ExportRecord).findOneBy({ id, tenantId });
    if (!e) throw notVisible('Export', id);
    return e;
  }
}
