#!/usr/bin/env python3
# Prints the plain closing line of a test run: "N passed, N failed[, N skipped]".
# Counts each g_test case of a TAP test (its "ok"/"not ok" lines); a test without TAP, or one
# that failed before reporting any case, counts as one.
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        if not line.strip():
            continue
        t = json.loads(line)
        result = t.get('result', '')
        out = t.get('stdout') or ''
        oks = nots = skips = 0
        for l in out.splitlines():
            m = re.match(r'^(not ok|ok)\b.*?(#\s*(SKIP|TODO).*)?$', l)
            if not m:
                continue
            if m.group(3) == 'SKIP':
                skips += 1
            elif m.group(1) == 'ok':
                oks += 1
            else:
                nots += 1
        if result in ('OK', 'EXPECTEDFAIL') and oks + nots + skips == 0:
            oks = 1
        elif result == 'SKIP' and oks + nots + skips == 0:
            skips = 1
        elif result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and nots == 0:
            nots = 1
        passed += oks
        failed += nots
        skipped += skips
line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
