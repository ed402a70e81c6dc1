#!/usr/bin/env python3
"""What each message of a contract adds to its code: the per-message size
profile that `wasm_profile.py` cannot give, because ink! inlines every
message body into one dispatcher function.

For each message (and each group given as `name=msg1,msg2`), the contract
is built again without it, in a scratch copy of the repository, and the
code section is measured; the difference from the full build is what that
message alone brings (its body, its input decoding, its answer's encoding,
and helpers no other message uses). Code shared by several messages shows
only when all of them go, which is what groups are for: a group answers
"how big would a contract with only the other messages be".

    python3 scripts/message_sizes.py tender [group=msg,msg ...]
    (or: bash scripts/size.sh tender --messages [group=msg,msg ...])

Builds with `scripts/size.sh` (release, LTO, opt-level z, names kept, no
wasm-opt), about 5 s per build once its dependencies are compiled. Sizes are
before wasm-opt: compare them with each other and with the first line, not
with the bundle. The scratch copy's `client.rs` is emptied: it is what other
contracts compile to call this one, and unused by the contract's own Wasm
(the full build in the copy measures the same as in the repository).
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from wasm_profile import parse  # noqa: E402

MESSAGE = re.compile(r"\s*#\[ink\(message\b")
PUB_FN = re.compile(r"\s*pub fn (\w+)\s*[(<]")


def messages(source):
    """Names of the messages in a contract's lib.rs, in order."""
    lines = source.split("\n")
    found = []
    for i, line in enumerate(lines):
        if MESSAGE.match(line):
            for later in lines[i + 1:i + 4]:
                m = PUB_FN.match(later)
                if m:
                    found.append(m.group(1))
                    break
    return found


def strip(source, names):
    """`source` without the messages in `names`: each one's doc comment,
    attributes and body (up to the brace that closes it)."""
    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        m = PUB_FN.match(lines[i])
        if m and m.group(1) in names and out and any(MESSAGE.match(l) for l in out[-3:]):
            while out and re.match(r"\s*(///|#\[)", out[-1]):
                out.pop()
            depth, opened = 0, False
            while True:
                depth += lines[i].count("{") - lines[i].count("}")
                opened = opened or "{" in lines[i]
                i += 1
                if opened and depth == 0:
                    break
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def copy_tree(scratch):
    """The repository's tracked and untracked (not ignored) files, copied
    into `scratch` (kept between runs so cargo's caches stay warm)."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split("\n")
    for rel in filter(None, files):
        src, dst = os.path.join(ROOT, rel), os.path.join(scratch, rel)
        if not os.path.isfile(src):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(src, "rb") as f:
            data = f.read()
        if not os.path.exists(dst) or open(dst, "rb").read() != data:
            with open(dst, "wb") as f:
                f.write(data)


def code_bytes(contract, scratch):
    """Builds `contract` from the scratch copy; bytes of its code section."""
    env = dict(os.environ, SIZE_SRC_ROOT=scratch)
    build = subprocess.run(["bash", os.path.join(HERE, "size.sh"), contract, "--build-only"], env=env,
                           capture_output=True, text=True)
    if build.returncode != 0:
        raise SystemExit(f"build of {contract} failed:\n{build.stderr[-3000:]}")
    wasm = build.stdout.strip().split("\n")[-1]
    sections, _bodies, _names = parse(open(wasm, "rb").read())
    return dict(sections)["code"]


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    contract = sys.argv[1]
    groups = []
    for arg in sys.argv[2:]:
        label, _, members = arg.partition("=")
        if not members:
            raise SystemExit(f"a group is name=msg1,msg2: {arg}")
        groups.append((label, set(members.split(","))))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/procurement-suite/target"))
    scratch = f"{target}-size-copy/src"
    os.makedirs(scratch, exist_ok=True)
    copy_tree(scratch)
    lib = os.path.join(scratch, "contracts", contract, "lib.rs")
    original = open(lib).read()
    client = os.path.join(scratch, "contracts", contract, "client.rs")
    if os.path.exists(client):
        open(client, "w").write("//! Emptied by message_sizes.py.\n")
    names = messages(original)
    known = set(names)
    for label, members in groups:
        unknown = members - known
        if unknown:
            raise SystemExit(f"group {label}: no message named {', '.join(sorted(unknown))}")

    def without(members):
        with open(lib, "w") as f:
            f.write(strip(original, members))
        try:
            return code_bytes(contract, scratch)
        finally:
            with open(lib, "w") as f:
                f.write(original)

    full = without(set())
    print(f"{contract}: {full} bytes of code with all {len(names)} messages (before wasm-opt)")
    rows = [(name, full - without({name})) for name in names]
    print("\ncode each message alone adds (bytes, share of the code):")
    for name, size in sorted(rows, key=lambda r: -r[1]):
        print(f"  {size:>7}  {100 * size / full:5.1f} %  {name}")
    print(f"  {sum(size for _, size in rows):>7}  {100 * sum(s for _, s in rows) / full:5.1f} %  (sum; the rest is shared)")
    if groups:
        print("\nwithout a group of messages:")
        for label, members in groups:
            rest = without(members)
            print(f"  {label}: {full - rest} bytes fewer, {rest} left ({100 * rest / full:.1f} %); "
                  f"left out: {', '.join(n for n in names if n in members)}")


if __name__ == "__main__":
    main()
