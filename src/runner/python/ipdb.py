"""ipdb, as pdb: IPython is not in the playground, so ``ipdb.set_trace()`` is pdb's, with a note.

The commands are the same (``n``, ``s``, ``c``, ``p``, ``pp``, ``l``, ``w``,
``q``, …); what ipdb adds (colours, tab completion of attributes in the
prompt) is not here.
"""

import pdb
import sys

_noted = False


def _note():
    global _noted
    if not _noted:
        _noted = True
        sys.stdout.write("[playground] ipdb is pdb here (IPython is not in the playground): the same commands.\n")


def set_trace(frame=None, context=None, cond=True):
    if not cond:
        return
    _note()
    pdb.Pdb().set_trace(frame or sys._getframe().f_back)


def post_mortem(tb=None):
    _note()
    pdb.post_mortem(tb)


def pm():
    _note()
    pdb.pm()


def run(statement, globals=None, locals=None):
    _note()
    pdb.run(statement, globals, locals)


def runcall(*args, **kwargs):
    _note()
    return pdb.runcall(*args, **kwargs)
