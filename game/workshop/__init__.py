"""Workshop mode (issue 15): a room plays from its phones over the room's Wi-Fi, the
facilitator's laptop the server.

- :mod:`game.workshop.store`: the one source of truth, an embedded SQLite database;
- :mod:`game.workshop.room`: the workshop's groups, seats and clocks, without a server;
- :mod:`game.workshop.server`: the Starlette app the phones and the console talk to;
- the workshop's texts are the ``workshop.*`` keys of the catalogues in ``game/i18n/catalogues``.

No module here imports pygame or the desktop's UI: the laptop serves without a window.
"""
