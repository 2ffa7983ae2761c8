"""``seedlint report``: the corpus at a glance, as one self-contained HTML file.

The page is rendered here, in Python: totals, the review calendar, freshness, the pay
ranges of each role and region with outliers marked, and the guide table. Charts are
server-side SVG, each beside a table of its data. The guide table is the only part
drawn by script: its rows come from JSON embedded in the page and are shown a page at a
time, so the DOM stays small for 100,000 guides. The page loads nothing: inline styles
and script, and a Content-Security-Policy that forbids every request.

Every string from a guide, a file name or a configuration is escaped: ``html.escape``
in markup, and JSON with ``<``, ``>`` and ``&`` as ``\\u003c`` … inside the script.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import statistics
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from . import DOCS_URL, __version__

if TYPE_CHECKING:
    from .model import Diagnostic
    from .registry import Rule
    from .rules.report_facts import ReportFacts

SEVERITY_ORDER = ("error", "warning", "info")
PAGE_ROWS = 100  # guide rows drawn at once
MAX_GROUPS = 60  # role × region groups charted (the largest)
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _json(value: Any) -> str:
    """JSON safe inside <script>: no '</script>', no '<!--', no HTML entities."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace(
        "\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _href(path: str, base: str) -> str:
    """A link from the report's folder to a guide (relative; escaped by the caller)."""
    from urllib.parse import quote

    rel = os.path.relpath(os.path.abspath(path), base) if not path.startswith("<") else path
    return quote(rel.replace(os.sep, "/").encode("utf-8", "surrogateescape"), safe="/._-~")


def _doc_link(code: str, rules: dict[str, Rule]) -> str:
    r = rules.get(code)
    anchor = f"{code.lower()}-{r.name}" if r else code.lower()
    return f'<a href="{_e(DOCS_URL)}#{_e(anchor)}" rel="noreferrer">{_e(code)}</a>'


# --------------------------------------------------------------------------- charts


