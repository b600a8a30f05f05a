"""Years and financial years (April to March)."""


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def fy_of(d):
    return d.year if d.month >= 4 else d.year - 1


def fy_text(y):
    return f"{y}-{(y + 1) % 100:02d}"
