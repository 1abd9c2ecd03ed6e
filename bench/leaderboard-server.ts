/**
 * bench/server.ts plus one route for the leaderboard benchmark, so cache misses can be measured
 * through GraphQL over HTTP without touching api/ code:
 *
 *   POST /__bench/leaderboard-cache/clear?movementId=…[&unitId=…]   announces a points change of the
 *                                                        movement, exactly as an approval (of that unit's
 *                                                        activity) does: the board cache and the public
 *                                                        response cache both miss next
 *
 *   DATABASE_URL=postgres://… PORT=0 tsx --conditions=source bench/leaderboard-server.ts
 *
 * It adds the route to the api's route list (the module instance bench/server.ts uses) and then
 * runs bench/server.ts unchanged, which prints `BENCH_SERVER_URL=<url>` once listening.
 */
import './reflect-metadata';
import type { Route } from '../api/src/app';
import { appRoutes } from '../api/src/routes';
import { notifyPointsChanged } from '../api/src/modules/scoring/events';

const clearCacheRoute: Route = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method !== 'POST' || url.pathname !== '/__bench/leaderboard-cache/clear') return false;
  const movementId = url.searchParams.get('movementId') ?? '';
  // with unitId: what an approval of that unit's activity announces (only its totals are re-read)
  const unitId = Number(url.searchParams.get('unitId'));
  notifyPointsChanged([movementId], Number.isInteger(unitId) && unitId > 0 ? [unitId] : undefined);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ ok: true, movementId }));
  return true;
};

appRoutes.unshift(clearCacheRoute);
await import('./server');