def _bars(title: str, items: Sequence[tuple[str, int]], color: str = "#3b6ea5") -> str:
    """A horizontal bar chart as inline SVG (the table beside it carries the same data)."""
    width, label_w, bar_h = 520, 170, 20
    top = max((n for _, n in items), default=0) or 1
    rows = []
    for i, (label, n) in enumerate(items):
        y = i * (bar_h + 6)
        w = round((width - label_w - 60) * n / top)
        rows.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(label)}</text>'
                    f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{color}"></rect>'
                    f'<text x="{label_w + w + 4}" y="{y + 15}">{n:,}</text>')
    height = max(len(items) * (bar_h + 6), bar_h)
    return (f'<svg role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], cls: str = "data", raw: bool = False) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c if raw else _e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _figure(title: str, chart: str, table: str) -> str:
    return f'<figure><figcaption>{_e(title)}</figcaption><div class="pair">{chart}<div class="beside">{table}</div></div></figure>'


def _ranges_svg(groups: list[dict[str, Any]]) -> str:
    """Each group's base range (min to max of the guides' base_low … base_high, the
    middle half darker, the median a tick), outliers as red dots; on a log scale."""
    import math

    width, label_w, row_h = 760, 340, 18
    values = [v for g in groups for v in (g["min"], g["max"], *g["outliers"]) if v > 0]
    if not values:
        return ""
    lo, hi = math.log10(min(values)) - 0.05, math.log10(max(values)) + 0.05

    def x(v: float) -> float:
        return label_w + (width - label_w - 20) * (math.log10(max(v, 1e-9)) - lo) / (hi - lo or 1)

    parts = []
    for i, g in enumerate(groups):
        y = i * row_h
        label = g["label"] if len(g["label"]) <= 48 else g["label"][:47] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{_e(label)}<title>{_e(g["label"])}</title></text>'
                     f'<line x1="{x(g["min"]):.1f}" x2="{x(g["max"]):.1f}" y1="{y + 8}" y2="{y + 8}" stroke="#8aa"></line>'
                     f'<rect x="{x(g["p25"]):.1f}" y="{y + 3}" width="{max(x(g["p75"]) - x(g["p25"]), 1):.1f}" height="10" fill="#3b6ea5"></rect>'
                     f'<line x1="{x(g["median"]):.1f}" x2="{x(g["median"]):.1f}" y1="{y + 1}" y2="{y + 15}" stroke="#000"></line>')
        parts.extend(f'<circle cx="{x(v):.1f}" cy="{y + 8}" r="4" fill="#c0392b"><title>outlier {v:,.0f}</title></circle>'
                     for v in g["outliers"])
    height = len(groups) * row_h
    return (f'<svg role="img" aria-label="Base pay ranges by role and region" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


# --------------------------------------------------------------------------- the page


def render(diagnostics: list[Diagnostic], facts: list[ReportFacts], paths: Sequence[str], rules: dict[str, Rule],
           today: dt.date, out_dir: str) -> str:
    """The whole report as one HTML document."""
    from .rules.report_facts import REPORT_FIELDS

    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    info = {f.path: f for f in facts}
    sev = Counter(d.severity for d in diagnostics)
    per_rule = Counter(d.code for d in diagnostics)
    guides = list(dict.fromkeys(paths))
    clean = sum(1 for p in guides if p not in by_path)

    # --- review calendar and freshness
    buckets: dict[str, list[tuple[str, int | None]]] = {
        "overdue": [], "due within 30 days": [], "due within 90 days": [], "later": [], "no date": []}
    months: Counter[str] = Counter()
    for p in guides:
        f = info.get(p)
        due = dt.date.fromisoformat(f.next_review_due) if f and f.next_review_due else None
        if due is None:
            buckets["no date"].append((p, None))
        else:
            days = (due - today).days
            key = "overdue" if days < 0 else "due within 30 days" if days <= 30 else "due within 90 days" if days <= 90 else "later"
            buckets[key].append((p, days))
        if f and f.last_updated:
            months[f.last_updated[:7]] += 1
    calendar_rows = []
    for key in ("overdue", "due within 30 days", "due within 90 days"):
        for p, when in sorted(buckets[key], key=lambda t: t[1] if t[1] is not None else 0)[:200]:
            f = info[p]
            calendar_rows.append((key, f'<a href="{_e(_href(p, out_dir))}">{_e(p)}</a>', _e(f.company or ""),
                                  _e(f.role or ""), _e(f.next_review_due or ""),
                                  _e(f"{-when} days ago" if when is not None and when < 0 else f"in {when} days")))
    shown_calendar = sum(min(len(buckets[k]), 200) for k in ("overdue", "due within 30 days", "due within 90 days"))
    total_calendar = sum(len(buckets[k]) for k in ("overdue", "due within 30 days", "due within 90 days"))

    # --- pay ranges per role × region × currency, outliers from SL703
    outliers: dict[tuple[str, int], list[Diagnostic]] = {}
    for d in diagnostics:
        if d.code == "SL703":
            outliers.setdefault((d.path, d.line), []).append(d)
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    lo_i, hi_i = REPORT_FIELDS.index("base_low"), REPORT_FIELDS.index("base_high")
    for f in facts:
        for line in f.entries.split("\n") if f.entries else ():
            region, cur, values, where = line.split("\x1f")
            nums = [None if v == "-" else float(v) for v in values.split(" ")]
            lines = [None if w == "-" else int(w) for w in where.split(" ")]
            g = groups.setdefault(((f.role or "?"), region, cur), {"lows": [], "highs": [], "out": []})
            lo, hi = nums[lo_i], nums[hi_i]
            if lo is not None and hi is not None and lo > 0 and hi > 0:
                g["lows"].append(lo)
                g["highs"].append(hi)
            for i in (lo_i, hi_i):
                v = nums[i]
                if v is not None and (f.path, lines[i]) in outliers:
                    g["out"].append(v)
    charted = []
    for (role, region, cur), g in sorted(groups.items(), key=lambda kv: (-len(kv[1]["lows"]), kv[0]))[:MAX_GROUPS]:
        if not g["lows"]:
            continue
        mids = sorted((a + b) / 2 for a, b in zip(g["lows"], g["highs"]))
        q = statistics.quantiles(mids, n=4) if len(mids) >= 2 else [mids[0]] * 3
        charted.append({"label": f"{role} · {region} ({cur})", "min": min(g["lows"]), "max": max(g["highs"]),
                        "p25": q[0], "median": statistics.median(mids), "p75": q[2], "outliers": g["out"],
                        "role": role, "region": region, "cur": cur, "n": len(mids)})

    # --- the guide table's data (drawn by the script, a page at a time)
    rule_codes = sorted(per_rule)
    table = [[p, _href(p, out_dir), (info[p].company if p in info else None) or "", (info[p].role if p in info else None) or "",
                    *(sum(1 for d in by_path.get(p, ()) if d.severity == s) for s in SEVERITY_ORDER),
                    (info[p].last_updated if p in info else None) or "", (info[p].next_review_due if p in info else None) or ""]
             for p in guides]
    data: dict[str, Any] = {
        "guides": table,
        "findings": [[guides_index, d.line, d.column, d.code, d.severity, d.message]
                     for guides_index, p in enumerate(guides) for d in by_path.get(p, ())],
        "rules": {c: [rules[c].name if c in rules else "", f"{DOCS_URL}#{c.lower()}-{rules[c].name}" if c in rules else ""]
                  for c in rule_codes},
        "page": PAGE_ROWS,
    }
    companies = sorted({str(g[2]) for g in table if g[2]})

    calendar_items = [(k, len(v)) for k, v in buckets.items()]
    month_items = sorted(months.items())
    rule_table = _table(["rule", "name", "findings"],
                        ((_doc_link(c, rules), _e(rules[c].name if c in rules else ""), f"{per_rule[c]:,}") for c in rule_codes),
                        raw=True)
    parts = [
        f"<h1>seedlint report</h1><p class=\"meta\">{len(guides):,} guides · as of {_e(today.isoformat())} · seedlint {_e(__version__)}</p>",
        '<section id="totals"><h2>Totals</h2><dl class="cards">'
        f'<div><dt>guides</dt><dd id="count-guides">{len(guides):,}</dd></div>'
        f'<div><dt>clean</dt><dd id="count-clean">{clean:,}</dd><dd class="sub">{(clean / len(guides) if guides else 1):.0%} of guides</dd></div>'
        f'<div><dt>findings</dt><dd id="count-findings">{len(diagnostics):,}</dd></div>'
        + "".join(f'<div><dt>{s}s</dt><dd id="count-{s}">{sev.get(s, 0):,}</dd></div>' for s in SEVERITY_ORDER)
        + "</dl>",
        (_figure("Findings by rule", _bars("Findings by rule", [(c, per_rule[c]) for c in rule_codes]), rule_table)
         if rule_codes else '<p class="note">No findings.</p>') + "</section>",
        '<section id="calendar"><h2>Review calendar</h2>',
        _figure("Guides by next review", _bars("Guides by next review", calendar_items, "#b7791f"),
                _table(["next review", "guides"], ((k, f"{n:,}") for k, n in calendar_items))),
        (_table(["when", "guide", "company", "role", "next_review_due", ""], calendar_rows, "data calendar", raw=True)
         if calendar_rows else '<p class="note">No guide is overdue or due within 90 days.</p>')
        + (f'<p class="note">{shown_calendar:,} of {total_calendar:,} shown (the nearest 200 of each kind).</p>'
           if shown_calendar < total_calendar else "") + "</section>",
        '<section id="freshness"><h2>Freshness</h2>',
        _figure("Guides by last_updated month", _bars("Guides by last_updated month", month_items, "#2f855a"),
                _table(["last_updated", "guides"], ((m, f"{n:,}") for m, n in month_items))) + "</section>",
        '<section id="ranges"><h2>Pay ranges by role and region</h2>'
        "<p class=\"note\">Base pay (low to high) of each guide; the bar is the middle half of the guides' midpoints, "
        "the tick their median, red dots the values SL703 reports. Log scale"
        + (f"; the {MAX_GROUPS} largest groups" if len(groups) > MAX_GROUPS else "") + ".</p>",
        _figure("Base pay by role and region", _ranges_svg(charted),
                _table(["role", "region", "currency", "guides", "lowest", "median midpoint", "highest", "outliers"],
                       ((g["role"], g["region"], g["cur"], f"{g['n']:,}", f"{g['min']:,.0f}", f"{g['median']:,.0f}",
                         f"{g['max']:,.0f}", ", ".join(f"{v:,.0f}" for v in g["outliers"])) for g in charted))) + "</section>",
        '<section id="guides"><h2>Guides</h2><div class="controls">'
        '<label>Search <input id="q" type="search" placeholder="path, company, role, message"></label>'
        '<label>Company <select id="company"><option value="">all</option>'
        + "".join(f"<option>{_e(c)}</option>" for c in companies) + "</select></label>"
        '<label>Rule <select id="rule"><option value="">all</option>'
        + "".join(f'<option value="{_e(c)}">{_e(c)} {_e(rules[c].name if c in rules else "")}</option>' for c in rule_codes)
        + "</select></label>"
        '<label>Severity <select id="severity"><option value="">all</option>'
        + "".join(f"<option>{s}</option>" for s in SEVERITY_ORDER) + '<option value="clean">clean</option></select></label>'
        '<span id="shown" aria-live="polite"></span></div>'
        '<table class="data" id="guide-table"><thead><tr>'
        + "".join(f'<th><button type="button" data-key="{k}">{_e(label)}</button></th>'
                  for k, label in ((0, "guide"), (2, "company"), (3, "role"), (4, "errors"), (5, "warnings"),
                                   (6, "infos"), (7, "last_updated"), (8, "next_review_due")))
        + '</tr></thead><tbody id="rows"></tbody></table>'
        '<div class="pager"><button type="button" id="prev">previous</button> <span id="pageinfo"></span> '
        '<button type="button" id="next">next</button></div></section>',
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>seedlint report · {len(guides):,} guides</title><style>{STYLE}</style></head><body>"
        + "".join(parts)
        + f'<script type="application/json" id="data">{_json(data)}</script><script>{SCRIPT}</script></body></html>\n'
    )


STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#1a202c}
h1{margin:0}h2{margin-top:32px;border-bottom:1px solid #ddd}.meta,.note,.sub{color:#555}
.cards{display:flex;flex-wrap:wrap;gap:12px}.cards div{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.cards dt{color:#555}.cards dd{margin:0;font-size:22px;font-weight:600}.cards dd.sub{font-size:12px;font-weight:400}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:6px}.pair{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.beside{max-height:420px;overflow:auto}svg text{font:12px system-ui,sans-serif}
table.data{border-collapse:collapse}table.data th,table.data td{border-bottom:1px solid #eee;padding:3px 8px;text-align:left;vertical-align:top}
table.data th button{all:unset;cursor:pointer;font-weight:600}th button::after{content:" ↕";color:#aaa}
.controls{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}.findings{margin:0;padding-left:18px}.findings li{margin:2px 0}
.sev-error{color:#c0392b}.sev-warning{color:#b7791f}.sev-info{color:#2b6cb0}.pager{margin:8px 0}tr.open td{background:#f7fafc}
"""

SCRIPT = r"""
(function(){
"use strict";
var data=JSON.parse(document.getElementById("data").textContent);
var G=data.guides,F=data.findings,R=data.rules,PAGE=data.page;
var byGuide=G.map(function(){return [];});
F.forEach(function(f){byGuide[f[0]].push(f);});
var st={key:0,dir:1,page:0};
var $=function(id){return document.getElementById(id);};
function el(tag,text,cls){var e=document.createElement(tag);if(text!==undefined)e.textContent=text;if(cls)e.className=cls;return e;}
function matches(i){
  var g=G[i],q=$("q").value.trim().toLowerCase(),c=$("company").value,r=$("rule").value,s=$("severity").value;
  if(c&&g[2]!==c)return false;
  if(r&&!byGuide[i].some(function(f){return f[3]===r;}))return false;
  if(s==="clean"&&byGuide[i].length)return false;
  if(s&&s!=="clean"&&!byGuide[i].some(function(f){return f[4]===s;}))return false;
  if(q){var hay=(g[0]+" "+g[2]+" "+g[3]).toLowerCase();
    if(hay.indexOf(q)<0&&!byGuide[i].some(function(f){return (f[3]+" "+f[5]).toLowerCase().indexOf(q)>=0;}))return false;}
  return true;
}
function order(a,b){var x=G[a][st.key],y=G[b][st.key];if(x<y)return -st.dir;if(x>y)return st.dir;return G[a][0]<G[b][0]?-1:1;}
function draw(){
  var idx=[];for(var i=0;i<G.length;i++)if(matches(i))idx.push(i);
  idx.sort(order);
  var pages=Math.max(1,Math.ceil(idx.length/PAGE));if(st.page>=pages)st.page=pages-1;
  var body=$("rows");body.textContent="";
  idx.slice(st.page*PAGE,(st.page+1)*PAGE).forEach(function(i){
    var g=G[i],tr=el("tr");tr.dataset.guide=g[0];
    var td=el("td"),a=el("a",g[0]);a.href=g[1];td.appendChild(a);tr.appendChild(td);
    [2,3,4,5,6,7,8].forEach(function(k){tr.appendChild(el("td",String(g[k])));});
    body.appendChild(tr);
    if(byGuide[i].length){
      var dr=el("tr","", "detail"),dd=el("td");dd.colSpan=8;var ul=el("ul","","findings");
      byGuide[i].forEach(function(f){
        var li=el("li","","sev-"+f[4]),link=el("a",g[0]+":"+f[1]+":"+f[2]);link.href=g[1];
        li.appendChild(link);li.appendChild(document.createTextNode(" "));
        var code=el("a",f[3]);code.href=(R[f[3]]||["",""])[1];code.rel="noreferrer";li.appendChild(code);
        li.appendChild(document.createTextNode(" "+f[4]+": "+f[5]));ul.appendChild(li);});
      dd.appendChild(ul);dr.appendChild(dd);body.appendChild(dr);}
  });
  $("shown").textContent=idx.length.toLocaleString("en")+" of "+G.length.toLocaleString("en")+" guides";
  $("pageinfo").textContent="page "+(st.page+1)+" of "+pages;
  $("prev").disabled=st.page===0;$("next").disabled=st.page>=pages-1;
}
["q","company","rule","severity"].forEach(function(id){$(id).addEventListener("input",function(){st.page=0;draw();});});
document.querySelectorAll("#guide-table th button").forEach(function(b){b.addEventListener("click",function(){
  var k=Number(b.dataset.key);if(st.key===k)st.dir=-st.dir;else{st.key=k;st.dir=k>=4&&k<=6?-1:1;}st.page=0;draw();});});
$("prev").addEventListener("click",function(){st.page--;draw();});
$("next").addEventListener("click",function(){st.page++;draw();});
draw();
})();
"""
