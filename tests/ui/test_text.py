"""Text that must fit its box: wrapping never spills, and never hangs on a tiny box."""

from __future__ import annotations

import pygame
import pytest

from game.ui.text import font, wrap


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    pygame.font.init()
    yield


@pytest.mark.parametrize("width", [1, 4, 12, 30, 80, 400])
def test_wrapped_lines_never_exceed_the_width(width: int) -> None:
    face = font(18)
    text = "Asociatividad empresarial en el conglomerado de Gamarra: confianza y contrato"
    lines = wrap(text, face, width)
    assert lines
    for line in lines:
        assert face.size(line)[0] <= width or line == ""


def test_a_long_word_is_cut_with_an_ellipsis() -> None:
    face = font(18)
    width = face.size("Internaciona")[0]
    (line,) = wrap("Internacionalización", face, width)
    assert line.endswith("…") and face.size(line)[0] <= width


def test_words_that_fit_are_kept_whole() -> None:
    face = font(18)
    lines = wrap("uno dos tres cuatro", face, face.size("uno dos")[0])
    assert lines == ["uno dos", "tres", "cuatro"]


@pytest.mark.parametrize(
    "text", ["\u200b", "\ufeff\u200d", "Ana\x00", "Taller \ud800", "\u202e", "a\n\u200b\nb"]
)
def test_drawing_a_text_no_font_can_show_never_fails(text: str) -> None:
    """A name of only a zero-width space made pygame raise 'Text has zero width', a NUL or
    half a surrogate pair failed too (issue 16): those characters are left out."""
    from game.ui.text import draw_text

    surface = pygame.Surface((300, 120))
    drawn = draw_text(surface, text, pygame.Rect(0, 0, 300, 120), 18)
    assert drawn.width >= 0
