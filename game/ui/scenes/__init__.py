"""One module per screen, each registering its scene by name (``@register_scene``) and its own
texts (Spanish first, English second). No screen imports another: they move between one
another through the director, which imports them all at start
(:func:`game.ui.director.load_scenes`)."""
