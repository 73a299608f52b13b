/** The desk's only stylesheet, served at /desk/desk.css (the CSP allows styles from the desk itself only). */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --accent: #0f766e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f9fafb; }
header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
header.top nav { display: flex; gap: .8rem; flex: 1; }
header.top nav a { color: var(--ink); text-decoration: none; padding: .2rem .4rem; border-radius: 4px; }
header.top nav a[aria-current="page"] { background: var(--accent); color: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h2 small, small { color: var(--muted); font-weight: normal; }
a { color: var(--accent); }
.badge { background: #fef3c7; border-radius: 4px; padding: .1rem .4rem; font-size: .85rem; }
.totals { display: flex; flex-wrap: wrap; gap: 1.2rem; list-style: none; padding: 0; }
.totals strong { font-size: 1.3rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .8rem; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
svg.chart { width: 100%; height: auto; display: block; }
.legend { display: flex; gap: 1rem; list-style: none; padding: 0; margin: .4rem 0 0; font-size: .9rem; }
.swatch { vertical-align: -1px; }
.note, .intro { color: var(--muted); }
.notice { background: #ecfeff; border-left: 4px solid var(--accent); padding: .5rem .8rem; }
.notice.error { background: #fef2f2; border-color: #b91c1c; }
.notice.ok { background: #f0fdf4; border-color: #15803d; }
.group { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem 1rem; margin: 1rem 0; }
.question { border-top: 1px solid var(--line); padding: .6rem 0; }
.question h3 { font-size: 1rem; margin: .3rem 0; }
.tags { color: #b91c1c; font-size: .85rem; margin: 0; }
.nearest-label { margin: .4rem 0 0; font-size: .85rem; color: var(--muted); }
blockquote { margin: .3rem 0; padding: .3rem .8rem; border-left: 3px solid var(--line); background: #f9fafb; }
.actions { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; }
form.attach, form.logout { display: inline; margin: 0; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; padding: .3rem .8rem; }
button.link, form.logout button { background: none; color: var(--accent); border: none; padding: 0; text-decoration: underline; }
input[type=text], input[type=password] { font: inherit; padding: .3rem .5rem; border: 1px solid #d1d5db; border-radius: 6px; min-width: 20rem; }
.record { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .4rem .8rem; margin: .5rem 0; }
.record.quote { border-left: 4px solid var(--accent); }
.record:target { outline: 3px solid #f59e0b; }
.rid { float: right; color: var(--muted); font-size: .8rem; margin: 0; }
.speaker { color: var(--muted); margin: 0; }
.context { font-size: .85rem; color: var(--muted); }
.asked { font-size: .9rem; color: #374151; margin: .2rem 0; }
.path, .jobs-line, .meta { color: var(--muted); margin: 0; font-size: .9rem; }
.exposure { font-size: .8rem; font-weight: normal; border-radius: 4px; padding: .05rem .35rem; }
.exposure.threatened { background: #fee2e2; } .exposure.evolving { background: #ffedd5; } .exposure.resisting { background: #dcfce7; }
.documents li, .jobs li { margin: .4rem 0; }
.verdict { font-weight: 600; font-size: 1.1rem; }
.verdict.direct { color: #15803d; } .verdict.closest { color: #b45309; } .verdict.refused { color: #b91c1c; }
.hits li { margin: .5rem 0; }
.hits li.target { background: #f0fdf4; }
body.login main { max-width: 28rem; margin-top: 10vh; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
body.login label { display: block; margin: 1rem 0; }
body.login input { width: 100%; min-width: 0; }
`
