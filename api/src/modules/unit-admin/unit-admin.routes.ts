import type { Route } from '../../app';
import { UNIT_IMPORT_TEMPLATE } from './unit-import';

/** GET /api/units/import-template.csv — the columns importUnits reads, with two example rows. Public. */
export const unitImportTemplateRoute: Route = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/api/units/import-template.csv' || req.method !== 'GET') return false;
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="mau-nhap-don-vi.csv"',
    'cache-control': 'public, max-age=3600',
  });
  res.end(UNIT_IMPORT_TEMPLATE);
  return true;
};
