"""What broke PEP 3333 between two layers of a stack (playground_layers.LayerWatch's findings).

An iterable with ``close()`` that the layer above it never closed (PEP 3333:
middleware must call it); a Content-Length passed up that is not the size
of the body the layer produced; and wsgiref.validate's rules where two
layers meet, below the server's own boundary (which the server checks):
the environ a layer passed down, the calls of a start_response that is not
the server's (a second one without exc_info too), and what a layer
returned to the one that read it. Each finding names both layers. The
TypeScript runtime's twin is src/wsgi/layer-findings.ts, in the same words.
"""


def findings(watch):
    """What broke PEP 3333 between two layers: (message, location or None, fix) each."""
    found = []
    layers = watch.layers
    for upper, lower in zip(layers, layers[1:]):
        inner = lower.returned
        if (
            inner is not None
            and inner is not upper.returned
            and hasattr(inner, "close")
            and id(inner) not in watch.closed
        ):
            found.append(
                (
                    f"{upper.name} never closed the iterable {lower.name} returned "
                    f"({lower.returned_type}): PEP 3333 has middleware call its close(), "
                    "also when it stops early.",
                    _in_project(upper.where),
                    f"In {upper.name}, close it when done: try: ... finally: "
                    "if hasattr(inner, 'close'): inner.close()",
                )
            )
    found.extend(_boundary_findings(watch))
    # Content-Length passed up against the body produced, innermost first: the layer where
    # they stop agreeing is the one that changed one and not the other.
    agreed = None
    passed = None
    for layer in reversed(layers):
        if layer.calls:
            passed = layer.calls[-1]["headers"] or []
        length = next(
            (v for n, v in passed or [] if n.lower() == "content-length" and v.strip().isdigit()),
            None,
        )
        sent = sum(layer.chunks)
        agrees = None if length is None or not layer.chunks else int(length) == sent
        if agrees is False and agreed is not False:
            found.append(
                (
                    f"{layer.name} passed up Content-Length: {length}, but the body it "
                    f"produced is {sent} bytes.",
                    _in_project(layer.where),
                    "A layer that changes the body must correct Content-Length in the "
                    "headers it passes up, or drop it.",
                )
            )
        if agrees is not None:
            agreed = agrees
    return found


def _maker(layers, index):
    """The layer that made the start_response layer `index` was given (None: the server's)."""
    given = layers[index].start_response
    j = index - 1
    while j >= 0 and layers[j].start_response is given:
        j -= 1
    return layers[j] if j >= 0 else None

def _consumer(layers, index):
    """The layer that read the iterable layer `index` returned (None: the server did)."""
    value = layers[index].returned
    for upper in reversed(layers[:index]):
        if upper.returned is not value:
            return upper
    return None

def _boundary_findings(watch):
    """wsgiref.validate's rules where two layers meet, each naming both layers."""
    found = []
    layers = watch.layers
    for upper, lower in zip(layers, layers[1:]):
        for message in dict.fromkeys(lower.environ_problems):
            if message not in upper.environ_problems:
                found.append(
                    (
                        f"{upper.name} passed {lower.name} an environ that wsgiref.validate "
                        f"refuses: {message}",
                        _in_project(upper.where),
                        "What a layer passes down must still be a valid environ: the rules the "
                        "server's environ keeps hold at every layer (PEP 3333).",
                    )
                )
    for index, layer in enumerate(layers):
        if index == 0 or layer.sr_code is watch.server_sr_code:
            continue
        maker = _maker(layers, index)
        towards = f"the start_response {maker.name} gave it" if maker else "start_response"
        for message in dict.fromkeys(layer.sr_problems):
            found.append(
                (
                    f"{layer.name} called {towards} with what wsgiref.validate refuses: {message}",
                    _in_project(layer.where),
                    "A start_response of a middleware takes what the server's takes: "
                    "a status '200 OK' and a list of (name, value) str tuples.",
                )
            )
        if any(call["excInfo"] is None for call in layer.calls[1:]):
            found.append(
                (
                    f"{layer.name} called {towards} {len(layer.calls)} times, again without "
                    "exc_info: PEP 3333 allows a second call only with exc_info, from an "
                    "error handler (the server would say 'Headers already set!').",
                    _in_project(layer.where),
                    "Call start_response once; to replace the headers after an error, pass "
                    "exc_info=sys.exc_info().",
                )
            )
    for index, layer in enumerate(layers):
        if index == 0:
            continue
        consumer = _consumer(layers, index)
        if consumer is None:
            continue
        for message in dict.fromkeys(layer.iterator_problems):
            found.append(
                (
                    f"{layer.name} returned to {consumer.name} what wsgiref.validate refuses: {message}",
                    _in_project(layer.where),
                    "Return an iterable of bytes: a list of bytes, or a generator yielding bytes.",
                )
            )
        if layer.bad_chunk is not None:
            found.append(
                (
                    f"The iterable {layer.name} returned gave {consumer.name} a chunk that is not "
                    f"bytes: {layer.bad_chunk} (wsgiref.validate: Iterator yielded non-bytestring).",
                    _in_project(layer.where),
                    "Every chunk of a body is bytes: encode text, e.g. text.encode('utf-8').",
                )
            )
    return found


def _in_project(where):
    """A definition's place when it is in the project's files (a link can open it)."""
    return where if not where["file"].startswith("/") else None
