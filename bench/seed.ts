/**
 * `pnpm bench:seed` — a national-scale dataset on PostgreSQL for the leaderboard benchmark.
 *
 *   all 34 provinces and 3,321 communes (reference data) + ~46,000 residential groups and
 *   organizations under the communes (≈ 50,000 units), one ACTIVE 90-day movement
 *   (2026-08-25 … 2026-11-22) with scoring rules v1, N APPROVED activities (default 10,000,000)
 *   with a Zipf-like skew over units and a weekday/campaign effect over days, their AWARD rows in
 *   points_ledger (scored in SQL with the default rules, daily cap included), and the totals
 *   (unit_daily_totals, unit_movement_totals, place_class_counts, and the area rollups) aggregated from the ledger rows.
 *
 * Everything is generated server-side (INSERT … SELECT … generate_series), in chunks of units run
 * on --jobs connections; secondary indexes, keys and foreign keys of the bulk-loaded tables are
 * dropped for the load and rebuilt after it; VACUUM (ANALYZE) at the end.
 *
 * Options:
 *   --activities N   activities to generate (10000000; 200000 is a quick development run)
 *   --units N        units in all, reference ones included (50000)
 *   --skew S         Zipf exponent of activity over units (0.8); --quiet F share of silent units (0.12)
 *   --jobs N         parallel connections (2)      --chunk-size N  activities per statement (500000)
 *   --seed N         random seed (2026)            --fresh         drop and recreate the database
 *   --print-chunk-sql  print the statement that loads one chunk (for EXPLAIN) and exit
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/thidua_bench_national).
 *
 * Without --fresh an already seeded database is left as it is (its figures are printed).
 * Results: a table on stdout and bench/results/seed-<date>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadReferenceUnits, openDatabase } from '../packages/db/src/index';
import { DEFAULT_SCORING_RULES, PRIORITY_GROUPS, SERVICE_CODES, TOPIC_CODES } from '../packages/domain/src/index';
import {
  DEFAULT_NATIONAL_URL,
  NATIONAL_MOVEMENT,
  RESULTS_DIR,
  ROOT,
  SEED_MARKER,
  databaseName,
  maintenanceUrl,
  postgres,
  readSeedMarker,
  stamp,
  type SeedMarker,
  type Sql,
} from './national';

// ---------------------------------------------------------------------------------------------
// options

function parseArgs(argv: string[]) {
  const opts = { activities: 10_000_000, units: 50_000, skew: 0.8, quiet: 0.12, jobs: 2, chunkSize: 500_000, seed: 2026, fresh: false, printChunkSql: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const num = (name: string, min = 0) => {
      const n = Number(String(value()).replace(/_/g, ''));
      if (!Number.isFinite(n) || n < min) throw new Error(`${name} needs a number ≥ ${min}`);
      return n;
    };
    switch (flag) {
      case '--activities': opts.activities = Math.round(num(flag, 1)); break;
      case '--units': opts.units = Math.round(num(flag, 3356)); break;
      case '--skew': opts.skew = num(flag); break;
      case '--quiet': opts.quiet = Math.min(0.9, num(flag)); break;
      case '--jobs': opts.jobs = Math.max(1, Math.round(num(flag, 1))); break;
      case '--chunk-size': opts.chunkSize = Math.round(num(flag, 1000)); break;
      case '--seed': opts.seed = Math.round(num(flag)); break;
      case '--fresh': opts.fresh = true; break;
      case '--print-chunk-sql': opts.printChunkSql = true; break;
      case '--': break;
      case '--help': case '-h':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
        process.exit(0);
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const url = process.env.DATABASE_URL || DEFAULT_NATIONAL_URL;
const dbName = databaseName(url);
const M = NATIONAL_MOVEMENT;
const log = (...args: unknown[]) => console.error('[seed]', ...args);

/** Bulk-loaded tables: their keys, indexes and foreign keys are dropped for the load. */
const LOADED_TABLES = ['activities', 'points_ledger', 'unit_daily_totals', 'unit_movement_totals', 'place_class_counts'];

// ---------------------------------------------------------------------------------------------
// SQL literals (everything below is generated here, nothing comes from users)

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (xs: readonly string[]) => `array[${xs.map(q).join(',')}]::text[]`;
const floatArray = (xs: readonly number[]) => `array[${xs.map((x) => x.toPrecision(12)).join(',')}]::float8[]`;
const numArray = (xs: readonly number[]) => `array[${xs.join(',')}]::numeric[]`;

/** Lower bounds of N buckets for width_bucket(random(), …): bucket i has probability w_i / Σw. */
function cumulativeBounds(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const bounds: number[] = [];
  let acc = 0;
  for (const w of weights) {
    bounds.push(acc / total);
    acc += w;
  }
  return bounds;
}

/**
 * How busy each day of the movement is: a ramp from launch to the end, a weekday effect (weekends
 * quiet, Sunday most), the 2/9 national holiday, and a campaign peak around 10/10 (Ngày Chuyển
 * đổi số quốc gia).
 */
