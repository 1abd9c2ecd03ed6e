import type { Route } from '../../app';
import { onFactsChanged } from '../scoring/events';
import { publicJwks } from './credential';
import { BadgeService } from './badges.service';
import type { Db } from '@thidua/db';
import type { Config } from '../../config';
import { log } from '../../logger';

let wired: { db: Db; config: Config } | null = null;

/** Badge criteria are re-checked whenever facts change (approvals, revocations, quizzes). */
export function wireBadges(db: Db, config: Config) {
  if (wired) {
    wired = { db, config };
    return;
  }
  wired = { db, config };
  onFactsChanged(async (change) => {
    if (!wired) return;
    try {
      await new BadgeService(wired.db, wired.config).evaluate(change);
    } catch (error) {
      log().error({ err: error }, 'badge evaluation failed');
    }
  });
}

/** GET /.well-known/jwks.json: the public key that verifies badge credentials. */
export const jwksRoute: Route = async (req, res, app) => {
  if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/.well-known/jwks.json') return false;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(publicJwks(app.config)));
  return true;
};
