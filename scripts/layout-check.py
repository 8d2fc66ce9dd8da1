#!/usr/bin/env python3
"""The project's layout rules, checked by `make test`:

- no import circle between the modules of any crate (file by file: a
  folder's re-exports are followed to the file that defines each item);
- wizard-core's folders depend on each other in the order its lib.rs gives;
- no Rust file over 600 lines, no function over 80 (a table a test walks
  is a `const`, or rows split into functions by theme).

A rough reader of Rust, not a parser: it reads `use`/paths starting with
`crate::` or `super::`, and finds a function's end by counting braces
outside strings, characters and comments. Good enough for this code base;
it prints what it found when it fails.
"""
import glob
import os
import re
import sys

MAX_FILE_LINES = 600
MAX_FN_LINES = 80
# wizard-core's folders, each depending only on those before it.
CORE_ORDER = ['answers', 'server', 'flow', 'machines', 'refusals', 'health']
CRATES = {
    'm365-org-wizard': 'src',
    'wizard-core': 'crates/wizard-core/src',
    'certificate': 'crates/certificate/src',
    'cert-worker': 'crates/cert-worker/src',
    'vb365-sim': 'crates/vb365-sim/src',
}
SOURCES = ['src', 'crates', 'tests', 'fuzz/fuzz_targets']


def strip_code(text):
    """The text with comments, strings and char literals blanked (lines kept)."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            i = j
            continue
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
            continue
        m = re.match(r'r(#*)"', text[i:i + 20])
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            end = '"' + m.group(1)
            j = text.find(end, i + len(m.group(0)))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            out.append(re.sub(r'[^\n]', ' ', text[i:j + 1]))
            i = j + 1
            continue
        if c == "'":
            m = re.match(r"'(\\.[^']*|[^'\\])'", text[i:i + 12])
            if m:
                out.append(' ' * len(m.group(0)))
                i += len(m.group(0))
                continue
        out.append(c)
        i += 1
    return ''.join(out)


def long_functions(path, code):
    """(name, first line, lines) of every fn longer than MAX_FN_LINES."""
    found = []
    lines = code.split('\n')
    for m in re.finditer(r'\bfn\s+([A-Za-z_][A-Za-z0-9_]*)', code):
        start = code.count('\n', 0, m.start())
        depth = 0
        opened = False
        j = m.end()
        # A declaration without a body (trait item, extern) ends at `;`.
        while j < len(code):
            ch = code[j]
            if ch == ';' and not opened and depth == 0:
                break
            if ch == '{':
                depth += 1
                opened = True
            elif ch == '}':
                depth -= 1
                if opened and depth == 0:
                    break
            j += 1
        if not opened:
            continue
        end = code.count('\n', 0, j)
        length = end - start + 1
        if length > MAX_FN_LINES:
            found.append((m.group(1), start + 1, length))
    del lines
    return found


def module_of(root, path):
    rel = os.path.relpath(path, root)[:-3]
    parts = rel.split(os.sep)
    if parts[-1] in ('mod', 'lib', 'main'):
        parts = parts[:-1]
    return tuple(parts)


def exports(root):
    """For each folder module: the name each re-export comes from
    (`pub use file::{A, B}` → A: folder/file)."""
    table = {}
    for path in glob.glob(f'{root}/**/mod.rs', recursive=True):
        folder = module_of(root, path)
        code = strip_code(open(path).read())
        for m in re.finditer(r'pub(?:\(crate\))?\s+use\s+([a-z_][a-z0-9_]*)::(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)', code):
            names = re.findall(r'[A-Za-z_][A-Za-z0-9_]*', m.group(2))
            for name in names:
                table[folder + (name,)] = folder + (m.group(1),)
    return table


def graph(root):
    """Each module's imports of other modules of the same crate."""
    files = glob.glob(f'{root}/**/*.rs', recursive=True)
    modules = {module_of(root, p): p for p in files}
    table = exports(root)
    edges = {}
    for mod, path in modules.items():
        code = strip_code(open(path).read())
        # Leave out the unit tests: they may reach anywhere.
        cut = re.search(r'#\[cfg\(test\)\]\s*mod\s+tests', code)
        if cut:
            code = code[:cut.start()]
        targets = set()
        uses = []
        for m in re.finditer(r'\buse\s+(crate|super)::([^;]+);', code):
            uses.extend(expand(m.group(1), m.group(2)))
        for m in re.finditer(r'\b(crate|super)::((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)', code):
            uses.append((m.group(1), m.group(2).split('::')))
        for base, segments in uses:
            start = () if base == 'crate' else mod[:-1] if not path.endswith('mod.rs') else mod[:-1]
            target = resolve(start + tuple(segments), modules, table)
            if target is not None and target != mod and not (mod and target == mod[:len(target)] and path.endswith('mod.rs')):
                targets.add(target)
        edges[mod] = targets
    return edges


def expand(base, tree):
    """`a::{b, c::{d}}` → [(base, [a, b]), (base, [a, c, d])]."""
    tree = tree.strip()
    m = re.match(r'^((?:[A-Za-z_][A-Za-z0-9_]*::)*)\{(.*)\}$', tree, re.S)
    if not m:
        segs = [s for s in tree.split(' as ')[0].strip().split('::') if s and s != 'self']
        return [(base, segs)]
    prefix = [s for s in m.group(1).split('::') if s]
    inner, parts, depth, cur = m.group(2), [], 0, ''
    for ch in inner:
        depth += ch == '{'
        depth -= ch == '}'
        if ch == ',' and depth == 0:
            parts.append(cur)
            cur = ''
        else:
            cur += ch
    parts.append(cur)
    out = []
    for part in parts:
        if part.strip():
            for b, segs in expand(base, part):
                out.append((b, prefix + segs))
    return out


def resolve(path, modules, table):
    """The module a path leads to, following a folder's re-exports."""
    path = tuple(path)
    for i in range(len(path), 0, -1):
        head = path[:i]
        if head in modules and i < len(path):
            name = path[i]
            if head + (name,) in table:
                return table[head + (name,)]
            if head + (name,) in modules:
                continue
            return head
        if head in modules and i == len(path):
            return head
    return None


def cycles(edges):
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            visit(v)
    return found


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    problems = []
    for crate, root in CRATES.items():
        edges = graph(root)
        for component in cycles(edges):
            names = ', '.join('::'.join(m) or 'lib' for m in component)
            problems.append(f'{crate}: an import circle between {names}')
        if crate == 'wizard-core':
            for mod, targets in edges.items():
                if not mod or mod[0] not in CORE_ORDER:
                    continue
                for target in targets:
                    if target and target[0] in CORE_ORDER and CORE_ORDER.index(target[0]) > CORE_ORDER.index(mod[0]):
                        problems.append(f"wizard-core: {'::'.join(mod)} uses {'::'.join(target)}, a folder after its own in lib.rs's order")
    for top in SOURCES:
        for path in sorted(glob.glob(f'{top}/**/*.rs', recursive=True)):
            if '/target/' in path:
                continue
            text = open(path).read()
            count = text.count('\n')
            if count > MAX_FILE_LINES:
                problems.append(f'{path}: {count} lines (at most {MAX_FILE_LINES})')
            for name, line, length in long_functions(path, strip_code(text)):
                problems.append(f'{path}:{line}: fn {name} is {length} lines (at most {MAX_FN_LINES})')
    for p in problems:
        print(f'layout: {p}')
    if problems:
        sys.exit(1)
    print(f'layout: no import circle, no file over {MAX_FILE_LINES} lines, no function over {MAX_FN_LINES}')


if __name__ == '__main__':
    main()
