#!/usr/bin/env python3
"""Where the bytes of a wasm module go: code size per crate (from the function names of the
`name` section, so use the module wasm-bindgen wrote before wasm-opt strips names), data
segments, and the rest. Figures to read.

    scripts/wasm-breakdown.py target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm [top]
    FUNCTIONS=40 scripts/wasm-breakdown.py …   also lists the 40 largest functions
"""
import os
import re
import sys
from collections import Counter


def leb(data, at):
    """An unsigned LEB128 integer at `at`: (value, next offset)."""
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def sections(data):
    at = 8
    while at < len(data):
        kind = data[at]
        size, body = leb(data, at + 1)
        yield kind, data[body:body + size]
        at = body + size


def crate_of(name):
    """The crate a Rust symbol (legacy-mangled `_ZN…`, or demangled) belongs to, best
    effort: for `<T as Trait>::f`, the crate of `T`."""
    if name.startswith("_ZN"):
        match = re.match(r"_ZN(\d+)", name)
        if not match:
            return "?"
        length = int(match.group(1))
        first = name[match.end():match.end() + length]
        first = first.replace("_$LT$", "").replace("$LT$", "").lstrip("_$&*")
        first = re.sub(r"^(RF|BP|u20|mut)\$?", "", first)
        match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)", first)
        crate = match.group(1) if match else "?"
        if crate in ("T", "F", "mut", "LP", "RF", "A", "E", "V") or len(crate) == 1:
            # A generic impl (`<T as tachys::view::Render>`, a tuple…): the trait's crate.
            trait = re.search(r"\$u20\$as\$u20\$([A-Za-z_][A-Za-z0-9_]*)", first)
            crate = f"{trait.group(1)} (generic impl)" if trait else "generic impls"
        return crate
    if name.startswith("_R"):
        match = re.search(r"\d+([a-z_][a-z0-9_]*)", name)
        return match.group(1) if match else "?"
    name = name.lstrip("<&* ")
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)", name)
    return match.group(1) if match else "?"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    totals = Counter()
    for kind, body in sections(data):
        totals[kind] += len(body)
        if kind == 2:  # imports: their functions come first in the index space
            count, at = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, at = leb(body, at)
                    at += n
                desc = body[at]
                at += 1
                if desc == 0:
                    _, at = leb(body, at)
                    imported += 1
                elif desc == 1:
                    at += 1
                    flags, at = leb(body, at)
                    _, at = leb(body, at)
                    if flags & 1:
                        _, at = leb(body, at)
                elif desc == 2:
                    flags, at = leb(body, at)
                    _, at = leb(body, at)
                    if flags & 1:
                        _, at = leb(body, at)
                else:
                    at += 2
        elif kind == 10:  # code
            count, at = leb(body, 0)
            for _ in range(count):
                size, start = leb(body, at)
                bodies.append(start - at + size)
                at = start + size
        elif kind == 0:  # custom: the name section
            n, at = leb(body, 0)
            if body[at:at + n] != b"name":
                continue
            at += n
            while at < len(body):
                sub = body[at]
                size, start = leb(body, at + 1)
                if sub == 1:
                    count, p = leb(body, start)
                    for _ in range(count):
                        index, p = leb(body, p)
                        length, p = leb(body, p)
                        names[index] = body[p:p + length].decode("utf-8", "replace")
                        p += length
                at = start + size
    by_crate = Counter()
    for i, size in enumerate(bodies):
        by_crate[crate_of(names.get(imported + i, "?"))] += size
    code = sum(bodies)
    print(f"{path}: {len(data):,} B; code {code:,} B in {len(bodies):,} functions, "
          f"data {totals[11]:,} B, names and other custom sections {totals[0]:,} B")
    for crate, size in by_crate.most_common(top):
        print(f"  {size:>9,} B  {100 * size / code:5.1f} %  {crate}")
    functions = int(os.environ.get("FUNCTIONS", "0"))
    if functions:
        largest = sorted(enumerate(bodies), key=lambda item: -item[1])[:functions]
        for i, size in largest:
            print(f"  {size:>9,} B  {names.get(imported + i, '?')[:160]}")


if __name__ == "__main__":
    main()
