"""One request through every server, for the Servers tab: the same bytes, the same module, each server's answer.

For each server the module runs afresh, as ``python3 app.py`` run under
that server would (its top level again, its app new, what it printed), and
that server answers the request. Afterwards the build that was loaded is
put back as it was (its modules, its server, its app's state): the
comparison changes nothing the next request sees.
"""

import io
import json
import sys
import traceback

import playground_load
import playground_server
import playground_servers as servers
from playground_load import load, logging_state, relative, restore_logging
from playground_servers import memory


def _snapshot():
    """What a load replaces: the modules, the server started and chosen, the loggers, `>>>`'s namespace."""
    return dict(sys.modules), memory.state(), servers._chosen, logging_state(), playground_load.main_globals


def _put_back(snapshot):
    modules, started, chosen, logging, playground_load.main_globals = snapshot
    for name, module in list(sys.modules.items()):
        if name not in modules and (getattr(module, "__file__", None) or "").endswith(".py"):
            del sys.modules[name]
    sys.modules.update(modules)
    memory.restore(started)
    servers._chosen = chosen
    restore_logging(logging)


def compare_for_runner(raw, server_name, server_port, remote_addr, script_name, scheme, choices):
    """The request through each server in `choices`: [(choice, response bytes or None, report as JSON)].

    A server whose build fails gives None and {"error": the error in one line}.
    """
    raw = raw.to_bytes() if hasattr(raw, "to_bytes") else bytes(raw)
    entry = playground_server.loaded_entry()
    snapshot = _snapshot()
    results = []
    # The playground's own runs: what they print is in each server's answer, not the terminal.
    terminal, playground_load.terminal = playground_load.terminal, None
    try:
        for choice in choices:
            log = io.StringIO()
            try:
                served, _ = load(entry, log, choice)
            except BaseException as error:  # the module's SystemExit too
                summary = relative("".join(traceback.format_exception_only(error))).strip()
                results.append((choice, None, json.dumps({"error": summary, "log": relative(log.getvalue())})))
                continue
            sent, report = playground_server.serve(
                served, raw, server_name, server_port, remote_addr, script_name, scheme
            )
            report["errors"] = relative(log.getvalue()) + relative(report["errors"])
            results.append((choice, sent, json.dumps(report)))
    finally:
        _put_back(snapshot)
        playground_load.terminal = terminal
    return results

