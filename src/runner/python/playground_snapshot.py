"""What a restored CPython reads again from the host it now runs on.

The runner may start CPython from a memory snapshot taken at build time,
in Node, after the server's imports (see python-setup.ts). Memory holds
what CPython learnt from its host when it started there: the time zone
(C's ``tzname`` and ``time.tzname`` with it), ``$LANG`` (Emscripten takes
it from the browser's language), the random module's seed, and
``sys.path``, to which the start puts ``""`` in front once more. This module
makes each of them what a CPython started here would have.

Not renewed, and said in the README: the hash seed of str and bytes is the
snapshot's, the same in every restored CPython of one build (python3 draws
one per process), so a set of strings iterates in the same order on every
start.
"""

import os
import sys
import time


def _time_zone():
    """Set ``time``'s zone attributes as its import does (CPython 3.12's
    init_timezone, the branch Emscripten's build takes: January's and July's
    local time of this year)."""
    year = (365 * 24 + 6) * 3600
    t = (int(time.time()) // year) * year
    jan, jul = time.localtime(t), time.localtime(t + year // 2)
    janzone, julzone = -jan.tm_gmtoff, -jul.tm_gmtoff
    janname, julname = jan.tm_zone[:9], jul.tm_zone[:9]
    if janzone < julzone:  # DST is reversed in the southern hemisphere
        time.timezone, time.altzone, time.tzname = julzone, janzone, (julname, janname)
    else:
        time.timezone, time.altzone, time.tzname = janzone, julzone, (janname, julname)
    time.daylight = int(janzone != julzone)


def restored(lang):
    """Renew the host's facts after a restore (C's time zone is renewed
    already); ``lang`` is this browser's ``$LANG``."""
    os.environ["LANG"] = lang
    _time_zone()
    random = sys.modules.get("random")
    if random is not None:
        random.seed()
    if sys.path.count("") > 1:
        sys.path.remove("")
