import type { Executor } from '@thidua/db';
import type { Context } from '../../graphql/context';
import type { MovementRow } from './movements.queries';

type CloseHook = (ctx: Context, tx: Executor, movement: MovementRow) => Promise<void>;

/**
 * What other modules do, in the closing transaction, when a movement closes (leaderboards freeze
 * the final standings, badges award the top three). Modules register here so movements does not
 * depend on them.
 */
class CloseHooks {
  private hooks: CloseHook[] = [];
  register(hook: CloseHook) {
    this.hooks.push(hook);
  }
  async run(ctx: Context, tx: Executor, movement: MovementRow) {
    for (const hook of this.hooks) await hook(ctx, tx, movement);
  }
}

export const closeHooks = new CloseHooks();
