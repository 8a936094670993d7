import { PALETTE } from '../../reports/palette.js';

/**
 * The dashboard's one stylesheet, served from /dashboard/style.css (the CSP forbids inline
 * styles). Readable on a phone (the grid scrolls sideways under a sticky agency column) and on a
 * desk PC. Status colours come from the shared palette (src/reports/palette.ts), as in the chart
 * and the /status picture.
 */
export const DASHBOARD_CSS = `
:root { --done: ${PALETTE.done}; --progress: ${PALETTE.inProgress}; --notstarted: ${PALETTE.notStarted}; --missing: ${PALETTE.missing}; --ontime: ${PALETTE.onTime}; --late: ${PALETTE.late}; --ink: ${PALETTE.text}; --muted: ${PALETTE.muted}; --line: #e0e0e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: var(--ink); background: #fafafa; }
header { background: #0d47a1; color: #fff; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
header .who { margin-left: auto; font-size: .9rem; }
header form { display: inline; }
header button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
main { padding: 1rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin-bottom: 1rem; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .4rem 0; }
.counts b { font-size: 1.15rem; }
progress { width: 100%; height: 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #e8eaf6; font-size: .85rem; }
.scroll { overflow-x: auto; max-width: 100%; }
.grid td.agency, .grid th.agency { position: sticky; left: 0; background: #fff; min-width: 12rem; }
.grid th.agency { background: #e8eaf6; }
.grid tr.group th { background: #f5f5f5; text-align: left; }
.grid tr.totals td { font-weight: 600; background: #f5f5f5; }
td.cell { text-align: center; min-width: 4.5rem; max-width: 8rem; font-size: .85rem; }
th.item { min-width: 5.5rem; max-width: 8.5rem; font-size: .78rem; font-weight: 600; }
td.standing { white-space: nowrap; font-size: .85rem; }
td.done { background: ${PALETTE.doneTint}; } td.in-progress { background: ${PALETTE.inProgressTint}; } td.not-started { background: ${PALETTE.notStartedTint}; } td.none { background: ${PALETTE.track}; color: var(--muted); }
.badge { white-space: nowrap; display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; color: #fff; }
.badge.on-time { background: var(--ontime); } .badge.late { background: var(--late); } .badge.missing { background: ${PALETTE.missingLabel}; } .badge.pending { background: #6a1b9a; }
form.search { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; }
form.search input[type=search] { flex: 1 1 14rem; padding: .35rem; }
.filters a, .pages a { margin-right: .6rem; }
.filters a.on { font-weight: 700; text-decoration: none; color: var(--ink); }
.note { white-space: pre-wrap; }
ul.changes { margin: .2rem 0; padding-left: 1.2rem; }
.notice { max-width: 36rem; margin: 3rem auto; }
@media (max-width: 600px) { main { padding: .5rem; } th, td { padding: .25rem .3rem; font-size: .85rem; } .grid td.agency, .grid th.agency { min-width: 7.5rem; max-width: 9rem; } td.standing .muted { display: none; } th.item { min-width: 4.5rem; } }
`;