function dayWeights(): { date: string; weight: number }[] {
  const byWeekday = [0.45, 1.0, 1.05, 1.05, 1.0, 0.95, 0.7]; // Sun … Sat
  const start = Date.parse(`${M.startsOn}T00:00:00Z`);
  return Array.from({ length: M.days }, (_, d) => {
    const t = new Date(start + d * 86_400_000);
    const date = t.toISOString().slice(0, 10);
    let weight = (0.6 + (0.8 * d) / (M.days - 1)) * byWeekday[t.getUTCDay()];
    if (date >= '2026-08-31' && date <= '2026-09-02') weight *= 0.3;
    if (date >= '2026-10-06' && date <= '2026-10-12') weight *= 1.8;
    return { date, weight };
  });
}

const SERVICE_WEIGHTS: Record<string, number> = {
  VNEID_L2: 0.25,
  PUBLIC_SERVICE_ONLINE: 0.2,
  RESIDENCE_DECLARATION: 0.08,
  CASHLESS_PAYMENT: 0.12,
  E_HEALTH: 0.1,
  SAFE_SOCIAL_MEDIA: 0.1,
  SCAM_AWARENESS: 0.1,
  AI_TOOLS: 0.05,
};

/** Organizations under every commune: name prefix, subtype, search-key prefix, share of classes. */
const ORGANIZATIONS = [
  { prefix: 'Công an', subtype: 'công an xã/phường', key: 'cong an', classShare: 0.08, police: true },
  { prefix: 'Đoàn Thanh niên', subtype: 'chi đoàn', key: 'doan thanh nien', classShare: 0.35, police: false },
  { prefix: 'Hội Liên hiệp Phụ nữ', subtype: 'hội phụ nữ', key: 'hoi lien hiep phu nu', classShare: 0.35, police: false },
  { prefix: 'Trường THCS', subtype: 'trường học', key: 'truong thcs', classShare: 0.6, police: false },
];
const COMMUNE_CLASS_SHARE = 0.45;
const GROUP_CLASS_SHARE = 0.3;

// ---------------------------------------------------------------------------------------------
// phases

interface Phase { name: string; seconds: number; note?: string }
const phases: Phase[] = [];
async function phase<T>(name: string, run: () => Promise<T>, note?: (result: T) => string): Promise<T> {
  log(`${name} …`);
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  const entry: Phase = { name, seconds, note: note?.(result) };
  phases.push(entry);
  log(`${name}: ${seconds.toFixed(1)} s${entry.note ? ` (${entry.note})` : ''}`);
  return result;
}

