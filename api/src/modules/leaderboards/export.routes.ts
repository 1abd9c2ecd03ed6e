import type { Route } from '../../app';
import { answerFault } from '../../http/faults';
import { sendErrors } from '../../http/error-language';
import { AppError, ErrorCode } from '../../errors';
import { formatDateVi, spreadsheetCell, TIE_BREAK_RULE_VI, type UnitKind } from '@thidua/domain';
import { buildLeaderboard, visibleMovement } from './leaderboards.resolver';
import { targetProgressFor } from './targets.service';
import { parseUnitId } from '../units/units.service';
import type { Metric } from './leaderboards.service';
import type { BoardScope } from './leaderboards.queries';
import { log } from '../../logger';

const SCOPE_VI: Record<BoardScope, string> = { PROVINCE: 'Tỉnh/thành phố', COMMUNE: 'Xã/phường/đặc khu', UNIT: 'Đơn vị' };
const METRIC_VI: Record<Metric, string> = {
  POINTS: 'Tổng điểm',
  POINTS_PER_1000: 'Điểm trên 1.000 dân',
  TARGET_COMPLETION: '% hoàn thành chỉ tiêu',
  SATISFACTION: 'Mức hài lòng của người dân (1–5)',
  CONFIRMED_SHARE: 'Tỉ lệ lượt hỗ trợ được người dân xác nhận',
};
const MAX_EXPORT_ROWS = 5000;

type Table = { title: string; subtitle: string[]; header: string[]; rows: (string | number | null)[][] };

