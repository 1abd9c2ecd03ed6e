import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  StandingsBoardDocument,
  StandingsMovementDocument,
  StandingsMovementsDocument,
  type StandingsBoardFragment,
  type StandingsBoardQueryVariables,
  type StandingsMovementQuery,
  type StandingsMovementsQuery,
} from '@/gql/graphql';

export type StandingsMovementItem = StandingsMovementsQuery['movements']['nodes'][number];
export type StandingsMovementDetail = NonNullable<StandingsMovementQuery['movement']>;
export type Board = StandingsBoardFragment;
export type BoardEntry = Board['entries'][number];
export type BoardParams = StandingsBoardQueryVariables;

export interface BoardState {
  board: Board | null;
  /** loading: nothing to show yet; refreshing: an older answer is shown meanwhile */
  status: 'loading' | 'refreshing' | 'ready' | 'error';
  problem: ApiProblem | null;
  /** when the shown answer arrived (ms since epoch) */
  updatedAt: number | null;
  /** units whose row changed with the last live update (highlighted briefly) */
  changed: string[];
}

/** Boards are kept so "back" shows the last answer at once (and refreshes it); the oldest are dropped. */
const MAX_CACHED_BOARDS = 30;
const CHANGED_HIGHLIGHT_MS = 4000;

/** The board a set of variables shows; `first` is left out so "Xem thêm" keeps the rows on screen. */
export function boardKey(params: BoardParams): string {
  return JSON.stringify([
    params.movementId,
    params.scope,
    params.metric,
    params.from ?? null,
    params.to ?? null,
    params.phaseId ?? null,
    params.withinUnitId ?? null,
    params.aroundUnitId ?? null,
    params.unitKind ?? null,
    params.offset ?? 0,
  ]);
}

/** Variables without unset filters (null could be read as "filter by nothing"). */
function variablesOf(params: BoardParams): BoardParams {
  const variables: BoardParams = {
    movementId: params.movementId,
    scope: params.scope,
    metric: params.metric,
    first: params.first,
  };
  if (params.from) variables.from = params.from;
  if (params.to) variables.to = params.to;
  if (params.phaseId) variables.phaseId = params.phaseId;
  if (params.withinUnitId) variables.withinUnitId = params.withinUnitId;
  if (params.aroundUnitId) variables.aroundUnitId = params.aroundUnitId;
  if (params.unitKind) variables.unitKind = params.unitKind;
  if (params.offset) variables.offset = params.offset;
  return variables;
}

/** Public movements, movement details and leaderboards, with live updates applied in place. */
export const useStandingsStore = defineStore('standings', () => {
  // ------------------------------------------------------------ movements
  const movements = ref<StandingsMovementItem[] | null>(null);
  const movementsProblem = ref<ApiProblem | null>(null);
  let movementsPending: Promise<void> | null = null;

  /** Active movements first, national before local, then the most recent. */
  const publicMovements = computed(() =>
    (movements.value ?? [])
      .filter((m) => m.status === 'ACTIVE' || m.status === 'CLOSED')
      .sort((a, b) => {
        if (a.status !== b.status) return a.status === 'ACTIVE' ? -1 : 1;
        const aNational = a.scope.kind === 'COUNTRY' ? 0 : 1;
        const bNational = b.scope.kind === 'COUNTRY' ? 0 : 1;
        if (aNational !== bNational) return aNational - bNational;
        return b.startsOn.localeCompare(a.startsOn);
      }),
  );
  const preferredMovementId = computed(() => publicMovements.value[0]?.id ?? null);

  function ensureMovements(force = false): Promise<void> {
    if (movements.value && !force) return Promise.resolve();
    movementsPending ??= (async () => {
      const result = await urqlClient.query(StandingsMovementsDocument, {}, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) movementsProblem.value = toApiProblem(result.error);
      else {
        movements.value = result.data.movements.nodes;
        movementsProblem.value = null;
      }
    })().finally(() => {
      movementsPending = null;
    });
    return movementsPending;
  }

  const details = reactive(
    new Map<string, { movement: StandingsMovementDetail | null; status: 'loading' | 'ready' | 'error'; problem: ApiProblem | null }>(),
  );

  async function ensureMovement(id: string, force = false): Promise<void> {
    const known = details.get(id);
    if (known && !force && known.status !== 'error') return;
    if (!known) details.set(id, { movement: null, status: 'loading', problem: null });
    const state = details.get(id)!;
    state.status = 'loading';
    const result = await urqlClient.query(StandingsMovementDocument, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      state.status = 'error';
      state.problem = toApiProblem(result.error);
      return;
    }
    state.movement = result.data.movement;
    state.problem = null;
    state.status = 'ready';
  }

  // ------------------------------------------------------------ boards
  const boards = reactive(new Map<string, BoardState>());
  const latestRequest = new Map<string, number>();
  const highlightTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let requestCounter = 0;

  function boardFor(params: BoardParams | null): BoardState | undefined {
    return params ? boards.get(boardKey(params)) : undefined;
  }

  /** Loads a board; a board already shown stays on screen while the fresh answer comes. */
  async function loadBoard(params: BoardParams): Promise<void> {
    const key = boardKey(params);
    if (!boards.has(key)) {
      boards.set(key, { board: null, status: 'loading', problem: null, updatedAt: null, changed: [] });
      if (boards.size > MAX_CACHED_BOARDS) boards.delete(boards.keys().next().value!);
    }
    const state = boards.get(key)!;
    state.status = state.board ? 'refreshing' : 'loading';
    const request = ++requestCounter;
    latestRequest.set(key, request);

    const result = await urqlClient
      .query(StandingsBoardDocument, variablesOf(params), { requestPolicy: 'network-only' })
      .toPromise();
    if (latestRequest.get(key) !== request) return; // a newer request for the same board answers instead

    if (result.error || !result.data) {
      state.status = 'error';
      state.problem = toApiProblem(result.error);
      return;
    }
    setBoard(key, state, result.data.leaderboard);
  }

  /** A board pushed by the server (subscription): rows are updated in place, changed ones marked. */
  function applyLive(params: BoardParams, board: Board): void {
    const key = boardKey(params);
    const state = boards.get(key);
    if (!state) return;
    latestRequest.set(key, ++requestCounter); // an older query still on its way must not undo this
    setBoard(key, state, board);
  }

  function setBoard(key: string, state: BoardState, board: Board): void {
    const before = new Map((state.board?.entries ?? []).map((e) => [e.unit.id, e]));
    const changed = state.board
      ? board.entries
          .filter((e) => {
            const old = before.get(e.unit.id);
            return !old || old.points !== e.points || old.rank !== e.rank || old.value !== e.value;
          })
          .map((e) => e.unit.id)
      : [];
    state.board = board;
    state.problem = null;
    state.status = 'ready';
    // how recent the data is, as the server says (a read replica may lag the primary a little)
    const server = board.updatedAt ? Date.parse(board.updatedAt as string) : NaN;
    state.updatedAt = Number.isFinite(server) ? server : Date.now();
    state.changed = changed;
    clearTimeout(highlightTimers.get(key));
    if (changed.length) {
      highlightTimers.set(
        key,
        setTimeout(() => {
          const current = boards.get(key);
          if (current) current.changed = [];
        }, CHANGED_HIGHLIGHT_MS),
      );
    }
  }

  return {
    movements,
    movementsProblem,
    publicMovements,
    preferredMovementId,
    ensureMovements,
    details,
    ensureMovement,
    boards,
    boardFor,
    loadBoard,
    applyLive,
  };
});
