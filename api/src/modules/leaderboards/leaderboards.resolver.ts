import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { MAX_BOARD_OFFSET, MIN_CONFIRMATION_SAMPLE, TIE_BREAK_RULE_VI, boardRowUnitOf, rankMovement, type UnitKind } from '@thidua/domain';
import { readSource, type Context } from '../../graphql/context';
import { markPrivate } from '../../graphql/cache-policy';
import { DateScalar } from '../../graphql/scalars';
import { PUBLIC_MAX_AGE_SECONDS, lastPublicChangeAt, type AnswerCheck } from '../../graphql/public-cache';
import type { Executor } from '@thidua/db';
import { badInput, notFound } from '../../errors';
import { Unit, UnitKindEnum } from '../units/unit.type';
import { parseUnitId, toUnit } from '../units/units.service';
import { findUnitsByIds, type UnitRow } from '../units/units.queries';
import { MovementsService } from '../movements/movements.service';
import type { MovementRow } from '../movements/movements.queries';
import { DailyPoints, Leaderboard, LeaderboardEntry, LeaderboardMetric, LeaderboardScope, RankChange, TargetProgressView, UnrankedEntry } from './leaderboard.type';
import { MAX_BOARD_PAGE, leaderboardEngine, type BoardEntry, type BoardSpec, type ComputedBoard } from './leaderboards.service';
import { subtreeDaily } from './leaderboards.queries';
import { LEADERBOARD_TICK, liveTicks } from './live-ticks';
import { targetProgressFor } from './targets.service';

export async function visibleMovement(ctx: Context, id: string): Promise<MovementRow> {
  const movement = await new MovementsService(ctx).get(id);
  if (!movement) throw notFound('phong trào');
  return movement;
}

export interface LeaderboardArgs extends BoardSpec {
  movementId: string;
  aroundUnitId?: string | null;
  first?: number | null;
  /** rows skipped before the page (0 to MAX_BOARD_OFFSET) */
  offset?: number | null;
  /** the largest page allowed (exports ask for more than the API's page cap) */
  maxPage?: number;
}

/** Builds the public answer: units only, never people. */
export async function buildLeaderboard(ctx: Context, args: LeaderboardArgs): Promise<Leaderboard> {
  const movement = await visibleMovement(ctx, args.movementId);
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1) throw badInput([{ field: 'first', message: 'first phải là số nguyên dương.' }]);
  const size = Math.min(first, args.maxPage ?? MAX_BOARD_PAGE);
  const offset = args.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_BOARD_OFFSET)
    throw badInput([{ field: 'offset', message: `offset phải là số nguyên từ 0 đến ${MAX_BOARD_OFFSET}.`, rule: 'outOfRange', min: 0, max: MAX_BOARD_OFFSET }]);
  // public: a period's counters on the read replica when there is one (bounded staleness, told as `updatedAt`)
  const source = ctx.reader?.();
  // the primary's own connections for reads: after an approval, bringing the board up to date does
  // not queue behind the approvals' transactions holding the pool
  const reads = ctx.reads ?? ctx.db;
  const board = await leaderboardEngine.board(reads, movement, args, source);
  if (board.fromReplica && (!ctx.readAsOf || board.asOf < ctx.readAsOf)) ctx.readAsOf = board.asOf;
  const { slice, start, unranked } = pageOf(board, args, size, offset);
  // a kept public answer of this board is sent again after points changed when its page did not move
  if (ctx.answer?.checks) {
    const seen = pageFingerprint(board, args, size, offset);
    ctx.answer.checks.push(pageCheck(reads, movement, args, size, offset, ctx.reader, seen));
  }
  // the cached board keeps the units it has served: `unit { … }` costs no query on a hit, and
  // is answered from the entry itself (no loader, no promise per entry)
  const missing = [...slice, ...unranked].map((e) => e.unitId).filter((id) => !board.units.has(id));
  if (missing.length) for (const u of await findUnitsByIds(reads, missing)) board.units.set(u.id, u);
  const unitOfEntry = (id: number) => {
    const row = board.units.get(id);
    return row ? unitView(row) : undefined;
  };
  const entries = slice.map((e, i) => toEntry(e, start + i, unitOfEntry(e.unitId)));
  const reason =
    args.metric === 'POINTS_PER_1000'
      ? 'Chưa có số liệu dân số'
      : args.metric === 'SATISFACTION'
        ? `Chưa đủ ${MIN_CONFIRMATION_SAMPLE} lượt người dân xác nhận`
        : args.metric === 'CONFIRMED_SHARE'
          ? `Chưa đủ ${MIN_CONFIRMATION_SAMPLE} lượt hỗ trợ được duyệt`
          : 'Chưa đo được chỉ tiêu (thiếu mẫu số)';
  return {
    entries,
    totalCount: board.ranked.length,
    frozen: board.frozen,
    unranked: unranked.map((e) => ({ unitId: e.unitId, points: e.points, reason, assists: e.row.assists, confirmed: e.row.confirmed, unit: unitOfEntry(e.unitId) as Unit })),
    scope: args.scope as LeaderboardScope,
    metric: args.metric as LeaderboardMetric,
    from: board.period.from,
    to: board.period.to,
    previousFrom: board.previousPeriod?.from ?? null,
    previousTo: board.previousPeriod?.to ?? null,
    tieBreakRule: TIE_BREAK_RULE_VI,
    movementId: movement.id,
    offset: start,
    computed: board,
    unitKind: args.unitKind ?? null,
    updatedAt: board.asOf,
  };
}

