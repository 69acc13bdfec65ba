"""English (en and en-gb): the month written out, as German, French and Spanish already have
it in Django's formats ("17. Dezember 2026", "17 décembre 2026", "17 de diciembre de 2026"),
not Django's en-gb "17 Dec 2026"."""

DATE_FORMAT = "j F Y"
