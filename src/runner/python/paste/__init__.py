"""The playground's small stand-in for Python Paste (not in the standard library).

Only ``paste.httpserver.serve`` is here: what the seed documents use to run an
app. See ``paste/httpserver.py``.
"""
