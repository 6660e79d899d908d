"""Hypothesis strategies for fuzzing the text layer and the extractors with hostile and news-like text.

``noise`` draws fragments of every kind the pipeline may meet: characters of every Unicode category
but surrogates (a document is UTF-8), letters and digits of many scripts, combining marks, emoji,
format characters (zero-width joiners, bidi controls), control characters, currency signs, numbers
with every kind of separator, dates of every shape and year, very long tokens, markup and reference
markers, right-to-left text and blank lines. ``news_sentence`` assembles realistic sentences from
templates with random values, and ``document_text`` mixes both into a whole document.
"""

from string import ascii_uppercase

from hypothesis import strategies as st

SCRIPT_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÉÎÖØÜßŁłŒœŠšŽžİıĞğŞş",
    "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΣΩ",
    "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЖЗИЯ",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "אבגדהוזחטיכלמנסעפצקרשת",
    "अआइईउऊकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
    "中国美国芯片出口管制华为台积电英伟达年月日",
    "ひらがなカタカナ東京大阪",
    "한국어서울삼성전자반도체",
    "กขคงจฉชซญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ",
    "ሀለሐመሠረሰሸቀበተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ",
)
COMBINING_MARKS = "\u0300\u0301\u0302\u0303\u0308\u030a\u0327\u0331\u0361\u064b\u0650\u05b7\u093c\u20dd\u20e3\ufe0f"
FORMAT_CHARACTERS = (
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2066\u2067\u2068\u2069\ufeff"
)
CONTROL_CHARACTERS = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]) + "\u2028\u2029"
EMOJI = ("😀", "👍🏽", "👨‍👩‍👧", "🇺🇸", "🇨🇳", "📈", "💰", "🔥", "1️⃣", "#️⃣", "🏳️‍🌈", "🧑🏿‍💻")
DIGIT_SCRIPTS = (
    "0123456789",
    "٠١٢٣٤٥٦٧٨٩",
    "۰۱۲۳۴۵۶۷۸۹",
    "०१२३४५६७८९",
    "০১২৩৪৫৬৭৮৯",
    "๐๑๒๓๔๕๖๗๘๙",
    "０１２３４５６７８９",
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
    "¹²³⁴⁵⁶⁷⁸⁹⁰",
    "½¼¾⅓Ⅻⅻ",
)
CURRENCY = ("$", "€", "£", "¥", "₹", "₩", "₽", "₺", "₪", "฿", "US$", "HK$", "A$", "C$", "NT$", "R$", "Rs", "CHF", "EUR")
SCALES = ("", " million", " billion", " trillion", "bn", "m", "k", " thousand", " crore", " lakh", " mln", " bln")
NUMBER_SEPARATORS = (",", ".", " ", "\u00a0", "\u202f", "'", "_", "٬", "٫")
MONTHS = (
    ("January", "February", "March", "April", "May", "June"),
    ("July", "August", "September", "October", "November", "December"),
    ("Jan.", "Feb", "Sept.", "Oct", "Dec."),
    ("janvier", "février", "mars", "août", "décembre"),
    ("Januar", "März", "Juni", "Oktober", "Dezember"),
    ("enero", "marzo", "agosto", "septiembre", "diciembre"),
    ("января", "марта", "сентября", "декабря"),
    ("一月", "十二月", "1月", "12月"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon.", "lundi", "Sonntag")
RELATIVE_TIMES = (
    "last year",
    "next year",
    "this quarter",
    "the quarter",
    "a year earlier",
    "a year ago",
    "the year-earlier period",
    "that year",
    "the following month",
    "earlier this month",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "next week",
    "last weekend",
    "the past 12 months",
    "the first half",
    "the second half of next year",
    "this spring",
    "last winter",
    "every Monday",
    "each year",
    "for three years",
    "over the past decade",
    "within 90 days",
    "by the end of the year",
    "by the end of 2026",
    "recently",
    "now",
    "3 p.m.",
    "09:30",
    "noon",
    "midnight",
)
COMPANIES = (
    "Nvidia",
    "Nvidia Corp",
    "Huawei",
    "Taiwan Semiconductor Manufacturing Co (TSMC)",
    "TSMC",
    "Apple Inc.",
    "Samsung Electronics",
    "Yangtze Memory Technologies Co (YMTC)",
    "Acme Widgets Ltd",
    "the Commerce Department",
    "the European Union",
    "China",
    "the U.S.",
    "Beijing",
)
PEOPLE = ("Jensen Huang", "Gina Raimondo", "Ms. Li", "Dr. Ana María Núñez", "Mr. O'Brien", "Zhang Wei", "Huang")
OUTLETS = ("Reuters", "Bloomberg", "the Financial Times", "Xinhua", "people familiar with the matter", "analysts")
VERBS_OF_CHANGE = (
    "rose",
    "fell",
    "jumped",
    "slumped",
    "increased",
    "declined",
    "grew",
    "dropped",
    "doubled",
    "tripled",
)
MEASURE_NOUNS = ("revenue", "shares", "exports", "sales", "profit", "output", "prices", "market share", "GDP")
HTML = (
    "<p>",
    "</p>",
    "<div class='x'>",
    "</div>",
    "<br/>",
    '<a href="https://example.com/a?b=1&c=2">',
    "</a>",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&#x201C;",
    "<!-- comment -->",
    "<script>var x = 1 < 2;</script>",
    "<b>",
    "**",
    "__",
    "# ",
    "## Heading",
    "> ",
    "- ",
    "* ",
    "1. ",
    "```",
    "|---|---|",
    "[",
    "]",
    "(",
    ")",
    "[1]",
    "[12]",
    "[^3]",
    "](https://example.org/x)",
    "https://www.example.com/2024/05/01/story.html",
    "http://t.co/abc",
    "www.example.org",
    "www.",
    "http://",
    "https://",
    "example.cn/",
    "Source: https://news.example.net/a",
    "Original: example.cn/article/123/",
    "References:",
    "(via)",
)
RTL_PHRASES = (
    "قالت الحكومة إن الصادرات ارتفعت",
    "بنسبة ٣٫٥٪",
    "הממשלה הודיעה היום",
    "\u202bمرحبا\u202c",
    "\u2067שלום\u2069",
    "العام الماضي 2024",
)
QUOTES = ('"', "“", "”", "‘", "’", "'", "«", "»", "„", "「", "」")
BLANKS = ("\n", "\n\n", "\n\n\n", "   \n", "\n \n", "\t", " ", "  ", "\u00a0", "\u3000")


def _join(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


def _from(choices: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(choices)


years = st.integers(min_value=1, max_value=9999)
days = st.integers(min_value=0, max_value=40)
month_numbers = st.integers(min_value=0, max_value=14)
month_names = st.sampled_from([name for group in MONTHS for name in group])


def any_unicode(max_size: int = 12) -> st.SearchStrategy[str]:
    """Characters of every category except surrogates, which UTF-8 cannot hold."""
    return st.text(st.characters(codec="utf-8"), max_size=max_size)


def script_word(max_size: int = 12) -> st.SearchStrategy[str]:
    """A word in one script, with combining marks, format characters or emoji mixed in now and then."""
    letters = st.sampled_from(SCRIPT_LETTERS).flatmap(
        lambda s: st.text(st.sampled_from(s), min_size=1, max_size=max_size)
    )
    extras = st.text(st.sampled_from(COMBINING_MARKS + FORMAT_CHARACTERS), max_size=2)
    return _join(letters, extras, st.one_of(st.just(""), _from(EMOJI)))


def script_digits() -> st.SearchStrategy[str]:
    """Digits of one script, or decimal digits of any script Unicode knows."""
    own_script = st.sampled_from(DIGIT_SCRIPTS).flatmap(lambda s: st.text(st.sampled_from(s), min_size=1, max_size=6))
    return st.one_of(own_script, st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=4))


def number() -> st.SearchStrategy[str]:
    """A number as news writes it, or nearly: separators, decimals, signs, scales, exponents, huge runs."""
    grouped = st.lists(st.integers(0, 999), min_size=1, max_size=5).flatmap(
        lambda groups: _from(NUMBER_SEPARATORS).map(lambda sep: sep.join(str(g) for g in groups))
    )
    decimal = st.builds(
        lambda whole, frac, mark: f"{whole}{mark}{frac}",
        st.integers(0, 10**6),
        st.integers(0, 999),
        _from((".", ",", "·")),
    )
    floats = st.floats(allow_nan=True, allow_infinity=True).map(repr)
    huge = st.integers(1, 400).map(lambda n: "9" * n)
    return _join(
        _from(("", "", "-", "+", "−", "~", "about ", "nearly ", "more than ", "up to ", "(")),
        st.one_of(st.integers(0, 10**12).map(str), grouped, decimal, floats, huge, script_digits()),
        _from(("", "", "%", " percent", " per cent", " percentage points", " pp", "x", "-fold", " times")),
        _from(SCALES),
    )


def money() -> st.SearchStrategy[str]:
    """An amount of money with a sign before or a code after, ranges included."""
    before = _join(_from(CURRENCY), number())
    after = _join(number(), _from((" dollars", " yuan", " euros", " USD", " EUR", " RMB", "€", " won")))
    ranged = _join(before, _from(("-", "–", " to ", " and ")), number())
    return st.one_of(
        before, after, ranged, st.characters(categories=["Sc"]).flatmap(lambda c: number().map(lambda n: c + n))
    )


def date_text() -> st.SearchStrategy[str]:
    """A date or period of every shape, for any year from 1 to 9999, valid or not."""
    y = years.map(str)
    return st.one_of(
        y,
        _join(y, _from((" BC", " BCE", " AD", " CE", "s", "'s"))),
        _join(_from(("AD ", "300 BC and ", "circa ", "c. ")), y),
        st.builds(lambda n, sfx: f"the {n}{sfx} century", st.integers(1, 99), _from(("st", "nd", "rd", "th"))),
        st.builds(lambda n: f"the {n}0s", st.integers(0, 999)),
        st.builds(lambda n: f"the '{n:02d}s", st.integers(0, 99)),
        st.builds(lambda y_, m, d: f"{y_:04d}-{m:02d}-{d:02d}", years, month_numbers, days),
        st.builds(lambda y_, m, d: f"{d}/{m}/{y_}", years, month_numbers, days),
        st.builds(lambda y_, m: f"{y_}-{m:02d}", years, month_numbers),
        st.builds(lambda m, d, y_: f"{m} {d}, {y_}", month_names, days, years),
        st.builds(lambda m, d, y_: f"{d} {m} {y_}", month_names, days, years),
        st.builds(lambda m, y_: f"{m} {y_}", month_names, years),
        st.builds(lambda q, y_: f"Q{q} {y_}", st.integers(0, 5), years),
        st.builds(lambda q, y_: f"{y_}-Q{q}", st.integers(0, 5), years),
        st.builds(lambda h, y_: f"H{h} {y_}", st.integers(0, 3), years),
        st.builds(lambda y_: f"FY{y_}", years),
        st.builds(lambda y_: f"fiscal {y_}", years),
        st.builds(lambda w, y_: f"week {w} of {y_}", st.integers(0, 60), years),
        st.builds(lambda a, b: f"{a}-{b}", years, years),
        st.builds(lambda a, b: f"{a}–{b % 100:02d}", years, years),
        st.builds(lambda n, u: f"{n} {u} ago", st.integers(0, 10**4), _from(("years", "months", "days", "decades"))),
        st.builds(lambda w, m, d: f"{w}, {m} {d}", _from(WEEKDAYS), month_names, days),
        _join(_from(("on ", "last ", "next ", "this ")), _from(WEEKDAYS)),
        st.builds(lambda nth, y_: f"the {nth} quarter of {y_}", _from(("first", "third", "fifth")), years),
        _from(RELATIVE_TIMES),
    )


def long_token() -> st.SearchStrategy[str]:
    """A token far longer than any word: letters, digits, punctuation or a URL without spaces."""
    return st.one_of(
        st.integers(50, 1200).map(lambda n: "a" * n),
        st.integers(50, 1200).map(lambda n: "1" * n),
        st.integers(20, 400).map(lambda n: "ab." * n),
        st.integers(20, 500).map(lambda n: "https://example.com/" + "x/" * n),
        st.integers(20, 500).map(lambda n: "A." * n),
        st.integers(20, 500).map(lambda n: "$1," * n),
        st.integers(20, 500).map(lambda n: "[1]" * n),
        st.integers(10, 300).map(lambda n: '"' * n),
    )


def news_sentence() -> st.SearchStrategy[str]:
    """A realistic news sentence from a template with random values."""
    company, person, outlet = _from(COMPANIES), _from(PEOPLE), _from(OUTLETS)
    quote_open, quote_close = _from(QUOTES), _from(QUOTES)
    amount = st.one_of(number(), money())
    templates = st.one_of(
        st.builds(
            lambda c, m, v, n, d: f"{c} {m} {v} {n} {d}.",
            company,
            _from(MEASURE_NOUNS),
            _from(VERBS_OF_CHANGE),
            amount,
            date_text(),
        ),
        st.builds(
            lambda p, c, d, n: f"{p}, chief executive of {c}, said on {d} that revenue rose {n}.",
            person,
            company,
            date_text(),
            amount,
        ),
        st.builds(
            lambda o, c, n, d: f"According to {o}, {c} plans to invest {n} by {d}.",
            outlet,
            company,
            money(),
            date_text(),
        ),
        st.builds(
            lambda qo, w, qc, p: f"{qo}We will not {w} the rules,{qc} {p} said.",
            quote_open,
            script_word(),
            quote_close,
            person,
        ),
        st.builds(
            lambda c, n, d, m: f"{c} shipped {n} {m} in {d} [{len(m) % 9}].",
            company,
            number(),
            date_text(),
            _from(MEASURE_NOUNS),
        ),
        st.builds(
            lambda o, c, d: f"{c} may face new export controls in {d}, {o} reported.", outlet, company, date_text()
        ),
        st.builds(lambda c, a, b: f"{c}'s share rose from {a} to {b}, a year earlier.", company, number(), number()),
        st.builds(lambda p, c: f"{p} ({c}) declined to comment.", person, company),
        st.builds(lambda c, d: f"{c} did not say when the plant would open; it was built {d}.", company, date_text()),
        st.builds(lambda r, n: f"{r} {n}", _from(RTL_PHRASES), amount),
    )
    return templates


def noise() -> st.SearchStrategy[str]:
    """One fragment of any kind the fuzzed text is made of."""
    return st.one_of(
        any_unicode(),
        script_word(),
        script_digits(),
        number(),
        money(),
        date_text(),
        long_token(),
        _from(HTML),
        _from(RTL_PHRASES),
        _from(QUOTES),
        _from(BLANKS),
        _from(EMOJI),
        st.text(st.sampled_from(CONTROL_CHARACTERS + FORMAT_CHARACTERS + COMBINING_MARKS), min_size=1, max_size=4),
        st.sampled_from(ascii_uppercase).map(lambda c: f"{c}."),
        _from((". ", "! ", "? ", "… ", ", ", "; ", ": ", " - ", " — ", "...", "?!")),
    )


def sentence_text() -> st.SearchStrategy[str]:
    """One sentence's worth of text: news-like, noise, or news with noise around and inside it."""
    noisy = st.lists(noise(), max_size=8).map(" ".join)
    mixed = st.lists(st.one_of(news_sentence(), noise()), min_size=1, max_size=6).map(" ".join)
    return st.one_of(news_sentence(), noisy, mixed)


def repetitive_text() -> st.SearchStrategy[str]:
    """Words of a small vocabulary, so that passages share and repeat terms (what similarity scores weigh)."""
    words = st.sampled_from(MEASURE_NOUNS + VERBS_OF_CHANGE + ("chip", "export", "Huawei", "Nvidia", "wafer"))
    return st.lists(words, max_size=30).map(" ".join)


def document_text() -> st.SearchStrategy[str]:
    """A whole document: lines of sentences and noise, separated by single and blank lines."""
    line = st.lists(st.one_of(news_sentence(), noise()), min_size=1, max_size=6).map(lambda parts: " ".join(parts))
    separator = _from(("\n", "\n", "\n\n", "\n \n", " ", "\n\n\n"))
    return st.lists(st.tuples(line, separator), min_size=1, max_size=8).map(
        lambda lines: "".join(text + sep for text, sep in lines)
    )