/** a page's fingerprint item (a board entry and its counters row, shared with the board while it is kept), approximately */
const FINGERPRINT_ITEM_BYTES = 320;

/**
 * The check of a kept answer: brings the board up to date and compares the page it shows; what it
 * holds (the page's entries and their rows) counts in the kept answer's size. Made here, not inside
 * buildLeaderboard: a closure there would share that function's scope, and with it the whole board,
 * which a kept answer would then hold after the board's own cache let it go.
 */
function pageCheck(reads: Executor, movement: MovementRow, args: LeaderboardArgs, size: number, offset: number, reader: Context['reader'], seen: readonly unknown[]): AnswerCheck {
  const check = async () => {
    const now = await leaderboardEngine.board(reads, movement, args, reader?.());
    // a replica that has not replayed the last change cannot vouch for it
    if (now.fromReplica && now.asOf.getTime() < lastPublicChangeAt()) return false;
    return samePage(pageFingerprint(now, args, size, offset), seen);
  };
  return Object.assign(check, { bytes: FINGERPRINT_ITEM_BYTES * seen.length });
}

/** The rows of a board a request shows: a page from `offset`, or the rows around a unit; and the unranked listed apart. */
function pageOf(board: ComputedBoard, args: LeaderboardArgs, size: number, offset: number): { slice: BoardEntry[]; start: number; unranked: BoardEntry[] } {
  const unranked = board.unranked.slice(0, size);
  if (!args.aroundUnitId) return { slice: board.ranked.slice(offset, offset + size), start: offset, unranked };
  const unitId = parseUnitId(args.aroundUnitId);
  const index = board.ranked.findIndex((e) => e.unitId === unitId);
  const radius = Math.max(1, Math.min(10, Math.floor(size / 2)));
  const start = Math.max(0, index - radius);
  return { slice: index === -1 ? [] : board.ranked.slice(start, index + radius + 1), start, unranked };
}

/**
 * Everything of a board that its answer shows (but `updatedAt`): two boards with the same
 * fingerprint for the same request give the same answer. Entries are compared as objects: a board
 * update replaces the entries it changes (new counters, a new rank) and keeps the others, so the
 * same objects in the same places are the same page, and a replaced entry counts as a change even
 * when its values came out the same (the answer is then computed again: never wrong, rarely
 * needed). Units' own fields are not in it: a change of a unit is a change of structure, after
 * which no answer is checked, only computed.
 */
