"""One module per screen. Each registers its own texts (Spanish first, English second)."""