function csvCell(v: string | number | null): string {
  if (v == null) return '';
  const s = typeof v === 'number' ? String(v) : spreadsheetCell(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A board's scope in the file name, in Vietnamese without diacritics (xep-hang-tinh-…). */
const SCOPE_SLUG: Record<string, string> = { PROVINCE: 'tinh', COMMUNE: 'xa-phuong', UNIT: 'don-vi' };

/** What the export says in place of a projected date when there is none. */
const PACE_WORDS: Record<string, string | null> = {
  TOO_SLOW: 'Không kịp (hơn 10 năm nữa với tốc độ hiện tại)',
  STALLED: 'Chưa dự kiến được (không tăng trong 28 ngày qua)',
  NO_DATA: null,
  REACHED: null,
  PROJECTED: null,
};

/** CSV in UTF-8 with a BOM, so Excel opens the Vietnamese text correctly. */
export function toCsv(table: Table): string {
  const lines = [csvCell(table.title), ...table.subtitle.map((s) => csvCell(s)), table.header.map(csvCell).join(','), ...table.rows.map((r) => r.map(csvCell).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function toXlsx(table: Table): Promise<Buffer> {
  // loaded on first use: exceljs alone is ~140 ms of the server's start-up
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Thi đua số';
  const sheet = book.addWorksheet('Báo cáo');
  // every text cell is escaped against formula injection (titles and names come from users)
  sheet.addRow([spreadsheetCell(table.title)]).font = { bold: true, size: 14 };
  for (const s of table.subtitle) sheet.addRow([spreadsheetCell(s)]);
  sheet.addRow([]);
  const header = sheet.addRow(table.header.map(spreadsheetCell));
  header.font = { bold: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } }));
  for (const r of table.rows) sheet.addRow(r.map(spreadsheetCell));
  sheet.columns.forEach((col, i) => (col.width = i === 1 ? 36 : 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function send(res: import('node:http').ServerResponse, table: Table, format: string, name: string) {
  if (format === 'csv') {
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' });
    res.end(toCsv(table));
    return;
  }
  return toXlsx(table).then((buf) => {
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}.xlsx"`,
      'cache-control': 'no-store',
    });
    res.end(buf);
  });
}

/**
 * GET /api/export/leaderboard.(xlsx|csv)?movementId=&scope=&metric=&from=&to=&phaseId=&withinUnitId=&unitKind=&subtype=
 * GET /api/export/targets.(xlsx|csv)?movementId=&unitId=
 * The same boards as the GraphQL API (same visibility: public once ACTIVE or CLOSED), with
 * Vietnamese headers and the period and metric stated, for leaders to file upward.
 */
export const exportRoute: Route = async (req, res, app) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const match = /^\/api\/export\/(leaderboard|targets)\.(xlsx|csv)$/.exec(url.pathname);
  if (!match || req.method !== 'GET') return false;
  const [, kind, format] = match;
  const q = (k: string) => url.searchParams.get(k) || null;
  const ctx = await app.contextFor(req, res);
  try {
    const movementId = q('movementId') ?? '';
    const movement = await visibleMovement(ctx, movementId);
    if (kind === 'leaderboard') {
      const scope = (q('scope') ?? 'COMMUNE') as BoardScope;
      const metric = (q('metric') ?? 'POINTS') as Metric;
      if (!SCOPE_VI[scope] || !METRIC_VI[metric]) throw new AppError('BAD_USER_INPUT', 'Tham số scope hoặc metric không hợp lệ.');
      const board = await buildLeaderboard(ctx, {
        movementId,
        scope,
        metric,
        from: q('from'),
        to: q('to'),
        phaseId: q('phaseId'),
        withinUnitId: q('withinUnitId') ? parseUnitId(q('withinUnitId')!) : null,
        unitKind: q('unitKind') as UnitKind | null,
        subtype: q('subtype'),
        first: MAX_EXPORT_ROWS,
        maxPage: MAX_EXPORT_ROWS,
      });
      const units = await ctx.loaders.unitById.loadMany([...board.entries, ...board.unranked].map((e) => e.unitId));
      const table: Table = {
        title: `Bảng xếp hạng — ${movement.title}`,
        subtitle: [
          `Phạm vi: ${SCOPE_VI[scope]}${q('withinUnitId') ? ` thuộc ${(await ctx.loaders.unitById.load(parseUnitId(q('withinUnitId')!)))?.fullName ?? ''}` : ''}`,
          `Chỉ số: ${METRIC_VI[metric]}`,
          `Kỳ: ${formatDateVi(board.from)} – ${formatDateVi(board.to)}${board.frozen ? ' (kết quả cuối cùng đã chốt)' : ''}`,
          `Phân định khi bằng nhau: ${TIE_BREAK_RULE_VI}`,
        ],
        header: [
          'Hạng', 'Đơn vị', 'Mã', 'Dân số', 'Tổng điểm', METRIC_VI[metric], 'Số lớp học', 'Lượt tham dự', 'Lượt hỗ trợ',
          'Lượt được xác nhận', 'Hài lòng TB (1–5)', 'Hạng kỳ trước', 'Ghi chú',
        ],
        rows: [
          ...board.entries.map((e, i) => {
            const u = units[i];
            const unit = u && !(u instanceof Error) ? u : null;
            const satisfaction = e.satisfaction == null ? null : Math.round(e.satisfaction * 100) / 100;
            return [e.rank, unit?.fullName ?? String(e.unitId), unit?.code ?? null, unit?.population ?? null, e.points, e.value, e.classes, e.attendees, e.assists, e.confirmed, satisfaction, e.previousRank, null];
          }),
          // listed apart, as on the web board: not ranked by this metric, with the reason
          ...board.unranked.map((e, i) => {
            const u = units[board.entries.length + i];
            const unit = u && !(u instanceof Error) ? u : null;
            return [null, unit?.fullName ?? String(e.unitId), unit?.code ?? null, unit?.population ?? null, e.points, null, null, null, null, null, null, null, `Không xếp hạng: ${e.reason}`];
          }),
        ],
      };
      await send(res, table, format, `xep-hang-${SCOPE_SLUG[scope] ?? 'don-vi'}-${board.from}-${board.to}`);
    } else {
      const unitId = parseUnitId(q('unitId') ?? '');
      const unit = await ctx.loaders.unitById.load(unitId);
      const progress = await targetProgressFor(ctx, movement, unitId);
      const table: Table = {
        title: `Tiến độ chỉ tiêu — ${movement.title}`,
        subtitle: [`Đơn vị: ${unit?.fullName ?? unitId} (gồm các đơn vị trực thuộc)`, `Số liệu đến ngày: ${formatDateVi(new Date().toISOString().slice(0, 10))}`],
        header: ['Chỉ tiêu', 'Thước đo', 'Mức cần đạt', 'Hạn', 'Hiện đạt', '% hoàn thành', 'Đã đạt', 'Dự kiến đạt', 'Ghi chú'],
        rows: progress.map((p) => [
          p.target.title,
          p.target.measure,
          p.target.level,
          p.target.deadline ? formatDateVi(p.target.deadline) : null,
          p.value == null ? null : Math.round(p.value * 10_000) / 10_000,
          p.completion,
          p.reached ? 'Có' : 'Chưa',
          p.projectedOn ? formatDateVi(p.projectedOn) : PACE_WORDS[p.pace],
          p.note,
        ]),
      };
      await send(res, table, format, `chi-tieu-${unitId}`);
    }
  } catch (error) {
    if (answerFault(res, error)) return true;
    const code = error instanceof AppError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
    const status = code === 'NOT_FOUND' ? 404 : code === 'BAD_USER_INPUT' ? 400 : code === 'FORBIDDEN' ? 403 : 500;
    if (status === 500) log(req).error({ err: error }, 'export failed');
    // in the caller's language; an internal failure says nothing of its cause
    sendErrors(res, status, [status === 500 ? { code: ErrorCode.INTERNAL } : { code, message: (error as Error).message, extensions: { ...(error as AppError).extensions } }]);
  }
  return true;
};