export function pageFingerprint(board: ComputedBoard, args: LeaderboardArgs, size: number, offset: number): readonly unknown[] {
  const { slice, start, unranked } = pageOf(board, args, size, offset);
  return [board.ranked.length, board.frozen, board.period.from, board.period.to, board.previousPeriod?.from, board.previousPeriod?.to, start, slice.length, ...slice, ...unranked];
}

function samePage(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The GraphQL view of a unit row a board keeps, made once per row: every answer of the board
 * shows the same object (nothing mutates it), instead of a loader call and a copy per entry.
 */
const unitViews = new WeakMap<UnitRow, Unit>();
function unitView(row: UnitRow): Unit {
  let view = unitViews.get(row);
  if (!view) unitViews.set(row, (view = toUnit(row)));
  return view;
}

function toEntry(e: BoardEntry, position: number, unit?: Unit): LeaderboardEntry {
  return {
    rank: e.rank!,
    position,
    previousRank: e.previousRank,
    rankChange: RankChange[rankMovement(e.previousRank, e.rank!)],
    points: e.points,
    value: e.value!,
    classes: e.row.classes,
    attendees: e.row.attendees,
    assists: e.row.assists,
    confirmed: e.row.confirmed,
    satisfaction: e.row.confirmed > 0 ? e.row.ratingSum / e.row.confirmed : null,
    unitId: e.unitId,
    unit: unit as Unit,
  };
}

async function unitOf(ctx: Context, unitId: number): Promise<Unit> {
  const row = await ctx.loaders.unitById.load(unitId);
  if (!row) throw notFound('đơn vị');
  return toUnit(row);
}

@Resolver(() => LeaderboardEntry)
export class LeaderboardEntryResolver {
  @FieldResolver(() => Unit, { description: 'Đơn vị.' })
  unit(@Root() e: LeaderboardEntry, @Ctx() ctx: Context): Unit | Promise<Unit> {
    return e.unit ?? unitOf(ctx, e.unitId);
  }
}

@Resolver(() => UnrankedEntry)
export class UnrankedEntryResolver {
  @FieldResolver(() => Unit, { description: 'Đơn vị.' })
  unit(@Root() e: UnrankedEntry, @Ctx() ctx: Context): Unit | Promise<Unit> {
    return e.unit ?? unitOf(ctx, e.unitId);
  }
}

@Resolver(() => Leaderboard)
export class LeaderboardsResolver {
  @FieldResolver(() => LeaderboardEntry, {
    nullable: true,
    description:
      'Dòng của "đơn vị của tôi" (người đã đăng nhập): tỉnh, xã/phường hoặc chính đơn vị của họ tùy bảng, với thứ hạng và vị trí, kể cả khi không nằm trong trang đang xem. null khi chưa đăng nhập hoặc đơn vị không có dòng trên bảng này.',
  })
  async myEntry(@Root() board: Leaderboard, @Ctx() ctx: Context): Promise<LeaderboardEntry | null> {
    const user = ctx.user;
    const computed = board.computed;
    if (!user || !computed) return null;
    // a person's own row: the answer is theirs alone (a visitor's, with null here, stays public and cached)
    markPrivate(ctx);
    const unit = await ctx.loaders.unitById.load(user.unitId);
    if (!unit) return null;
    const rowUnitId = boardRowUnitOf(unit, board.scope, (board.unitKind as UnitKind | null) ?? 'ORGANIZATION');
    if (rowUnitId == null) return null;
    const position = computed.ranked.findIndex((e) => e.unitId === rowUnitId);
    if (position === -1) return null;
    return toEntry(computed.ranked[position]!, position);
  }

  @Directive(`@cacheControl(maxAge: ${PUBLIC_MAX_AGE_SECONDS}, scope: PUBLIC)`)
  @Query(() => Leaderboard, { description: 'Bảng xếp hạng; xem công khai khi phong trào đang diễn ra hoặc đã kết thúc.' })
  leaderboard(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('scope', () => LeaderboardScope) scope: LeaderboardScope,
    @Arg('metric', () => LeaderboardMetric, { defaultValue: LeaderboardMetric.POINTS }) metric: LeaderboardMetric,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string | null,
    @Arg('phaseId', () => ID, { nullable: true, description: 'Xếp hạng trong một đợt.' }) phaseId?: string | null,
    @Arg('withinUnitId', () => ID, { nullable: true, description: 'Chỉ các đơn vị thuộc đơn vị này (xem chi tiết từ tỉnh xuống xã).' }) withinUnitId?: string | null,
    @Arg('aroundUnitId', () => ID, { nullable: true, description: 'Các đơn vị đứng trên và dưới đơn vị này.' }) aroundUnitId?: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Số dòng (tối đa 200).' }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: `Bỏ qua bao nhiêu dòng đầu (phân trang; 0 đến ${MAX_BOARD_OFFSET}).` }) offset?: number,
    @Arg('unitKind', () => UnitKindEnum, { nullable: true, description: 'Với scope UNIT: loại đơn vị (mặc định ORGANIZATION).' }) unitKind?: UnitKind | null,
    @Arg('subtype', () => String, { nullable: true, description: 'Với scope UNIT: loại tổ chức, ví dụ "công an xã".' }) subtype?: string | null,
  ): Promise<Leaderboard> {
    return buildLeaderboard(ctx, {
      movementId,
      scope,
      metric,
      from,
      to,
      phaseId,
      withinUnitId: withinUnitId ? parseUnitId(withinUnitId) : null,
      aroundUnitId,
      first,
      offset,
      unitKind,
      subtype,
    });
  }

  @Subscription(() => Leaderboard, {
    // at most one push a second per movement, the last one holding every change (live-ticks.ts)
    subscribe: ({ args }: { args: { movementId: string } }) => liveTicks.subscribe(LEADERBOARD_TICK, String(args.movementId)),
    description: 'Bảng xếp hạng mới khi điểm của phong trào thay đổi: tối đa một lần mỗi giây, lần cuối gồm mọi thay đổi trong giây đó.',
  })
  leaderboardChanged(
    @Root() _movementId: string,
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('scope', () => LeaderboardScope, { defaultValue: LeaderboardScope.COMMUNE }) scope: LeaderboardScope,
    @Arg('metric', () => LeaderboardMetric, { defaultValue: LeaderboardMetric.POINTS }) metric: LeaderboardMetric,
    @Arg('withinUnitId', () => ID, { nullable: true }) withinUnitId?: string | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'Bỏ qua bao nhiêu dòng đầu (phân trang).' }) offset?: number,
  ): Promise<Leaderboard> {
    return buildLeaderboard(ctx, { movementId, scope, metric, withinUnitId: withinUnitId ? parseUnitId(withinUnitId) : null, first, offset });
  }

  @Query(() => [TargetProgressView], { description: 'Tiến độ các chỉ tiêu của phong trào tại một đơn vị (cộng cả cây trực thuộc), kèm ngày dự kiến đạt.' })
  async targetProgress(@Ctx() ctx: Context, @Arg('movementId', () => ID) movementId: string, @Arg('unitId', () => ID) unitId: string): Promise<TargetProgressView[]> {
    const movement = await visibleMovement(ctx, movementId);
    return targetProgressFor(ctx, movement, parseUnitId(unitId));
  }

  @Query(() => [DailyPoints], { description: 'Điểm theo ngày của một đơn vị (cộng cả cây trực thuộc), tách theo loại hoạt động.' })
  async unitDailyPoints(@Ctx() ctx: Context, @Arg('movementId', () => ID) movementId: string, @Arg('unitId', () => ID) unitId: string): Promise<DailyPoints[]> {
    const movement = await visibleMovement(ctx, movementId);
    const rows = await subtreeDaily(readSource(ctx).db, movement.id, parseUnitId(unitId));
    return rows.map((r) => ({ date: r.day, points: Number(r.points), classes: r.classes, assists: r.assists, quizzes: r.quizzes, attendees: r.attendees }));
  }
}
