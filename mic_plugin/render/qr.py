"""QR codes as inline SVG, drawn by ``segno`` (pure Python, no other dependencies, deterministic output).

The code is segno's own, bit for bit: the same version, error level and mask as ``segno.make`` gives. Only
the choice of mask is done faster here. segno tries the eight masks one module at a time (ISO/IEC 18004
7.8.3, about 8 ms of a 10 ms code); :func:`_best_mask` scores the same eight masked matrices with the same
rules (segno's ``mask_scores``, including its way of counting the 1:1:3:1:1 pattern), a row or column at a
time as integers (a module per byte), and keeps the first mask with the lowest penalty as segno does. The
code is then made once with that mask. ``tests/test_qr.py`` holds the two to the same matrices."""

from __future__ import annotations

import functools

from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """A QR code opening ``url`` as an inline ``<svg>`` that scales to its box (no width or height), black on
    white with the four-module quiet zone scanners need. It is a picture only (``aria-hidden``): whoever places
    it gives the text alternative and prints the address beside it."""
    code = qr_code(url)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="mic-qr",
                          lineclass=None)
    # segno writes one <svg ...> element of known shape; hide it from assistive technology and keep it crisp.
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" shape-rendering="crispEdges" ', 1))


def qr_code(url: str):
    """``segno.make(url, error="m", micro=False)``: the same symbol, its mask chosen by :func:`_best_mask`."""
    import segno
    from segno import encoder

    first = encoder.encode(url, "m", None, None, 0, None, False, False)  # all but the mask choice, once
    mask = _best_mask(first.matrix)
    if mask == 0:
        return segno.QRCode(first)
    size = len(first.matrix)
    grid = _grid(size)
    flip = ((grid.patterns[0] ^ grid.patterns[mask]) & grid.region).to_bytes(size * (size + 1), "big")
    matrix = tuple(bytearray(a ^ b for a, b in zip(row, flip[i * (size + 1):]))
                   for i, row in enumerate(first.matrix))
    encoder.add_format_info(matrix, first.version, first.error, mask)
    return segno.QRCode(first._replace(matrix=matrix, mask=mask))


class _Grid:
    """For one size of QR code: the modules data may use (``region``), the modules around them as segno has
    them while it scores masks (finder, timing and alignment patterns; reserved format and version areas
    light: ``fixed``), and each of the eight mask patterns, as rows and as columns. A whole matrix is one
    integer with a byte per module, its lines one after another (the first module in the highest byte), each
    followed by a byte 2 that no run or pattern of modules crosses."""

    def __init__(self, size: int):
        from segno import encoder

        base = encoder.make_matrix(size, size)
        encoder.add_finder_patterns(base, size, size)
        encoder.add_alignment_patterns(base, size, size)
        base[-8][8] = 0x0  # the dark module is written with the format information, after the choice
        rng = range(size)
        functions = encoder.get_data_mask_functions(False)
        self.size = size
        self.region = _whole([[1 if v > 1 else 0 for v in row] for row in base], 0)
        self.fixed = _whole([[0 if v > 1 else v for v in row] for row in base], 2)
        self.region_t = _whole([[1 if base[i][j] > 1 else 0 for i in rng] for j in rng], 0)
        self.fixed_t = _whole([[0 if base[i][j] > 1 else base[i][j] for i in rng] for j in rng], 2)
        self.patterns = [_whole([[1 if fn(i, j) else 0 for j in rng] for i in rng], 0) for fn in functions]
        self.patterns_t = [_whole([[1 if fn(i, j) else 0 for i in rng] for j in rng], 0) for fn in functions]
        self.ones = _whole([[1] * size] * size, 0)  # 1 on every module
        self.not_first = _whole([[0] + [1] * (size - 1)] * size, 0)  # ... but the first of each line
        self.inner = _whole([[0] * size] + [[0] + [1] * (size - 1)] * (size - 1), 0)  # ... and of the first line


def _whole(lines, end: int) -> int:
    return int.from_bytes(b"".join(bytes(line) + bytes((end,)) for line in lines), "big")


@functools.lru_cache(maxsize=8)
def _grid(size: int) -> _Grid:
    return _Grid(size)


_N3 = bytes((1, 0, 1, 1, 1, 0, 1))


def _n1(lines: int, g: _Grid) -> tuple[int, int]:
    """N1 of a whole matrix (3 for each run of five modules of one colour in a line, 1 more for each further
    module), and where each module is the colour of the one before it in its line."""
    same = (lines ^ (lines >> 8) ^ g.ones) & g.not_first
    fives = same & (same >> 8) & (same >> 16) & (same >> 24)  # the last module of five of one colour
    return fives.bit_count() + 2 * (fives & ~(fives >> 8)).bit_count(), same


def _n3(whole: bytes, size: int) -> int:
    """N3: 40 for each 1:1:3:1:1 pattern in a line, counted as segno's ``n3_pattern_occurrences`` counts it."""
    score = 0
    stride = size + 1
    idx = whole.find(_N3)
    while idx != -1:
        col = idx % stride
        start = idx - col  # the line's first module
        offset = idx + 7
        if col in (0, size - 7) \
                or not any(whole[max(idx - 4, start):idx]) \
                or not any(whole[offset:min(offset + 4, start + size)]):
            score += 40
        else:  # not light enough around it: look again from the next possible start
            offset = idx + 4
        idx = whole.find(_N3, offset)
    return score


def _best_mask(matrix) -> int:
    """The mask segno would choose for a QR code whose matrix (made with mask 0) is ``matrix``: the first of
    the lowest penalty (ISO/IEC 18004 7.8.3 as segno's ``mask_scores`` has it)."""
    size = len(matrix)
    g = _grid(size)
    data = _whole(matrix, 0) ^ g.patterns[0]  # unmasked, where data is
    data_t = _whole(zip(*matrix), 0) ^ g.patterns_t[0]
    length = size * (size + 1)
    shift_line = 8 * (size + 1)
    best, best_score = 0, None
    for k in range(8):
        rows = g.fixed | ((data ^ g.patterns[k]) & g.region)
        cols = g.fixed_t | ((data_t ^ g.patterns_t[k]) & g.region_t)
        n1_rows, same = _n1(rows, g)
        n1_cols, _ = _n1(cols, g)
        n2 = 3 * (same & (same >> shift_line) & (rows ^ (rows >> shift_line) ^ g.ones) & g.inner).bit_count()
        dark = rows.bit_count() - size  # less the line ends
        percent = float(dark) / (size ** 2)
        score = (n1_rows + n1_cols + n2 + _n3(rows.to_bytes(length, "big"), size)
                 + _n3(cols.to_bytes(length, "big"), size) + 10 * int(abs(percent * 100 - 50) / 5))
        if best_score is None or score < best_score:
            best, best_score = k, score
    return best


__all__ = ["qr_svg", "qr_code"]