async function prepareDatabase(): Promise<'created' | 'recreated' | 'empty' | { marker: SeedMarker }> {
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${dbName}`;
    if (exists && opts.fresh) {
      await admin.unsafe(`drop database ${dbName} with (force)`);
      await admin.unsafe(`create database ${dbName}`);
      return 'recreated';
    }
    if (!exists) {
      await admin.unsafe(`create database ${dbName}`);
      return 'created';
    }
    const marker = await readSeedMarker(admin, dbName);
    if (marker) return { marker };
    return 'empty';
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function insertUnits(sql: Sql): Promise<{ organizations: number; groups: number; total: number }> {
  const [{ communes, existing }] = await sql<{ communes: number; existing: number }[]>`
    select count(*) filter (where kind = 'COMMUNE')::int as communes, count(*)::int as existing from units`;
  const organizations = communes * ORGANIZATIONS.length;
  const groupTarget = Math.max(communes * 2, opts.units - existing - organizations);
  const orgValues = ORGANIZATIONS.map((o, i) => `(${i + 1}, ${q(o.prefix)}, ${q(o.subtype)}, ${q(o.key)})`).join(',');
  // ids come from the units sequence in (commune, position) order; path = parent.path || id, as insertUnit does
  await sql.unsafe(`
    insert into units (id, name, full_name, subtype, kind, parent_id, path, depth, province_id, commune_id, search_key)
    select s.id, s.name, s.name, s.subtype, 'ORGANIZATION', s.parent_id, s.ppath || s.id, s.pdepth + 1, s.province_id, s.parent_id, s.search_key
    from (
      select nextval(pg_get_serial_sequence('units', 'id'))::int as id, x.*
      from (
        select c.id as parent_id, c.path as ppath, c.depth as pdepth, c.province_id,
               o.prefix || ' ' || lower(left(c.full_name, 1)) || substr(c.full_name, 2) as name,
               o.subtype, o.key || ' ' || c.search_key as search_key
        from units c cross join (values ${orgValues}) as o(ord, prefix, subtype, key)
        where c.kind = 'COMMUNE'
        order by c.id, o.ord
      ) x offset 0
    ) s`);
  // residential groups: thôn in a xã, tổ dân phố elsewhere, as many as the commune's population calls for
  const source = 'Dân số tổ/thôn: số liệu giả lập cho benchmark (bench/seed.ts)';
  await sql.unsafe(`
    with c as (
      select u.*, coalesce(u.population, avg(u.population) over ())::float8 as pop from units u where u.kind = 'COMMUNE'
    ), sized as (
      select c.*, greatest(2, round(c.pop * ${groupTarget} / sum(c.pop) over ()))::int as n from c
    )
    insert into units (id, name, full_name, subtype, kind, parent_id, path, depth, province_id, commune_id, search_key,
                       population, adult_population, households, denominators_source)
    select s.id, s.name, s.name || ', ' || s.commune_name, s.subtype, 'RESIDENTIAL_GROUP', s.parent_id, s.ppath || s.id, s.pdepth + 1,
           s.province_id, s.parent_id, s.key || ', ' || s.commune_key,
           s.pop, round(s.pop * 0.73), round(s.pop / 3.5), ${q(source)}
    from (
      select nextval(pg_get_serial_sequence('units', 'id'))::int as id, x.*
      from (
        select sized.id as parent_id, sized.path as ppath, sized.depth as pdepth, sized.province_id,
               sized.full_name as commune_name, sized.search_key as commune_key,
               case when sized.subtype = 'xã' then 'Thôn ' || g else 'Tổ dân phố số ' || g end as name,
               case when sized.subtype = 'xã' then 'thon ' || g else 'to dan pho so ' || g end as key,
               case when sized.subtype = 'xã' then 'thôn' else 'tổ dân phố' end as subtype,
               round(sized.pop / sized.n * (0.7 + 0.6 * random()))::int as pop
        from sized cross join lateral generate_series(1, sized.n) g
        order by sized.id, g
      ) x offset 0
    ) s`);
  const [{ groups, total }] = await sql<{ groups: number; total: number }[]>`
    select count(*) filter (where kind = 'RESIDENTIAL_GROUP')::int as groups, count(*)::int as total from units`;
  return { organizations, groups, total };
}

async function insertMovement(sql: Sql) {
  await sql`
    insert into movements (id, title, description, organizer_unit_id, scope_unit_id, competing_kinds, starts_on, ends_on, status, current_rule_version, opened_at)
    values (${M.id}, ${M.title}, ${'Sinh bởi bench/seed.ts: dữ liệu giả lập quy mô toàn quốc để đo hiệu năng bảng xếp hạng.'}, 1, 1,
            '{COMMUNE,RESIDENTIAL_GROUP,ORGANIZATION}', ${M.startsOn}, ${M.endsOn}, 'ACTIVE', 1, ${`${M.startsOn}T00:00:00+07:00`})`;
  await sql`
    insert into scoring_rule_versions (movement_id, version, rules, note)
    values (${M.id}, 1, ${sql.json(DEFAULT_SCORING_RULES as never)}, 'Phiên bản đầu')`;
}

/**
 * Activities per unit: units in a random order get weights 1/(rank+10)^skew (a share of them
 * stay silent), and the integer counts add up to exactly --activities. Units are then cut into
 * chunks of about --chunk-size activities; a chunk's units are loaded by one statement.
 */
async function planUnits(sql: Sql, chunks: number): Promise<{ units: number; active: number; max: number; median: number }> {
  const N = opts.activities;
  const classShare = ['case',
    `when n.kind = 'COMMUNE' then ${COMMUNE_CLASS_SHARE}`,
    `when n.kind = 'RESIDENTIAL_GROUP' then ${GROUP_CLASS_SHARE}`,
    ...ORGANIZATIONS.map((o) => `when n.subtype = ${q(o.subtype)} then ${o.classShare}`),
    `else 0.3 end`].join(' ');
  const police = q(ORGANIZATIONS.find((o) => o.police)!.subtype);
  await sql.unsafe(`drop table if exists bench_unit_plan`);
  await sql.unsafe(`
    create unlogged table bench_unit_plan as
    with r as (
      select u.id, u.kind, u.subtype, random() as k, random() as r
      from units u where u.kind in ('COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION')
    ), u as (
      -- (not "row_number() over (order by random())" next to "random() as r": PostgreSQL would take both for one value)
      select r.*, row_number() over (order by r.k) as rnk from r
    ), w as (
      select u.*, (case when u.r < ${opts.quiet} then 0 else 1 / power(u.rnk + 10, ${opts.skew}) end)::numeric as w from u
    ), c as (
      select w.*, sum(w.w) over (order by w.rnk) as cw, sum(w.w) over () as tw from w
    ), n as (
      select c.*, floor(${N} * (c.cw - c.w) / c.tw)::bigint as before, (floor(${N} * c.cw / c.tw) - floor(${N} * (c.cw - c.w) / c.tw))::int as n from c
    )
    select n.id as unit_id, n.n, least(${chunks - 1}, floor(n.before * ${chunks}::numeric / ${N}))::int as chunk,
           (${classShare})::float8 as class_share,
           n.kind = 'RESIDENTIAL_GROUP' as is_rg, coalesce(n.subtype = ${police}, false) as police
    from n where n.n > 0`);
  const [r] = await sql<{ units: number; active: number; max: number; median: number; total: string }[]>`
    select (select count(*) from units where kind in ('COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION'))::int as units,
           count(*)::int as active, max(n) as max, percentile_disc(0.5) within group (order by n) as median, sum(n)::text as total
    from bench_unit_plan`;
  if (Number(r.total) !== N) throw new Error(`plan adds up to ${r.total} activities, not ${N}`);
  return r;
}

/** One statement per chunk: activities → AWARD rows → per-unit-day totals and class places. */
function chunkStatement(chunk: number): string {
  const days = dayWeights();
  const services = [...SERVICE_CODES];
  const rules = DEFAULT_SCORING_RULES;
  const groups = [...PRIORITY_GROUPS];
  const cap = rules.dailyCapPerUnit;
  const mid = q(M.id);
  const isClass = `g.is_class`;
  return `
    with gen as materialized (
      select p.unit_id, p.is_rg, p.police, random() < p.class_share as is_class,
             ${q(M.startsOn)}::date + (width_bucket(random(), ${floatArray(cumulativeBounds(days.map((d) => d.weight)))}) - 1) as day,
             random() as r_att, random() as r_svc, random() as r_pri, random() as r_top, random() as r_time
      from bench_unit_plan p cross join lateral generate_series(1, p.n)
      where p.chunk = ${chunk}
    ), ins as (
      insert into activities (id, movement_id, unit_id, kind, status, occurred_on, attendee_count, topics, service, priority_groups,
                              details, fingerprint, recorded_at, reviewed_at)
      select a.id, ${mid}, a.unit_id, a.kind, 'APPROVED', a.day, a.att, a.topics, a.service, a.pgs, a.details,
             -- the canonical JSON text of the payload, as activityPayloadFingerprint() writes it
             case when a.kind = 'CLASS'
                  then '{"attendeeCount":' || a.att || ',"attendeeListHash":null,"evidenceIds":[],"heldOn":"' || a.day || '","instructors":[],"kind":"CLASS","mobile":'
                       || (a.details ->> 'mobile') || ',"movementId":"' || ${mid} || '","note":null,"placeUnitId":' || coalesce(a.details ->> 'placeUnitId', 'null')
                       || ',"topics":["' || a.topics[1] || '"],"unitId":' || a.unit_id || '}'
                  else '{"citizenKey":null,"evidenceIds":[],"helpedOn":"' || a.day || '","helper":null,"kind":"ASSIST","movementId":"' || ${mid}
                       || '","note":null,"priorityGroups":' || case when cardinality(a.pgs) = 0 then '[]' else '["' || a.pgs[1] || '"]' end
                       || ',"service":"' || a.service || '","unitId":' || a.unit_id || '}'
             end,
             a.recorded_at, a.recorded_at + interval '5 hours'
      from (
        select gen_random_uuid() as id, g.unit_id, g.day,
               (case when ${isClass} then 'CLASS' else 'ASSIST' end)::activity_kind as kind,
               case when ${isClass} then 8 + floor(g.r_att * g.r_att * 60)::int else 1 end as att,
               case when ${isClass} then array[(${textArray(TOPIC_CODES)})[1 + floor(g.r_top * ${TOPIC_CODES.length})::int]] end as topics,
               case when ${isClass} then null
                    when g.police and g.r_svc < 0.6 then 'VNEID_L2'
                    else (${textArray(services)})[width_bucket(g.r_top, ${floatArray(cumulativeBounds(services.map((s) => SERVICE_WEIGHTS[s] ?? 0.1)))})] end as service,
               case when ${isClass} then null
                    when g.r_pri < 0.08 then '{ELDERLY}'::text[] when g.r_pri < 0.11 then '{ETHNIC_MINORITY}'::text[]
                    when g.r_pri < 0.13 then '{NEAR_POOR}'::text[] when g.r_pri < 0.14 then '{DISABLED}'::text[] else '{}'::text[] end as pgs,
               case when ${isClass}
                    then jsonb_build_object('note', null, 'instructors', '[]'::jsonb, 'placeUnitId', case when g.is_rg and g.r_pri < 0.7 then g.unit_id end,
                                            'mobile', g.r_svc < 0.1, 'attendeeListHash', null)
                    else '{"note": null, "helper": null}'::jsonb end as details,
               (g.day + interval '7 hours' + g.r_time * interval '12 hours') at time zone 'Asia/Ho_Chi_Minh' as recorded_at
        from gen g
      ) a
      returning id, unit_id, kind, occurred_on, attendee_count, service, priority_groups, details, reviewed_at
    ), scored as (
      select i.id, i.unit_id, i.occurred_on, i.reviewed_at,
             case when i.kind = 'CLASS' then least(${rules.class.base} + ${rules.class.perAttendee} * i.attendee_count, ${rules.class.maxPerClass})
                  else coalesce((${numArray(services.map((s) => rules.services[s] ?? 0))})[array_position(${textArray(services)}, i.service)], 0)
                       * coalesce((${numArray(groups.map((g) => rules.priorityMultipliers[g] ?? 1))})[array_position(${textArray(groups)}, i.priority_groups[1])], 1)
             end::numeric(12, 2) as p
      from ins i
    ), capped as (
      select s.*, ${cap == null ? 's.p' : `greatest(0, least(s.p, ${cap} - coalesce(sum(s.p) over (partition by s.unit_id, s.occurred_on order by s.reviewed_at, s.id rows between unbounded preceding and 1 preceding), 0)))`} as awarded
      from scored s
    ), led as (
      insert into points_ledger (movement_id, unit_id, activity_id, rule_version, entry_kind, points, occurred_on, note, created_at)
      select ${mid}, c.unit_id, c.id, 1, 'AWARD', c.awarded, c.occurred_on, case when c.awarded < c.p then 'DAILY_CAP' end, c.reviewed_at
      from capped c
      returning activity_id, unit_id, occurred_on, points
    ), daily as (
      insert into unit_daily_totals (movement_id, unit_id, day, points, classes, attendees, assists, quizzes)
      select ${mid}, l.unit_id, l.occurred_on, sum(l.points),
             count(*) filter (where i.kind = 'CLASS'), coalesce(sum(i.attendee_count) filter (where i.kind = 'CLASS'), 0),
             count(*) filter (where i.kind = 'ASSIST'), 0
      from led l join ins i on i.id = l.activity_id
      group by l.unit_id, l.occurred_on
      returning 1
    ), places as (
      insert into place_class_counts (movement_id, unit_id, place_unit_id, classes)
      select ${mid}, i.unit_id, (i.details ->> 'placeUnitId')::int, count(*)
      from ins i where i.kind = 'CLASS' and i.details ->> 'placeUnitId' is not null
      group by i.unit_id, (i.details ->> 'placeUnitId')::int
      returning 1
    )
    select (select count(*) from ins)::int as activities, (select count(*) from led)::int as ledger,
           (select count(*) from daily)::int as days, (select count(*) from places)::int as places`;
}

async function loadChunks(sql: Sql, chunks: number) {
  let next = 0;
  let done = 0;
  const totals = { activities: 0, ledger: 0, days: 0, places: 0 };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(opts.jobs, chunks) }, async () => {
      const conn = await sql.reserve();
      try {
        while (next < chunks) {
          const chunk = next++;
          // reproducible per chunk, whichever connection runs it
          await conn.unsafe(`select setseed(${((opts.seed * 7919 + chunk * 104_729) % 2_000_000) / 2_000_000 - 0.5})`);
          const [r] = await conn.unsafe<{ activities: number; ledger: number; days: number; places: number }[]>(chunkStatement(chunk));
          for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
          done++;
          const s = (performance.now() - t0) / 1000;
          log(`  chunk ${chunk + 1}/${chunks}: ${r.activities.toLocaleString('en')} activities · ${done}/${chunks} done, ${totals.activities.toLocaleString('en')} in ${s.toFixed(0)} s (${Math.round(totals.activities / s).toLocaleString('en')}/s)`);
        }
      } finally {
        conn.release();
      }
    }),
  );
  return totals;
}

interface Ddl { table: string; name: string; sql: string }
interface DroppedDdl {
  /** CREATE [UNIQUE] INDEX statements: plain indexes and the indexes behind keys */
  indexes: Ddl[];
  /** ALTER TABLE … ADD CONSTRAINT … USING INDEX, once the keys' indexes exist */
  keys: Ddl[];
  /** foreign keys: added NOT VALID, then validated */
  fks: Ddl[];
}

/** Drops the keys, indexes and foreign keys of the bulk-loaded tables; returns how to rebuild them. */
async function dropIndexes(sql: Sql): Promise<DroppedDdl> {
  const fks = await sql<{ tbl: string; name: string; def: string }[]>`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where contype = 'f' and (conrelid::regclass::text = any(${LOADED_TABLES}) or confrelid::regclass::text = any(${LOADED_TABLES}))
    order by conrelid::regclass::text, conname`;
  const keys = await sql<{ tbl: string; name: string; type: string; indexdef: string }[]>`
    select conrelid::regclass::text as tbl, conname as name, case contype when 'p' then 'primary key' else 'unique' end as type,
           pg_get_indexdef(conindid) as indexdef
    from pg_constraint where contype in ('p', 'u') and conrelid::regclass::text = any(${LOADED_TABLES})`;
  const indexes = await sql<{ tbl: string; name: string; def: string }[]>`
    select i.indrelid::regclass::text as tbl, i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid::regclass::text = any(${LOADED_TABLES})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))`;
  for (const f of fks) await sql.unsafe(`alter table ${f.tbl} drop constraint ${f.name}`);
  for (const k of keys) await sql.unsafe(`alter table ${k.tbl} drop constraint ${k.name}`);
  for (const i of indexes) await sql.unsafe(`drop index ${i.name}`);
  return {
    indexes: [...keys.map((k) => ({ table: k.tbl, name: k.name, sql: k.indexdef })), ...indexes.map((i) => ({ table: i.tbl, name: i.name, sql: i.def }))],
    keys: keys.map((k) => ({ table: k.tbl, name: k.name, sql: `alter table ${k.tbl} add constraint ${k.name} ${k.type} using index ${k.name}` })),
    fks: fks.map((f) => ({ table: f.tbl, name: f.name, sql: `alter table ${f.tbl} add constraint ${f.name} ${f.def} not valid` })),
  };
}

/** Runs tasks on `jobs` reserved connections, biggest first (they only take SHARE-level locks). */
async function onConnections<T extends { name: string }>(sql: Sql, tasks: T[], run: (conn: Sql, task: T) => Promise<unknown>, setup?: string) {
  const queue = [...tasks];
  const timings: { name: string; seconds: number }[] = [];
  await Promise.all(
    Array.from({ length: Math.min(opts.jobs, queue.length) }, async () => {
      const conn = await sql.reserve();
      try {
        if (setup) await conn.unsafe(setup);
        for (let task = queue.shift(); task; task = queue.shift()) {
          const t0 = performance.now();
          await run(conn as unknown as Sql, task);
          timings.push({ name: task.name, seconds: (performance.now() - t0) / 1000 });
          if (timings.at(-1)!.seconds >= 0.5) log(`  ${task.name}: ${timings.at(-1)!.seconds.toFixed(1)} s`);
        }
      } finally {
        conn.release();
      }
    }),
  );
  return timings;
}

async function tableSizes(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql<{ t: string; bytes: string }[]>`select relname as t, pg_relation_size(oid)::text as bytes from pg_class where relname = any(${LOADED_TABLES}) and relkind = 'r'`;
  return new Map(rows.map((r) => [r.t, Number(r.bytes)]));
}

/**
 * Every index (those behind keys included) as a plain CREATE INDEX, which takes a SHARE lock, so
 * two builds can run on one table at once: the queue is balanced over the connections, biggest
 * tables first. The keys are then attached to their indexes (USING INDEX: no second build).
 */
async function rebuildIndexes(sql: Sql, ddl: DroppedDdl) {
  const size = await tableSizes(sql);
  const tasks = [...ddl.indexes].sort((a, b) => (size.get(b.table) ?? 0) - (size.get(a.table) ?? 0));
  // the connections already share the cores
  const timings = await onConnections(sql, tasks, (conn, d) => conn.unsafe(d.sql), `set max_parallel_maintenance_workers = ${opts.jobs > 1 ? 0 : 2}`);
  for (const k of ddl.keys) await sql.unsafe(k.sql);
  return timings;
}

/**
 * Foreign keys are added NOT VALID (no scan) and then validated: VALIDATE CONSTRAINT locks only
 * the referencing table against writes, so the tables are checked in parallel (one table's
 * constraints one after another). Every constraint ends up validated, as the migrations define it.
 */
async function rebuildForeignKeys(sql: Sql, fks: Ddl[]) {
  for (const f of fks) await sql.unsafe(f.sql);
  const size = await tableSizes(sql);
  const byTable = new Map<string, Ddl[]>();
  for (const f of fks) byTable.set(f.table, [...(byTable.get(f.table) ?? []), f]);
  const tasks = [...byTable.entries()]
    .sort((a, b) => (size.get(b[0]) ?? 0) - (size.get(a[0]) ?? 0))
    .map(([table, list]) => ({ name: `${table} (${list.length} foreign keys)`, list }));
  const perConstraint: { name: string; seconds: number }[] = [];
  await onConnections(sql, tasks, async (conn, task) => {
    for (const f of task.list) {
      const t0 = performance.now();
      await conn.unsafe(`alter table ${f.table} validate constraint ${f.name}`);
      perConstraint.push({ name: f.name, seconds: (performance.now() - t0) / 1000 });
    }
  });
  return perConstraint;
}

async function vacuumAnalyze(sql: Sql) {
  const size = await tableSizes(sql);
  // the area rollups too: boards read them, and without statistics their plans read whole periods
  const tables = [...LOADED_TABLES].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0)).concat('units', 'area_daily_totals', 'area_movement_totals');
  return onConnections(sql, tables.map((name) => ({ name })), (conn, t) => conn.unsafe(`vacuum (analyze) ${t.name}`));
}

async function verify(sql: Sql) {
  const [r] = await sql<Record<string, string>[]>`
    with l as (
      select count(*) filter (where entry_kind = 'AWARD') as ledger, sum(points) as points, count(*) filter (where note = 'DAILY_CAP') as capped
      from points_ledger where movement_id = ${M.id})
    select (select count(*) from activities where movement_id = ${M.id} and status = 'APPROVED')::text as activities,
           (select ledger from l)::text as ledger, (select points from l)::text as ledger_points, (select capped from l)::text as capped,
           (select sum(points) from unit_movement_totals where movement_id = ${M.id})::text as total_points,
           (select sum(points) from unit_daily_totals where movement_id = ${M.id})::text as daily_points,
           (select sum(points) from area_daily_totals where movement_id = ${M.id})::text as area_daily_points,
           (select sum(points) from area_movement_totals where movement_id = ${M.id})::text as area_total_points,
           (select count(*) from unit_daily_totals where movement_id = ${M.id})::text as daily_rows,
           (select count(*) from unit_movement_totals where movement_id = ${M.id})::text as total_rows,
           (select count(*) from place_class_counts where movement_id = ${M.id})::text as place_rows,
           (select count(*) from units u where u.path[array_length(u.path, 1)] <> u.id
              or (u.kind in ('RESIDENTIAL_GROUP', 'ORGANIZATION') and (u.path[3] <> u.commune_id or u.path[2] <> u.province_id)))::text as bad_paths`;
  const problems: string[] = [];
  if (Number(r.activities) !== opts.activities) problems.push(`activities ${r.activities} ≠ ${opts.activities}`);
  if (r.ledger !== r.activities) problems.push(`ledger rows ${r.ledger} ≠ activities ${r.activities}`);
  if (r.ledger_points !== r.total_points || r.ledger_points !== r.daily_points) problems.push(`points: ledger ${r.ledger_points}, daily ${r.daily_points}, totals ${r.total_points}`);
  if (r.ledger_points !== r.area_daily_points || r.ledger_points !== r.area_total_points) problems.push(`area rollups: daily ${r.area_daily_points}, totals ${r.area_total_points}`);
  if (r.bad_paths !== '0') problems.push(`${r.bad_paths} units with a wrong path/province/commune`);
  if (problems.length) throw new Error(`verification failed: ${problems.join('; ')}`);
  return r;
}

async function sizes(sql: Sql) {
  const [db] = await sql<{ bytes: string; pretty: string }[]>`select pg_database_size(current_database())::text as bytes, pg_size_pretty(pg_database_size(current_database())) as pretty`;
  const tables = await sql<{ table: string; rows: string; table_bytes: string; index_bytes: string; total: string }[]>`
    select c.relname as table, c.reltuples::bigint::text as rows, pg_table_size(c.oid)::text as table_bytes,
           pg_indexes_size(c.oid)::text as index_bytes, pg_size_pretty(pg_total_relation_size(c.oid)) as total
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname = any(${[...LOADED_TABLES, 'units']})
    order by pg_total_relation_size(c.oid) desc`;
  return { bytes: Number(db.bytes), pretty: db.pretty, tables };
}

const mb = (bytes: string | number) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------

async function main() {
  if (opts.printChunkSql) {
    // for EXPLAIN: the statement that loads chunk 0 (needs the bench_unit_plan table of a run)
    console.log(chunkStatement(0));
    return;
  }
  const started = performance.now();
  log(`database ${url.replace(/\/\/[^@/]*@/, '//…@')}: ${opts.activities.toLocaleString('en')} activities, ~${opts.units.toLocaleString('en')} units, jobs ${opts.jobs}`);
  const state = await phase('database', prepareDatabase, (s) => (typeof s === 'string' ? s : 'already seeded'));
  const sql = postgres(url, {
    max: opts.jobs,
    onnotice: () => {},
    connection: { work_mem: '512MB', maintenance_work_mem: '1GB', application_name: 'bench-seed' },
  });
  try {
    if (typeof state === 'object') {
      const size = await sizes(sql);
      log(`already seeded on ${state.marker.seededAt} (${state.marker.activities.toLocaleString('en')} activities, ${state.marker.seconds.toFixed(0)} s); nothing to do. --fresh regenerates it.`);
      console.log(`database ${dbName}: ${size.pretty}; ${state.marker.activities.toLocaleString('en')} activities, ${state.marker.units.toLocaleString('en')} units`);
      return;
    }
    const [{ n: movementsThere }] = await sql<{ n: number }[]>`select count(*)::int as n from pg_tables where tablename = 'movements'`;
    if (movementsThere) {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from movements where id = ${M.id}`;
      if (n) throw new Error(`database ${dbName} holds an unfinished seed (no completion marker): run again with --fresh`);
    }

    const reference = await phase('migrate + reference units', async () => {
      const database = await openDatabase({ url, max: 1 });
      try {
        await database.migrate();
        return await loadReferenceUnits(database.db);
      } finally {
        await database.close();
      }
    }, (r) => `${r.provinces} provinces, ${r.communes} communes, ${r.formerNames} former names`);

    const units = await phase('units', () => insertUnits(sql), (r) => `${r.total.toLocaleString('en')} units: +${r.organizations.toLocaleString('en')} organizations, +${r.groups.toLocaleString('en')} residential groups`);
    await phase('movement + rules v1', () => insertMovement(sql));
    const chunks = Math.max(opts.jobs, Math.ceil(opts.activities / opts.chunkSize));
    const plan = await phase('activity plan', async () => {
      await sql`select setseed(${((opts.seed % 1000) / 1000) - 0.5})`;
      return planUnits(sql, chunks);
    }, (r) => `${r.active.toLocaleString('en')} of ${r.units.toLocaleString('en')} units active; per unit max ${r.max.toLocaleString('en')}, median ${r.median}`);
    const ddl = await phase('drop keys/indexes/FKs', () => dropIndexes(sql), (r) => `${r.keys.length} keys, ${r.indexes.length - r.keys.length} other indexes, ${r.fks.length} foreign keys`);
    const loaded = await phase('activities + ledger + daily totals', () => loadChunks(sql, chunks), (r) =>
      `${r.activities.toLocaleString('en')} activities & AWARD rows, ${r.days.toLocaleString('en')} unit-days, ${r.places.toLocaleString('en')} class places; ${chunks} chunks`);
    await phase('unit_movement_totals', () => sql`
      insert into unit_movement_totals (movement_id, unit_id, points, classes, attendees, assists, quizzes, updated_at)
      select movement_id, unit_id, sum(points), sum(classes), sum(attendees), sum(assists), sum(quizzes), now()
      from unit_daily_totals where movement_id = ${M.id} group by movement_id, unit_id`, (r) => `${r.count.toLocaleString('en')} rows`);
    // the area rollups the commune and province boards read (the migration's backfill, for this movement)
    await phase('area_daily_totals + area_movement_totals', async () => {
      const daily = await sql`
        insert into area_daily_totals (movement_id, area_unit_id, day, points, classes, attendees, assists, quizzes)
        select t.movement_id, coalesce(u.commune_id, u.province_id, u.id), t.day, sum(t.points), sum(t.classes), sum(t.attendees), sum(t.assists), sum(t.quizzes)
        from unit_daily_totals t join units u on u.id = t.unit_id where t.movement_id = ${M.id} group by 1, 2, 3`;
      const totals = await sql`
        insert into area_movement_totals (movement_id, area_unit_id, points, classes, attendees, assists, quizzes)
        select t.movement_id, coalesce(u.commune_id, u.province_id, u.id), sum(t.points), sum(t.classes), sum(t.attendees), sum(t.assists), sum(t.quizzes)
        from unit_movement_totals t join units u on u.id = t.unit_id where t.movement_id = ${M.id} group by 1, 2`;
      return { daily: daily.count, totals: totals.count };
    }, (r) => `${r.daily.toLocaleString('en')} area-days, ${r.totals.toLocaleString('en')} areas`);
    const indexTimings = await phase('rebuild keys + indexes', () => rebuildIndexes(sql, ddl));
    const fkTimings = await phase('rebuild foreign keys (validated)', () => rebuildForeignKeys(sql, ddl.fks));
    await sql.unsafe(`drop table if exists bench_unit_plan`);
    await phase('vacuum (analyze)', () => vacuumAnalyze(sql));
    const check = await phase('verify', () => verify(sql), (r) => `ledger = daily = totals = ${r.ledger_points} points; ${r.capped} awards cut by the daily cap`);
    const seconds = (performance.now() - started) / 1000;
    const size = await sizes(sql);

    const marker: SeedMarker = { activities: opts.activities, units: units.total, movementId: M.id, seededAt: new Date().toISOString(), seconds };
    await sql.unsafe(`comment on database ${dbName} is ${q(SEED_MARKER + JSON.stringify(marker))}`);

    console.log(`\nbench:seed — ${dbName}: ${opts.activities.toLocaleString('en')} activities, ${units.total.toLocaleString('en')} units, ${seconds.toFixed(1)} s in all`);
    console.log('phase                                  seconds  note');
    for (const p of phases) console.log(`${p.name.padEnd(38)} ${p.seconds.toFixed(1).padStart(7)}  ${p.note ?? ''}`);
    console.log(`\ndatabase size (pg_database_size): ${size.pretty} (${size.bytes.toLocaleString('en')} bytes)`);
    console.log('table                  rows (est.)   table      indexes    total');
    for (const t of size.tables)
      console.log(`${t.table.padEnd(22)} ${Number(t.rows).toLocaleString('en').padStart(12)}  ${mb(t.table_bytes).padStart(9)}  ${mb(t.index_bytes).padStart(9)}  ${t.total}`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = resolve(RESULTS_DIR, `seed-${stamp()}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          kind: 'bench:seed',
          at: new Date().toISOString(),
          database: dbName,
          options: opts,
          seconds,
          phases,
          reference,
          units,
          plan,
          loaded,
          indexTimings,
          fkTimings,
          verify: check,
          size,
          dayWeights: dayWeights(),
        },
        null,
        2,
      ),
    );
    console.log(`\nwritten ${relative(ROOT, file)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
