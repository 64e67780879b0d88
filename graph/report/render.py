"""Markdown and HTML views of a :class:`~ssbkg.report.model.Report`.

Every run from the data is escaped here and nowhere else: Markdown gets
HTML entities for ``& < >`` and backslashes before the other punctuation
Markdown gives a meaning to; HTML goes through :func:`html.escape`. Numbers
carry links to their sources' entries (``#src-<id>``) in the last section.
"""

from __future__ import annotations

import html
import re

__all__ = ["to_markdown", "to_html", "md_escape", "anchor"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md_escape(text) -> str:
    """Text safe to paste into Markdown: no markup, no HTML, one line.

    Examples
    --------
    >>> md_escape("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> md_escape("a|b *c*")
    'a\\\\|b \\\\*c\\\\*'
    """
    text = re.sub(r"\s+", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def anchor(source_id: str) -> str:
    """The fragment id of a source entry (only letters, digits, ``-`` and ``_``).

    Examples
    --------
    >>> anchor("pf-01"), anchor('x"><script>')
    ('src-pf-01', 'src-x---script-')
    """
    return "src-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(source_id))


def _refs(report, src):
    refs = report.content.get("source_refs", {})
    return [(refs.get(s, s), anchor(s)) for s in src]


# ------------------------------------------------------------------ markdown

def _md_run(report, run) -> str:
    if isinstance(run, str):
        return md_escape(run)
    if isinstance(run, list):
        return "".join(_md_run(report, r) for r in run)
    if run is None:
        return ""
    if "num" in run:
        text = md_escape(run["text"])
    elif "name" in run:
        text = md_escape(run["name"]) + ("†" if run.get("fallback") else "")
    else:
        text = ""
    src = run.get("src") or run.get("cite") or []
    if src and ("num" in run or "cite" in run):
        links = " ".join(f"[{ref}](#{a})" for ref, a in _refs(report, src))
        text = f"{text} {links}" if text else f" {links}"
    return text


def _md_line(text: str) -> str:
    """Escape what would start a list, heading or quote at the start of a line."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def _md_block(report, block) -> list:
    kind = block["type"]
    if kind == "p":
        return [_md_line(_md_run(report, block["runs"])), ""]
    if kind == "note":
        return ["> " + _md_run(report, block["runs"]), ""]
    if kind == "figure":
        return [f"*{md_escape(block['caption'])}* {md_escape(block.get('where', ''))}", ""]
    if kind == "table":
        lines = ["| " + " | ".join(md_escape(h) for h in block["headers"]) + " |",
                 "|" + "---|" * len(block["headers"])]
        for row in block["rows"]:
            lines.append("| " + " | ".join(_md_run(report, c) or " " for c in row) + " |")
        return lines + [""]
    raise ValueError(f"unknown block type {kind!r}")


def to_markdown(report) -> str:
    c = report.content
    out = [f"# {md_escape(c['meta']['title'])}", ""]
    if c["meta"].get("fallback_note"):
        out += [f"> {md_escape(c['meta']['fallback_note'])}", ""]
    for sec in c["sections"]:
        out += [f"## {sec['number']}. {md_escape(sec['title'])}", ""]
        for block in sec["blocks"]:
            out += _md_block(report, block)
        if sec["id"] == "sources":
            for rec in c["sources"]:
                out.append(f"- <a id=\"{anchor(rec['id'])}\"></a>**{md_escape(rec['ref'])}** "
                           + _md_source(rec))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_source(rec) -> str:
    parts = [md_escape(rec.get("title") or rec["id"])]
    for key in ("publisher", "issued"):
        if rec.get(key):
            parts.append(md_escape(rec[key]))
    if rec.get("url"):
        parts.append(f"<{_safe_url(rec['url'])}>")
    rel = md_escape(rec.get("reliability") or "unrated")
    parts.append(f"**{rel}**" if rec.get("weak") else rel)
    parts.append(f"(id {md_escape(rec['id'])})")
    return "; ".join(parts)


def _safe_url(url: str) -> str:
    """Only http(s) URLs become links; the characters that could leave the link are escaped."""
    url = str(url)
    if not re.match(r"^https?://", url):
        return md_escape(url)
    return re.sub(r"[<>\s\"'`]", lambda m: "%{:02X}".format(ord(m.group(0))), url)


# ------------------------------------------------------------------ html

_CSS = """
:root { --ink:#1b1b1b; --muted:#5b5b5b; --line:#d0d0d0; --accent:#1f5f99; --warn:#8a5a00; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: var(--ink); max-width: 64rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; border-bottom: 2px solid var(--accent); padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .88rem; width: 100%; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; vertical-align: top;
         text-align: left; }
th { background: #f2f5f8; }
td.num { text-align: right; white-space: nowrap; }
sup.ref a { color: var(--accent); text-decoration: none; font-size: .72em; }
.note { border-left: 3px solid var(--warn); background: #fbf6ec; padding: .35rem .7rem;
        margin: .5rem 0; }
.fallback { color: var(--muted); }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
nav ol { columns: 2; font-size: .9rem; }
.weak { color: var(--warn); font-weight: 600; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { page-break-after: avoid; break-after: avoid; }
  table, figure, .note { page-break-inside: avoid; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  sup.ref a::after { content: ""; }
  @page { margin: 1.5cm; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _h(text) -> str:
    return html.escape(str(text), quote=True)


def _html_run(report, run) -> str:
    if isinstance(run, str):
        return _h(run)
    if isinstance(run, list):
        return "".join(_html_run(report, r) for r in run)
    if run is None:
        return ""
    if "num" in run:
        text = _h(run["text"])
    elif "name" in run:
        text = _h(run["name"])
        if run.get("fallback"):
            text = f'<span class="fallback" lang="en">{text}†</span>'
    else:
        text = ""
    src = run.get("src") or run.get("cite") or []
    if src and ("num" in run or "cite" in run):
        links = ",".join(f'<a href="#{a}">{_h(ref)}</a>' for ref, a in _refs(report, src))
        text += f'<sup class="ref">{links}</sup>'
    return text


def _is_num(cell) -> bool:
    return isinstance(cell, dict) and "num" in cell


def _html_block(report, block, svgs) -> str:
    kind = block["type"]
    if kind == "p":
        return f"<p>{_html_run(report, block['runs'])}</p>"
    if kind == "note":
        return f'<p class="note">{_html_run(report, block["runs"])}</p>'
    if kind == "figure":
        svg = svgs.get(block["id"])
        cap = _h(block["caption"])
        if svg is None:
            return f'<p class="note">{cap}: {_h(svgs.get("_why_" + block["id"], ""))}</p>'
        return f'<figure id="fig-{_h(block["id"])}">{svg}<figcaption>{cap}</figcaption></figure>'
    if kind == "table":
        head = "".join(f"<th>{_h(h)}</th>" for h in block["headers"])
        body = []
        for row in block["rows"]:
            cells = "".join(
                f'<td class="num">{_html_run(report, c)}</td>' if _is_num(c)
                else f"<td>{_html_run(report, c)}</td>" for c in row)
            body.append(f"<tr>{cells}</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    raise ValueError(f"unknown block type {kind!r}")


def _html_source(rec) -> str:
    parts = [f"<strong>{_h(rec['ref'])}</strong>", _h(rec.get("title") or rec["id"])]
    for key in ("publisher", "issued"):
        if rec.get(key):
            parts.append(_h(rec[key]))
    url = rec.get("url")
    if url and re.match(r"^https?://", str(url)):
        parts.append(f'<a href="{_h(url)}" rel="noreferrer">{_h(url)}</a>')
    elif url:
        parts.append(_h(url))
    rel = _h(rec.get("reliability") or "unrated")
    parts.append(f'<span class="weak">{rel} (weak)</span>' if rec.get("weak") else rel)
    parts.append(f"<code>{_h(rec['id'])}</code>")
    return f'<li id="{anchor(rec["id"])}">' + "; ".join(parts) + "</li>"


def to_html(report, *, fragment=False) -> str:
    from .plots import figures_svg

    c = report.content
    svgs = figures_svg(c["figures"])
    lang = "zh-Hans" if c["meta"]["lang"] == "zh" else "en"
    body = [f"<h1>{_h(c['meta']['title'])}</h1>"]
    if c["meta"].get("fallback_note"):
        body.append(f'<p class="note">{_h(c["meta"]["fallback_note"])}</p>')
    toc = "".join(f'<li><a href="#sec-{_h(s["id"])}">{_h(s["title"])}</a></li>'
                  for s in c["sections"])
    body.append(f"<nav><ol>{toc}</ol></nav>")
    for sec in c["sections"]:
        body.append(f'<section id="sec-{_h(sec["id"])}"><h2>{sec["number"]}. {_h(sec["title"])}</h2>')
        for block in sec["blocks"]:
            body.append(_html_block(report, block, svgs))
        if sec["id"] == "sources":
            body.append("<ol class=\"sources\">" + "".join(_html_source(r) for r in c["sources"])
                        + "</ol>")
        body.append("</section>")
    inner = "\n".join(body)
    if fragment:
        return f'<div class="ssbkg-report" lang="{lang}"><style>{_CSS}</style>{inner}</div>'
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_h(c['meta']['title'])}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n{inner}\n</body>\n</html>\n")
