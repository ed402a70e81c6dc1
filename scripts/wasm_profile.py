#!/usr/bin/env python3
"""Where the bytes of a Wasm module go: section sizes, and the largest
function bodies with their (demangled-ish) names when the module keeps its
name section. Plain Python, no dependencies.

    python3 scripts/wasm_profile.py module.wasm [top_n]

Release bundles from cargo-contract have their names stripped; for names,
run `bash scripts/size.sh <contract>`: the same build flags, the names
kept, before wasm-opt.
"""
import re
import sys
from collections import defaultdict

SECTIONS = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
            7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "data count"}


def leb(data, pos):
    """Reads an unsigned LEB128 at pos; returns (value, next position)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def name(data, pos):
    length, pos = leb(data, pos)
    return data[pos:pos + length].decode("utf-8", "replace"), pos + length


def parse(data):
    if data[:4] != b"\0asm":
        raise SystemExit("not a Wasm module")
    pos = 8
    sections, bodies, names, imported = [], [], {}, 0
    while pos < len(data):
        sid = data[pos]
        size, start = leb(data, pos + 1)
        end = start + size
        label = SECTIONS.get(sid, str(sid))
        if sid == 0:
            custom, _ = name(data, start)
            label = f"custom:{custom}"
            if custom == "name":
                p = _
                while p < end:
                    sub, p = data[p], p + 1
                    sub_size, p = leb(data, p)
                    if sub == 1:
                        count, q = leb(data, p)
                        for _i in range(count):
                            index, q = leb(data, q)
                            names[index], q = name(data, q)
                    p += sub_size
        elif sid == 2:
            count, p = leb(data, start)
            for _i in range(count):
                _module, p = name(data, p)
                _field, p = name(data, p)
                kind = data[p]
                p += 1
                if kind == 0:
                    imported += 1
                    _t, p = leb(data, p)
                elif kind == 1:
                    p += 1
                    flags, p = leb(data, p)
                    _m, p = leb(data, p)
                    if flags & 1:
                        _m, p = leb(data, p)
                elif kind == 2:
                    flags, p = leb(data, p)
                    _m, p = leb(data, p)
                    if flags & 1:
                        _m, p = leb(data, p)
                elif kind == 3:
                    p += 2
        elif sid == 10:
            count, p = leb(data, start)
            for i in range(count):
                body, q = leb(data, p)
                bodies.append((imported + i, q + body - p))
                p = q + body
        sections.append((label, end - pos))
        pos = end
    return sections, bodies, names


def demangle(symbol):
    """Reads Rust's legacy mangling (`_ZN` + length-prefixed segments + `E`)
    into a path; other names come back as they are."""
    if not symbol.startswith("_ZN"):
        return symbol
    pos, parts = 3, []
    while pos < len(symbol) and symbol[pos].isdigit():
        end = pos
        while symbol[end].isdigit():
            end += 1
        length = int(symbol[pos:end])
        parts.append(symbol[end:end + length])
        pos = end + length
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    return "::".join(parts)


def short(symbol):
    """A Rust symbol as a readable path."""
    symbol = demangle(symbol)
    for code, text in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$C$", ","), ("$RF$", "&"),
                       ("$BP$", "*"), ("$LP$", "("), ("$RP$", ")"), ("$u7b$", "{"), ("$u7d$", "}")):
        symbol = symbol.replace(code, text)
    return symbol.replace("..", "::")


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = open(path, "rb").read()
    sections, bodies, names = parse(data)
    print(f"{path}: {len(data)} bytes")
    for label, size in sections:
        print(f"  {label:<16} {size:>7}")
    total = sum(size for _, size in bodies)
    print(f"\n{len(bodies)} functions, {total} bytes of code; largest:")
    for index, size in sorted(bodies, key=lambda b: -b[1])[:top]:
        print(f"  {size:>6}  {short(names.get(index, f'func[{index}]'))[:150]}")
    if names:
        groups = defaultdict(int)
        for index, size in bodies:
            n = short(names.get(index, "?"))
            crate = re.match(r"[_<]*([A-Za-z][A-Za-z0-9_]*)", n)
            groups[crate.group(1) if crate else "?"] += size
        print("\ncode by leading path segment:")
        for crate, size in sorted(groups.items(), key=lambda g: -g[1])[:15]:
            print(f"  {size:>6}  {crate}")


if __name__ == "__main__":
    main()
