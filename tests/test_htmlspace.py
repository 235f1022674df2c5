"""The themed pages' whitespace, compacted (generator.htmlspace): the theme's indentation and
blank lines go, and what a browser shows stays."""
from __future__ import annotations

import re

from generator.htmlspace import compact


def test_indentation_and_blank_lines_between_elements_become_one_line_break():
    page = '<nav>\n    <ul>\n\n      <li class="md-nav__item">\n        Figures\n      </li>\n</ul>'
    assert compact(page) == '<nav>\n<ul>\n<li class="md-nav__item">\nFigures\n</li>\n</ul>'


def test_spaces_without_a_line_break_are_left_as_they_are():
    sentences = '<span id="s1">Talks began.</span>  <span id="s2">They  failed.</span>'
    assert compact(sentences) == sentences


def test_preformatted_code_text_boxes_and_scripts_keep_their_whitespace():
    kept = ['<pre><code>def f():\n    return 1\n\n</code></pre>',
            '<textarea rows="3">- article: seeds/a.txt\n  note: null\n</textarea>',
            '<code>a\n    b</code>', '<script>\n  var x = `a\n    b`;\n</script>',
            '<style>\n  p { color: red; }\n</style>']
    for element in kept:
        assert compact(f"<div>\n  {element}\n  </div>") == f"<div>\n{element}\n</div>"


def test_the_built_briefing_pages_have_no_indented_lines_outside_kept_elements(seeds_site):
    pages = sorted(seeds_site.site.glob("briefings/*/index.html"))
    assert pages
    for page in pages:
        text = re.sub(r"<(pre|textarea|code|script|style)\b.*?</\1>", "<kept>",
                      page.read_text("utf-8"), flags=re.DOTALL)
        assert not re.search(r"\n[ \t]|\n\n", text), page
