import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { AdminSite, ARTIFACTS } from './helpers/adminSite';
import { launchChromium } from './helpers/chromium';

/**
 * Reports › Calls (issue 16) in Chromium: the module's real dashboard (Analytics Index and Export
 * controllers, CallAnalytics view model, dashboard.phtml, AggregateStats, SVG charts) under PHP's
 * built-in server (test/php/bin/analytics-site.php) on MariaDB, with four weeks of generated raw
 * calls and orders aggregated by the module's Rebuilder. Every figure checked is computed here by
 * SQL over the RAW tables (bandeau_call, sales_order), with the local time of each call from the
 * zone's offsets as Intl gives them: an oracle independent of the aggregates and of PHP's zone code.
 * Screenshots at 1440x900 and 1024x700 in test/.artifacts/.
 */
const ZONE = 'Europe/Paris';
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The zone's UTC offset in minutes at an instant, from Intl (not from PHP or MariaDB). */
function offsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  return Math.round((Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs) / 60_000);
}

/** SQL of a UTC DATETIME column's local time in ZONE between two local dates (a CASE over the offsets' changes). */
function localSql(column: string, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`) - 2 * 86_400_000;
  const end = Date.parse(`${to}T00:00:00Z`) + 3 * 86_400_000;
  const sqlTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  const cases: string[] = [];
  let offset = offsetMinutes(start);
  for (let t = start; t < end; t += 60_000 * 15) {
    const next = offsetMinutes(t + 60_000 * 15);
    if (next !== offset) {
      cases.push(`WHEN ${column} < '${sqlTime(t + 60_000 * 15)}' THEN ${offset}`);
      offset = next;
    }
  }
  return `(${column} + INTERVAL (CASE ${cases.join(' ')} ELSE ${offset} END) MINUTE)`;
}

function hourLabel(hour: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;
}

describe('Reports › Calls: the call analytics dashboard against the raw calls', () => {
  let site: AdminSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await AdminSite.start('test/php/bin/analytics-site.php', { database: true });
    await site.testRoute('reset');
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const open = async (width: number, height: number, query = ''): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> => {
    const tab = await site.adminTab(browser, { viewport: { width, height } });
    await tab.page.goto(site.adminUrl('bandeau/analytics/index', {}, query));
    return { page: tab.page, problems: tab.problems, close: () => tab.context.close() };
  };

  /** The range the page shows (its form's dates). */
  const range = async (page: Page): Promise<{ from: string; to: string }> => ({
    from: await page.locator('form.bandeau-analytics-filter input[name="from"]').inputValue(),
    to: await page.locator('form.bandeau-analytics-filter input[name="to"]').inputValue(),
  });

  /** Ended calls in the range as the raw table has them, with extra conditions. */
  const callsWhere = (from: string, to: string, extra = ''): string =>
    `FROM bandeau_call c WHERE c.disposition IS NOT NULL AND DATE(${localSql('c.started_at', from, to)}) BETWEEN '${from}' AND '${to}'${extra}`;

  const ints = (row: (string | null)[] | undefined): number[] => (row ?? []).map((v) => Number(v ?? 0));

  const totals = async (page: Page): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const el of await page.locator('[data-total]').all()) out[(await el.getAttribute('data-total'))!] = Number(await el.getAttribute('data-value'));
    return out;
  };

  const block = (page: Page, name: string): Locator => page.locator(`section[data-analytics-block="${name}"]`);

  /** A block's table as shown: header texts, then each row's cells (text, data-value or null). */
  const table = async (page: Page, name: string): Promise<{ columns: string[]; rows: { text: string; value: string | null }[][] }> =>
    block(page, name).locator('table').evaluate((t) => ({
      columns: Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent!.trim()),
      rows: Array.from(t.querySelectorAll('tbody tr'))
        .filter((tr) => !tr.querySelector('.bandeau-analytics-empty'))
        .map((tr) => Array.from(tr.children).map((cell) => ({ text: cell.textContent!.trim(), value: cell.getAttribute('data-value') }))),
    }));

  const rowOf = async (page: Page, name: string, ...firstCells: string[]): Promise<{ text: string; value: string | null }[]> => {
    const { rows } = await table(page, name);
    const row = rows.find((r) => firstCells.every((text, i) => r[i]?.text === text));
    if (!row) throw new Error(`${name}: no row ${firstCells.join(' / ')} in ${JSON.stringify(rows.map((r) => r.map((c) => c.text)))}`);
    return row;
  };

  it('shows totals, a heat-map cell, a DST day, an agent, the sales and the unknown callers as the raw calls give them; charts have a title and a description', async () => {
    const { page, problems, close } = await open(1440, 900);
    // The Index controller's page: its title, under Reports › Calls.
    expect(await page.locator('.page-header h1').textContent()).toBe('Call Analytics');
    expect(await page.locator('.page-header').getAttribute('data-active-menu')).toBe('Bandeau_Cti::analytics');
    const { from, to } = await range(page);
    expect([from, to]).toEqual(['2026-03-14', '2026-04-12']); // the last 30 local days before the site's clock
    // Built by the Rebuilder in the reporting zone, nothing corrected: no notice.
    expect(await page.locator('.bandeau-analytics-notice').count()).toBe(0);

    // Totals.
    const [all] = await site.sql(`SELECT COUNT(*), SUM(disposition = 'answered'), SUM(disposition = 'missed'), SUM(disposition = 'abandoned') ${callsWhere(from, to)}`);
    const [calls, answered, missed, abandoned] = ints(all);
    expect(calls).toBeGreaterThan(1000);
    const shown = await totals(page);
    expect({ calls: shown.calls, answered: shown.answered, missed: shown.missed, abandoned: shown.abandoned }).toEqual({ calls, answered, missed, abandoned });
    expect(shown.answerRate).toBeCloseTo(answered! / calls!, 4);
    // The text shown is that number, grouped for reading.
    expect((await page.locator('[data-total="calls"]').textContent())!.replace(/\D/g, '')).toBe(String(calls));

    // The heat map's busiest cell (day of week × local hour), in its table and in the chart.
    const local = localSql('c.started_at', from, to);
    const [busiest] = await site.sql(
      `SELECT WEEKDAY(${local}) + 1 AS dow, HOUR(${local}) AS h, COUNT(*) AS n, SUM(c.disposition IN ('missed', 'abandoned')) ${callsWhere(from, to)} GROUP BY dow, h ORDER BY n DESC, dow, h LIMIT 1`,
    );
    const [dow, hour, cellCalls, cellMissed] = ints(busiest);
    const cell = await rowOf(page, 'heatmap', DAYS[dow! - 1]!, hourLabel(hour!));
    expect(cell.slice(2).map((c) => Number(c.value))).toEqual([cellCalls, cellMissed]);
    const cellTitles = await block(page, 'heatmap').locator('svg title').allTextContents();
    expect(cellTitles.find((t) => t.startsWith(`${DAYS[dow! - 1]} ${hourLabel(hour!)}`))).toContain(`${cellCalls} calls`);

    // A daily point: the DST change day (23 local hours) and the days around it, with night calls
    // (local 00:xx is the day before in UTC).
    for (const date of ['2026-03-28', '2026-03-29', '2026-03-30']) {
      const [day] = await site.sql(`SELECT COUNT(*), SUM(disposition = 'answered'), SUM(disposition = 'missed'), SUM(disposition = 'abandoned') ${callsWhere(date, date)}`);
      expect((await rowOf(page, 'daily', date)).slice(1).map((c) => Number(c.value))).toEqual(ints(day));
    }

    // An agent's row: answered by them, transferred to their extension, talk time.
    const [ann] = await site.sql(
      `SELECT CONCAT(u.firstname, ' ', u.lastname), u.bandeau_extension FROM admin_user u WHERE u.username = 'ann'`,
    );
    const [annName, annExtension] = ann as string[];
    const [annCalls] = await site.sql(`SELECT SUM(disposition = 'answered'), SUM(talk_s) ${callsWhere(from, to, " AND c.agent_user_id = (SELECT user_id FROM admin_user WHERE username = 'ann')")}`);
    const [annTransfers] = await site.sql(`SELECT COUNT(*) ${callsWhere(from, to, ` AND c.transferred_to = '${annExtension}'`)}`);
    const [annAnswered, annTalk] = ints(annCalls);
    const [annIn] = ints(annTransfers);
    expect(annIn).toBeGreaterThan(0);
    const agentRow = await rowOf(page, 'byAgent', annName!);
    expect(agentRow.map((c) => c.value)).toEqual([null, String(annAnswered), String(annIn), String(annAnswered! + annIn!), null, String(annTalk), expect.any(String)]);
    // A name with markup is text.
    expect(await block(page, 'byAgent').locator('table b').count()).toBe(0);
    expect(await rowOf(page, 'byAgent', 'Chloé Petit <b>')).toBeTruthy();

    // Calls that sold: each order (not canceled) goes to the customer's latest answered call at most 7 days before it.
    const sold = `FROM sales_order o JOIN bandeau_call c ON c.customer_id = o.customer_id AND c.disposition = 'answered'
      AND c.started_at < o.created_at AND o.created_at <= c.started_at + INTERVAL 7 DAY
      WHERE o.state <> 'canceled' AND NOT EXISTS (SELECT 1 FROM bandeau_call n WHERE n.customer_id = o.customer_id
        AND n.disposition = 'answered' AND n.started_at < o.created_at AND o.created_at <= n.started_at + INTERVAL 7 DAY
        AND (n.started_at > c.started_at OR (n.started_at = c.started_at AND n.entity_id > c.entity_id)))
      AND DATE(${local}) BETWEEN '${from}' AND '${to}'`;
    const [sales] = await site.sql(`SELECT COUNT(*), ROUND(SUM(o.base_grand_total), 2) ${sold}`);
    expect([shown.salesOrders, shown.salesRevenue]).toEqual([Number(sales![0]), Number(sales![1])]);
    const [annSales] = await site.sql(`SELECT COUNT(*), ROUND(SUM(o.base_grand_total), 2) ${sold} AND c.agent_user_id = (SELECT user_id FROM admin_user WHERE username = 'ann')`);
    expect((await rowOf(page, 'sales', 'Agent', annName!)).slice(2).map((c) => Number(c.value))).toEqual(ints(annSales));

    // Top caller without an account.
    const [top] = await site.sql(
      `SELECT c.party_key, COUNT(*) AS n, SUM(c.disposition IN ('missed', 'abandoned')), MAX(c.started_at) ${callsWhere(from, to, " AND c.direction = 'inbound' AND c.customer_id IS NULL AND c.party_key IS NOT NULL")} GROUP BY c.party_key ORDER BY n DESC, c.party_key LIMIT 1`,
    );
    const first = (await table(page, 'unknownCallers')).rows[0]!;
    expect(first.map((c) => c.text)).toEqual([top![0], top![1], top![2], top![3]]);

    // Every chart: an image with its title and description (role="img", aria-labelledby).
    const charts = await page.locator('section[data-analytics-block] svg').evaluateAll((svgs) => svgs.map((svg) => {
      const ids = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      return {
        role: svg.getAttribute('role'),
        labels: ids.map((id) => { const el = svg.querySelector(`#${CSS.escape(id)}`); return el ? `${el.tagName}:${el.textContent!.trim().length > 0}` : `missing ${id}`; }),
      };
    }));
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) expect(chart).toEqual({ role: 'img', labels: ['title:true', 'desc:true'] });

    // Plurals: an hour with one call says "1 call", not "1 calls".
    const [single] = await site.sql(
      `SELECT WEEKDAY(${local}) + 1 AS dow, HOUR(${local}) AS h, COUNT(*) AS n ${callsWhere(from, to)} GROUP BY dow, h HAVING n = 1 ORDER BY dow, h LIMIT 1`,
    );
    const [oneDow, oneHour] = ints(single);
    expect(cellTitles.find((t) => t.startsWith(`${DAYS[oneDow! - 1]} ${hourLabel(oneHour!)}`))).toMatch(/: 1 call; /);
    expect(cellTitles.join('\n')).not.toMatch(/\b1 calls\b/);

    // Layout at 1440: a long table beside its chart is as tall as the chart and scrolls (no gap under the
    // chart); a table alone is as wide as its columns, not the page; route headers and names on one line.
    for (const name of ['heatmap', 'daily']) {
      const [chartBox, tableBox, scrolls] = await Promise.all([
        block(page, name).locator('figure').boundingBox(),
        block(page, name).locator('.bandeau-analytics-table').boundingBox(),
        block(page, name).locator('.bandeau-analytics-table').evaluate((el) => el.scrollHeight > el.clientHeight),
      ]);
      expect([name, tableBox!.x > chartBox!.x + chartBox!.width, scrolls]).toEqual([name, true, true]);
      expect(Math.abs(tableBox!.y + tableBox!.height - (chartBox!.y + chartBox!.height))).toBeLessThanOrEqual(2);
    }
    for (const name of ['missedHours', 'sales', 'unknownCallers']) {
      const [tableWidth, blockWidth] = await Promise.all([
        block(page, name).locator('table').evaluate((t) => t.getBoundingClientRect().width),
        block(page, name).evaluate((b) => b.getBoundingClientRect().width),
      ]);
      expect([name, tableWidth < blockWidth * 0.6]).toEqual([name, true]);
    }
    // Row headers (a day, a route) read as cells of their row, not as column headers, under Magento's
    // .data-grid styles (every th dark there).
    const rowHeaders = await page.locator('.bandeau-analytics-table tbody th').evaluateAll((ths) => [...new Set(ths.map((th) => {
      const style = getComputedStyle(th);
      return `${style.backgroundColor} ${style.color} ${style.fontWeight}`;
    }))]);
    expect(rowHeaders).toEqual(['rgba(0, 0, 0, 0) rgb(48, 48, 48) 400']);
    const wrapped = await page.locator('section[data-analytics-block^="by"] th').evaluateAll((ths) => ths
      .filter((th) => th.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(th).lineHeight) + 12)
      .map((th) => th.textContent!.trim()));
    expect(wrapped).toEqual([]);

    await page.screenshot({ path: path.join(ARTIFACTS, 'analytics-1440x900.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'analytics-full-1440x900.png'), fullPage: true });

    // Print: no filter nor export links, every row of every table on paper (nothing left in a scroll box).
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.bandeau-analytics-filter').isVisible()).toBe(false);
    expect(await page.locator('a.bandeau-analytics-export').evaluateAll((links) => links.filter((a) => a.getBoundingClientRect().height > 0).length)).toBe(0);
    const clipped = await page.locator('.bandeau-analytics-table').evaluateAll((boxes) => boxes
      .filter((el) => el.scrollHeight > el.clientHeight + 1)
      .map((el) => el.closest('section')!.getAttribute('data-analytics-block')));
    expect(clipped).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'analytics-print-1440x900.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await close();
  }, 120_000);

  it('the agent and direction filters change the figures as the raw calls say', async () => {
    const { page, problems, close } = await open(1440, 900);
    const { from, to } = await range(page);
    const form = page.locator('form.bandeau-analytics-filter');

    const [bruno] = await site.sql("SELECT user_id FROM admin_user WHERE username = 'bruno'");
    await form.locator('select[name="agent"]').selectOption(bruno![0]!);
    await Promise.all([page.waitForURL(/agent=/), form.locator('button[type="submit"]').click()]);
    expect(new URL(page.url()).searchParams.get('agent')).toBe(bruno![0]);
    const [agentCalls] = await site.sql(`SELECT COUNT(*), SUM(disposition = 'answered') ${callsWhere(from, to, ` AND c.agent_user_id = ${Number(bruno![0])}`)}`);
    let shown = await totals(page);
    expect([shown.calls, shown.answered]).toEqual(ints(agentCalls));
    expect(await form.locator('select[name="agent"]').inputValue()).toBe(bruno![0]);

    await form.locator('select[name="agent"]').selectOption('0');
    await form.locator('select[name="direction"]').selectOption('inbound');
    await Promise.all([page.waitForURL(/direction=inbound/), form.locator('button[type="submit"]').click()]);
    const [inbound] = await site.sql(`SELECT COUNT(*), SUM(disposition = 'answered'), SUM(disposition = 'missed'), SUM(disposition = 'abandoned') ${callsWhere(from, to, " AND c.direction = 'inbound'")}`);
    shown = await totals(page);
    expect([shown.calls, shown.answered, shown.missed, shown.abandoned]).toEqual(ints(inbound));
    const [inboundDay] = await site.sql(`SELECT COUNT(*) ${callsWhere('2026-03-29', '2026-03-29', " AND c.direction = 'inbound'")}`);
    expect((await rowOf(page, 'daily', '2026-03-29'))[1]!.value).toBe(inboundDay![0]);
    expect(problems).toEqual([]);
    await close();
  }, 120_000);

  it('each CSV export is the table shown, with the page\'s filter', async () => {
    const { page, problems, close } = await open(1440, 900, 'direction=inbound');
    const cookie = 'admin_session=ok';
    for (const name of ['heatmap', 'daily', 'missedHours', 'byRoute', 'byQueue', 'byAgent', 'sales', 'campaigns', 'unknownCallers']) {
      const href = await block(page, name).locator('a.bandeau-analytics-export').getAttribute('href');
      expect(new URL(href!).searchParams.get('direction')).toBe('inbound');
      const res = await fetch(href!, { headers: { cookie } });
      expect([name, res.status, res.headers.get('content-type')]).toEqual([name, 200, 'text/csv; charset=utf-8']);
      const csv = parseCsv(await res.text());
      const shown = await table(page, name);
      expect(csv).toEqual([shown.columns, ...shown.rows.map((r) => r.map((c) => c.value ?? c.text))]);
    }
    // An unknown block is refused; the export needs the URL's secret key as the page does.
    const bad = new URL((await block(page, 'daily').locator('a.bandeau-analytics-export').getAttribute('href'))!);
    bad.searchParams.set('block', 'orders');
    expect((await fetch(bad, { headers: { cookie } })).status).toBe(400);
    const keyless = new URL(bad.href.replace('/key/a1b2c3/', '/key/0000/'));
    keyless.searchParams.set('block', 'daily');
    expect((await fetch(keyless, { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
    expect(problems).toEqual([]);
    await close();
  }, 120_000);

  it('a call recorded through the Aggregator shows on reload; the page fits 1024x700', async () => {
    const { page, problems, close } = await open(1024, 700);
    const before = await totals(page);
    await site.testRoute('call?party=%2B33140000009');
    await page.reload();
    const after = await totals(page);
    expect([after.calls, after.missed]).toEqual([before.calls! + 1, before.missed! + 1]);
    expect((await rowOf(page, 'unknownCallers', '+33140000009')).map((c) => c.text)).toEqual(['+33140000009', '1', '1', '2026-04-12 15:00:00']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'analytics-1024x700.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'analytics-full-1024x700.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  }, 120_000);
});

/** RFC 4180 CSV (quoted fields, doubled quotes) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
