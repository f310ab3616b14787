"""Country codes the fake knows by name, with the traits reports group by (language, city…)."""

from __future__ import annotations

import re

__all__ = ["GLOBAL", "country_name", "country_traits", "is_country_code"]

GLOBAL = "GLB"
"""PeerClick's code for "Global" (the bot maps "WO" to it)."""

_CODE = re.compile(r"^[A-Z]{2}$")

# code: (name, language, city, region)
_COUNTRIES: dict[str, tuple[str, str, str, str]] = {
    "AR": ("Argentina", "Spanish", "Buenos Aires", "Buenos Aires"),
    "AU": ("Australia", "English", "Sydney", "New South Wales"),
    "AT": ("Austria", "German", "Vienna", "Vienna"),
    "BE": ("Belgium", "French", "Brussels", "Brussels"),
    "BR": ("Brazil", "Portuguese", "Sao Paulo", "Sao Paulo"),
    "CA": ("Canada", "English", "Toronto", "Ontario"),
    "CH": ("Switzerland", "German", "Zurich", "Zurich"),
    "CL": ("Chile", "Spanish", "Santiago", "Santiago Metropolitan"),
    "CO": ("Colombia", "Spanish", "Bogota", "Bogota"),
    "CZ": ("Czechia", "Czech", "Prague", "Prague"),
    "DE": ("Germany", "German", "Berlin", "Berlin"),
    "DK": ("Denmark", "Danish", "Copenhagen", "Capital Region"),
    "EG": ("Egypt", "Arabic", "Cairo", "Cairo"),
    "ES": ("Spain", "Spanish", "Madrid", "Madrid"),
    "FI": ("Finland", "Finnish", "Helsinki", "Uusimaa"),
    "FR": ("France", "French", "Paris", "Ile-de-France"),
    "GB": ("United Kingdom", "English", "London", "England"),
    "GR": ("Greece", "Greek", "Athens", "Attica"),
    "HU": ("Hungary", "Hungarian", "Budapest", "Budapest"),
    "ID": ("Indonesia", "Indonesian", "Jakarta", "Jakarta"),
    "IE": ("Ireland", "English", "Dublin", "Leinster"),
    "IL": ("Israel", "Hebrew", "Tel Aviv", "Tel Aviv"),
    "IN": ("India", "Hindi", "Mumbai", "Maharashtra"),
    "IT": ("Italy", "Italian", "Rome", "Lazio"),
    "JP": ("Japan", "Japanese", "Tokyo", "Tokyo"),
    "KR": ("South Korea", "Korean", "Seoul", "Seoul"),
    "MX": ("Mexico", "Spanish", "Mexico City", "Mexico City"),
    "MY": ("Malaysia", "Malay", "Kuala Lumpur", "Kuala Lumpur"),
    "NG": ("Nigeria", "English", "Lagos", "Lagos"),
    "NL": ("Netherlands", "Dutch", "Amsterdam", "North Holland"),
    "NO": ("Norway", "Norwegian", "Oslo", "Oslo"),
    "NZ": ("New Zealand", "English", "Auckland", "Auckland"),
    "PE": ("Peru", "Spanish", "Lima", "Lima"),
    "PH": ("Philippines", "Filipino", "Manila", "Metro Manila"),
    "PL": ("Poland", "Polish", "Warsaw", "Masovia"),
    "PT": ("Portugal", "Portuguese", "Lisbon", "Lisbon"),
    "RO": ("Romania", "Romanian", "Bucharest", "Bucharest"),
    "SA": ("Saudi Arabia", "Arabic", "Riyadh", "Riyadh"),
    "SE": ("Sweden", "Swedish", "Stockholm", "Stockholm"),
    "SG": ("Singapore", "English", "Singapore", "Singapore"),
    "TH": ("Thailand", "Thai", "Bangkok", "Bangkok"),
    "TR": ("Turkey", "Turkish", "Istanbul", "Istanbul"),
    "UA": ("Ukraine", "Ukrainian", "Kyiv", "Kyiv"),
    "US": ("United States", "English", "New York", "New York"),
    "VN": ("Vietnam", "Vietnamese", "Ho Chi Minh City", "Ho Chi Minh City"),
    "ZA": ("South Africa", "English", "Johannesburg", "Gauteng"),
}

GLOBAL_MIX: tuple[str, ...] = ("US", "GB", "DE", "FR", "CA", "BR", "IN", "AU", "ES", "IT")
"""Countries traffic comes from when a campaign targets Global."""


def is_country_code(code: str) -> bool:
    """ISO 3166-1 alpha-2 in upper case, or GLB."""
    return code == GLOBAL or bool(_CODE.match(code))


def country_name(code: str) -> str:
    """English name; "Global" for GLB; the code itself when the fake does not know it."""
    if code == GLOBAL:
        return "Global"
    return _COUNTRIES.get(code, (code, "", "", ""))[0]


def country_traits(code: str) -> tuple[str, str, str, str]:
    """(name, language, city, region) for report dimensions."""
    return _COUNTRIES.get(code, (country_name(code), "Unknown", "Unknown", "Unknown"))
