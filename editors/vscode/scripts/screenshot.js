// Renders the editor state for the README's picture from real output: the
// sheet coloured by this extension's TextMate grammar (vscode-textmate), and
// the diagnostics, hover and completion that `jixiao lsp` answers for it
// over stdio. Writes an HTML page; a headless browser turns it into a PNG:
//
//   node scripts/screenshot.js ../../target/debug/jixiao scripts/demo.jx out.html
//   chromium --headless --screenshot=../../docs/editor.png --window-size=1100,640 out.html
//
// It is not VS Code: the page imitates its dark theme around real answers.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const textmate = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const [binary, sheetPath, outPath] = process.argv.slice(2);
const text = fs.readFileSync(sheetPath, 'utf8');
const lines = text.split('\n');
const uri = 'file:///demo/' + path.basename(sheetPath);

/** Talk to `jixiao lsp`: the answers to `requests` and the diagnostics. */
function ask(requests) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = Buffer.alloc(0);
    const got = [];
    child.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) break;
        const len = Number(/Content-Length: (\d+)/.exec(buf.slice(0, end).toString())[1]);
        if (buf.length < end + 4 + len) break;
        got.push(JSON.parse(buf.slice(end + 4, end + 4 + len).toString('utf8')));
        buf = buf.slice(end + 4 + len);
      }
    });
    child.on('exit', () => resolve(got));
    child.on('error', reject);
    const send = (m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    send({ id: 0, method: 'initialize', params: { capabilities: {}, locale: 'zh-CN' } });
    send({ method: 'initialized', params: {} });
    send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'jixiao', version: 1, text } },
    });
    requests.forEach((r, i) => send({ id: i + 1, ...r }));
    send({ id: 99, method: 'shutdown' });
    send({ method: 'exit' });
  });
}

async function tokenize() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await onig.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new onig.OnigScanner(p),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(
        fs.readFileSync(path.join(__dirname, '../syntaxes/jixiao.tmLanguage.json'), 'utf8'),
        'jixiao.tmLanguage.json'
      ),
  });
  const grammar = await registry.loadGrammar('source.jixiao');
  let stack = textmate.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
  });
}

// VS Code's Dark+ colours for the scopes the grammar gives.
function colour(scopes) {
  const s = scopes.join(' ');
  if (s.includes('comment')) return '#6a9955';
  if (s.includes('string')) return '#ce9178';
  if (s.includes('keyword.control')) return '#c586c0';
  if (s.includes('keyword.operator')) return '#d4d4d4';
  if (s.includes('entity.name.type')) return '#4ec9b0';
  if (s.includes('constant.numeric')) return '#b5cea8';
  if (s.includes('support.constant')) return '#4fc1ff';
  if (s.includes('punctuation.section')) return '#ffd700';
  return '#d4d4d4';
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function main() {
  const hoverLine = lines.findIndex((l) => l.includes('举办活动场次'));
  const hoverCol = lines[hoverLine].indexOf('举办活动场次') + 2;
  const answers = await ask([
    {
      method: 'textDocument/hover',
      params: { textDocument: { uri }, position: { line: hoverLine, character: hoverCol } },
    },
  ]);
  const diags = answers.find((m) => m.method === 'textDocument/publishDiagnostics').params.diagnostics;
  const hover = answers.find((m) => m.id === 1).result;
  const tokens = await tokenize();
  // Squiggles: JavaScript strings index UTF-16 units, as the positions do.
  const html = lines.map((line, i) => {
    const marks = diags.filter((d) => d.range.start.line === i);
    // Runs of one colour and one squiggle; a run never splits a surrogate pair.
    let out = '';
    for (const t of tokens[i]) {
      const end = Math.min(t.end, line.length);
      let c = t.start;
      while (c < end) {
        const at = (k) => marks.find((m) => k >= m.range.start.character && k < m.range.end.character);
        const d = at(c);
        let e = c + 1;
        while (e < end && at(e) === d) e++;
        const cls = d ? (d.severity === 1 ? 'err' : 'warn') : '';
        out += `<span class="${cls}" style="color:${colour(t.scopes)}">${esc(line.slice(c, e))}</span>`;
        c = e;
      }
    }
    return `<div class="line"><span class="no">${i + 1}</span>${out || '&nbsp;'}</div>`;
  });
  const problems = diags
    .map(
      (d) =>
        `<div class="problem"><span class="${d.severity === 1 ? 'icon-err' : 'icon-warn'}">●</span> ` +
        `${esc(d.message.split('\n')[0])} <span class="dim">jixiao(${d.code}) [${d.range.start.line + 1}, ${d.range.start.character + 1}]</span></div>`
    )
    .join('');
  const hoverHtml = esc(hover.contents.value)
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `<div>${l}</div>`)
    .join('');
  const page = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#1e1e1e;font:14px/20px "Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;color:#d4d4d4}
.tab{background:#252526;padding:6px 14px;color:#fff;border-bottom:1px solid #333;font-family:sans-serif;font-size:13px}
.code{padding:6px 0;position:relative}
.line{white-space:pre;height:20px}
.no{display:inline-block;width:44px;color:#858585;text-align:right;margin-right:18px}
.err{text-decoration:underline wavy #f14c4c;text-underline-offset:3px}
.warn{text-decoration:underline wavy #cca700;text-underline-offset:3px}
.hover{position:absolute;left:520px;top:${(hoverLine + 1) * 20 + 10}px;background:#252526;border:1px solid #454545;
  padding:8px 12px;font-family:"Noto Sans CJK SC",sans-serif;font-size:13px;line-height:19px;max-width:520px;box-shadow:0 2px 8px #000}
.panel{border-top:1px solid #414141;background:#1e1e1e;padding:6px 14px;font-family:"Noto Sans CJK SC",sans-serif;font-size:13px}
.panel .title{color:#e7e7e7;font-size:11px;letter-spacing:1px;margin-bottom:4px}
.icon-err{color:#f14c4c}.icon-warn{color:#cca700}.dim{color:#8b8b8b}
</style>
<div class="tab">${esc(path.basename(sheetPath))}</div>
<div class="code">${html.join('')}<div class="hover">${hoverHtml}</div></div>
<div class="panel"><div class="title">问题 PROBLEMS</div>${problems}</div>`;
  fs.writeFileSync(outPath, page);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
